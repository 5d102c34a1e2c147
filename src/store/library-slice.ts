/**
 * The library slice: the user's own work kept across reloads. Imported scenarios are saved as
 * they are imported, a `custom=1` link reopens its scenario from the library, and other parts of
 * the app save their work with `saveLibraryItem` / `updateLibraryItem`. Writes go one after the
 * other; when the browser refuses them (no storage, storage full) the work is kept in the page,
 * listed as not saved, and a notice says so until it is downloaded.
 */
import type { StateCreator } from 'zustand/vanilla'
import { visibleText } from '../sim/display-text'
import type { ScenarioError } from '../sim/scenario'
import { backupText, parseBackup } from './library-backup'
import { utf8Bytes } from './library'
import type { LibraryKind, LibraryRow } from './library'
import { mergeBackupRows, newLibraryId, storageProblem } from './library'
import type { LibraryStorage } from './library'
import { CUSTOM_LINK_NOTICE } from './settings-slice'
import type { AppState } from './store'
import type { UrlState } from './url-state'

/** An item as the panel lists it: no text, and whether it is in the browser's storage yet. */
export interface LibraryEntry extends Omit<LibraryRow, 'text'> {
  readonly isSaved: boolean
}

/** The last backup file read, and its problems (none: it was imported). */
export interface BackupImportResult {
  readonly fileName: string
  readonly errors: readonly ScenarioError[]
}

/** The library's state and actions. */
export interface LibrarySlice {
  /** `off`: this store keeps no library (tests, tools); `refused`: the browser refused storage. */
  readonly libraryState: 'off' | 'opening' | 'ready' | 'refused'
  /** Newest change first. */
  readonly libraryItems: readonly LibraryEntry[]
  /** Why the last write or the opening failed; null once a write succeeds. */
  readonly libraryProblem: string | null
  /** The library item the imported scenario on screen came from (a link names it). */
  readonly libraryItemId: string | null
  /** The library item the briefing being written was opened from (it is saved back there). */
  readonly draftLibraryId: string | null
  /** What the library last did, for people who cannot see the list change. */
  readonly libraryStatus: string
  /** The item deleted last, until undone or another is deleted. */
  readonly libraryUndo: { readonly id: string; readonly name: string } | null
  readonly backupResult: BackupImportResult | null

  /** Saves new work; returns its id at once (the write follows, see `libraryIdle`). */
  readonly saveLibraryItem: (item: { kind: LibraryKind; name: string; text: string }) => string
  /** Changes an item's text and/or name; the caller debounces frequent edits. */
  readonly updateLibraryItem: (id: string, patch: { text?: string; name?: string }) => void
  readonly deleteLibraryItem: (id: string) => void
  readonly undoLibraryDelete: () => void
  /** An item with its text (from storage, or from the page when storage refused it). */
  readonly readLibraryItem: (id: string) => Promise<LibraryRow | undefined>
  /**
   * Opens a stored scenario as the imported scenario, or a stored briefing as the briefing being
   * written; false if it is gone or was refused.
   */
  readonly openLibraryItem: (id: string) => Promise<boolean>
  /** The most recently changed item of a kind, stored or kept in the page; undefined if none. */
  readonly latestLibraryItem: (kind: LibraryKind) => Promise<LibraryRow | undefined>
  /** Every item as one backup file's text. */
  readonly libraryBackup: () => Promise<string>
  /** Reads a backup file and adds what the library lacks; false if the file was refused. */
  readonly importLibraryBackup: (text: string, fileName: string) => Promise<boolean>
  /** Resolves when every write asked for so far has been made (or kept in the page). */
  readonly libraryIdle: () => Promise<void>
  /** Called by the settings slice when a scenario file was imported. */
  readonly keepImportedScenario: (text: string, fileName: string) => void
  /** Called by the settings slice when a `custom=1` link waits for its file. */
  readonly reopenLinkedScenario: (url: UrlState) => void
}

/** Options of `createAppStore` for the library. */
export interface LibraryOptions {
  /** Opens the library's storage; without it the store keeps no library. */
  readonly openLibrary?: () => Promise<LibraryStorage>
}

/** Shown when a link names a library item this browser does not hold. */
export const LIBRARY_MISSING_NOTICE =
  'This link was made with an imported scenario that is not in this browser’s library; import the file again to reproduce the run. Until then the default scenario runs with the link’s settings.'

// Resolves in a later task: work after it does not lengthen the task that awaited it.
const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

const entryOf = ({ text: _text, ...rest }: LibraryRow, isSaved: boolean): LibraryEntry => ({
  ...rest,
  isSaved,
})

