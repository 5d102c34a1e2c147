/**
 * Keeps the briefing being written in the user's library as it changes: the first change saves
 * it as a new item, later ones update that item, at most once per `waitMs`. A briefing opened
 * from the library goes on in its own item. A cleared draft stays in the library.
 */
import { briefingFileOf } from './briefing-draft-slice'
import type { AppStore } from './store'

/** Saves the draft to the library as it changes; returns the function that stops it. */
export function keepDraftInLibrary(store: AppStore, waitMs = 1000): () => void {
  let itemId: string | null = null
  let timer: ReturnType<typeof setTimeout> | undefined
  const save = (): void => {
    const { draft, saveLibraryItem, updateLibraryItem } = store.getState()
    if (!draft || draft.chapters.length === 0) return
    const { text } = briefingFileOf(draft)
    if (itemId === null) itemId = saveLibraryItem({ kind: 'briefing', name: draft.title, text })
    else updateLibraryItem(itemId, { text, name: draft.title })
  }
  const unsubscribe = store.subscribe((s, prev) => {
    if (s.draftLibraryId !== prev.draftLibraryId) itemId = s.draftLibraryId
    if (s.draft === prev.draft) return
    clearTimeout(timer)
    if (s.draft === null) {
      itemId = null
      return
    }
    timer = setTimeout(save, waitMs)
  })
  return () => {
    unsubscribe()
    clearTimeout(timer)
  }
}