/** The library slice. */
export function createLibrarySlice({
  openLibrary,
}: LibraryOptions): StateCreator<AppState, [], [], LibrarySlice> {
  return (set, get) => {
    // Rows the browser has not stored (yet): retried with every write, downloaded with the rest.
    const unsaved = new Map<string, LibraryRow>()
    let deleted: LibraryRow | null = null
    // Set while a stored scenario is being opened, so opening it does not save it again.
    let reopening: string | null = null
    // Never rejects: a library that cannot be opened or listed is refused, and writes stay here.
    const ready: Promise<LibraryStorage | null> = openLibrary
      ? openLibrary()
          .then(async (storage) => {
            const rows = await storage.list()
            set({ libraryState: 'ready', libraryItems: rows.map((r) => entryOf(r, true)) })
            return storage
          })
          .catch((error: unknown) => {
            set({ libraryState: 'refused', libraryProblem: storageProblem(error) })
            return null
          })
      : Promise.resolve(null)
    // Writes go one after the other, the first once the library is open and listed.
    let queue: Promise<unknown> = ready
    const enqueue = <T>(task: () => Promise<T>): Promise<T> => {
      const next = queue.then(task)
      queue = next.catch(() => undefined)
      return next
    }

    const show = (row: LibraryRow, isSaved: boolean): void => {
      const others = get().libraryItems.filter((e) => e.id !== row.id)
      set({
        libraryItems: [entryOf(row, isSaved), ...others].sort((a, b) => b.updatedMs - a.updatedMs),
      })
    }

    const tellKeptInPage = (row: LibraryRow, problem: string): void => {
      const running = row.kind === 'scenario' ? '; the imported scenario keeps running' : ''
      const notice = `“${row.name}” could not be saved in your library: ${problem}. It stays in this page until you download it (My library, Download everything)${running}.`
      const { notices } = get()
      set({
        libraryProblem: problem,
        notices: notices.includes(notice) ? notices : [...notices, notice],
      })
    }

    /** Stores the rows (and any kept in the page before); false when they stay in the page. */
    const store = async (rows: readonly LibraryRow[]): Promise<boolean> => {
      rows.forEach((r) => unsaved.set(r.id, r))
      const storage = await ready
      if (!storage) {
        rows.forEach((r) => show(r, false))
        const problem = get().libraryProblem
        if (get().libraryState === 'refused' && problem && rows[0]) tellKeptInPage(rows[0], problem)
        return false
      }
      try {
        await storage.putAll([...unsaved.values()])
      } catch (error) {
        rows.forEach((r) => show(r, false))
        if (rows[0]) tellKeptInPage(rows[0], storageProblem(error))
        return false
      }
      for (const r of unsaved.values())
        if (get().libraryItems.some((e) => e.id === r.id)) show(r, true)
      rows.forEach((r) => show(r, true))
      unsaved.clear()
      set({ libraryProblem: null })
      return true
    }
    const persist = (rows: readonly LibraryRow[]): Promise<boolean> => enqueue(() => store(rows))

    const readItem = async (id: string): Promise<LibraryRow | undefined> => {
      const kept = unsaved.get(id)
      if (kept) return kept
      const storage = await ready
      return storage?.get(id).catch(() => undefined)
    }

    const latest = async (kind: LibraryKind): Promise<LibraryRow | undefined> => {
      const storage = await ready
      return [
        await storage?.latest(kind).catch(() => undefined),
        ...[...unsaved.values()].filter((r) => r.kind === kind),
      ].reduce((a, b) => (a && (!b || a.updatedMs >= b.updatedMs) ? a : b), undefined)
    }

    const allRows = async (): Promise<LibraryRow[]> => {
      const storage = await ready
      // What the browser cannot read back stays in it; what is only here is downloaded anyway.
      const stored = storage
        ? await storage.list().catch((error: unknown) => {
            set({ libraryProblem: storageProblem(error) })
            return []
          })
        : []
      const ids = new Set(unsaved.keys())
      return [...unsaved.values(), ...stored.filter((r) => !ids.has(r.id))].sort(
        (a, b) => b.updatedMs - a.updatedMs,
      )
    }

    const openScenario = (row: LibraryRow): boolean => {
      reopening = row.id
      try {
        return get().importScenario(row.text, row.name)
      } finally {
        reopening = null
      }
    }

    return {
      libraryState: openLibrary ? 'opening' : 'off',
      libraryItems: [],
      libraryProblem: null,
      libraryItemId: null,
      draftLibraryId: null,
      libraryStatus: '',
      libraryUndo: null,
      backupResult: null,

      saveLibraryItem({ kind, name, text }) {
        const now = Date.now()
        const row: LibraryRow = {
          id: newLibraryId(),
          kind,
          name: visibleText(name).trim() || 'Untitled',
          text,
          createdMs: now,
          updatedMs: now,
          sizeBytes: utf8Bytes(text),
        }
        show(row, false)
        void persist([row])
        return row.id
      },
      updateLibraryItem(id, patch) {
        void enqueue(async () => {
          const row = await readItem(id)
          if (!row) return
          const name = patch.name === undefined ? row.name : visibleText(patch.name).trim()
          const text = patch.text ?? row.text
          const next = { ...row, name: name || row.name, text, sizeBytes: utf8Bytes(text) }
          await store([{ ...next, updatedMs: Date.now() }])
          if (patch.name !== undefined) set({ libraryStatus: `Renamed to “${next.name}”.` })
        })
      },
      deleteLibraryItem(id) {
        void enqueue(async () => {
          const row = await readItem(id)
          if (!row) return
          deleted = row
          unsaved.delete(id)
          set({
            libraryItems: get().libraryItems.filter((e) => e.id !== id),
            libraryUndo: { id, name: row.name },
            libraryStatus: `Deleted “${row.name}”.`,
          })
          const storage = await ready
          try {
            await storage?.delete(id)
          } catch (error) {
            // Still stored: listed again, and said, so it does not come back unexplained later.
            if (deleted === row) deleted = null
            show(row, true)
            set({
              libraryUndo: null,
              libraryStatus: `“${row.name}” could not be deleted: ${storageProblem(error)}. It is still in your library.`,
            })
          }
        })
      },
      undoLibraryDelete() {
        const row = deleted
        if (!row) return
        deleted = null
        set({ libraryUndo: null, libraryStatus: `Restored “${row.name}”.` })
        show(row, false)
        void persist([row])
      },
      readLibraryItem: (id) => enqueue(() => readItem(id)),
      openLibraryItem: (id) =>
        enqueue(async () => {
          const row = await readItem(id)
          // A briefing opens as the briefing being written, checked as an imported file is.
          const isOpened =
            (row?.kind === 'scenario' && openScenario(row)) ||
            (row?.kind === 'briefing' && get().importBriefing(row.text, row.name)) ||
            (row?.kind === 'observed' && get().openObservations(row.text, row.name, row.id))
          if (row && isOpened)
            set({
              libraryStatus: `Opened “${row.name}”.`,
              ...(row.kind === 'briefing' ? { draftLibraryId: row.id } : {}),
            })
          return isOpened
        }),
      latestLibraryItem: (kind) => enqueue(() => latest(kind)),
      libraryBackup: () => enqueue(async () => backupText(await allRows(), Date.now())),
      importLibraryBackup: (text, rawFileName) =>
        enqueue(async () => {
          const fileName = visibleText(rawFileName)
          const parsed = parseBackup(text)
          if (!parsed.ok) {
            set({ backupResult: { fileName, errors: parsed.errors } })
            return false
          }
          const { added, skipped } = mergeBackupRows(await allRows(), parsed.rows)
          set({
            backupResult: { fileName, errors: [] },
            libraryStatus: `Imported ${added.length} item${added.length === 1 ? '' : 's'} from ${fileName}${skipped > 0 ? `; ${skipped} already in your library` : ''}.`,
          })
          added.forEach((r) => show(r, false))
          if (added.length > 0) await store(added)
          return true
        }),
      libraryIdle: async () => {
        // Writes asked for while this waits are waited for too.
        for (let last = null as unknown; last !== queue;) {
          last = queue
          await queue
        }
      },

      keepImportedScenario(text, fileName) {
        if (reopening !== null) return set({ libraryItemId: reopening })
        set({ libraryItemId: null })
        if (get().libraryState === 'off') return
        const scenario = get().customScenario
        void enqueue(async () => {
          // In a task after the import's: for a large world, measuring the text, comparing it
          // with stored ones and handing it to IndexedDB took some 15 ms of the task that also
          // starts the run and renders the new scenario.
          await nextTask()
          // The same file imported again is the same item, made the newest.
          const size = utf8Bytes(text)
          let row: LibraryRow | undefined
          for (const e of get().libraryItems) {
            if (e.kind !== 'scenario' || e.sizeBytes !== size) continue
            const candidate = await readItem(e.id)
            if (candidate?.text === text) row = candidate
            if (row) break
          }
          const now = Date.now()
          const kept: LibraryRow = row
            ? { ...row, updatedMs: now }
            : {
                id: newLibraryId(),
                kind: 'scenario',
                name: fileName,
                text,
                createdMs: now,
                updatedMs: now,
                sizeBytes: size,
              }
          if (get().customScenario === scenario) set({ libraryItemId: kept.id })
          show(kept, false)
          // Handing a large world's text to IndexedDB (some 10-15 ms) gets a task of its own too:
          // with the text's measure and the link and list it changes, the task went over 50 ms.
          await nextTask()
          await store([kept])
        })
      },
      reopenLinkedScenario(url) {
        if (get().libraryState === 'off') return
        // The library answers in a moment: until then the link does not ask for its file, so a
        // screen reader does not hear a request that the next moment takes back.
        set({ notices: get().notices.filter((n) => n !== CUSTOM_LINK_NOTICE) })
        void enqueue(async () => {
          const newest = await latest('scenario')
          const row = url.libraryId ? await readItem(url.libraryId) : newest
          // Another link or an import came first: that one counts.
          if (get().pendingCustomLink !== url) return
          if (row?.kind !== 'scenario' || !openScenario(row)) {
            const notice = url.libraryId ? LIBRARY_MISSING_NOTICE : CUSTOM_LINK_NOTICE
            set({ notices: [...get().notices, notice] })
            return
          }
          const fallback = `This link names no library item; your most recently imported scenario, “${row.name}”, was opened.`
          set({
            notices: url.libraryId ? get().notices : [...get().notices, fallback],
            libraryStatus: `Opened “${row.name}”.`,
          })
        })
      },
    }
  }
}
