/**
 * Warms what the map derives from each chapter's runs as soon as they are done, one chapter per
 * idle task, so a chapter shown for the first time finds its run-wide scans (arc and city maxima,
 * first exposure per country, the per-country peak) and its step's arcs already computed. The
 * selectors memoise on their inputs (`weakMapMemoize`, and scans kept per world), so evaluating
 * them on the chapter's state built off screen (`chapterStateOf`) leaves results the real switch
 * finds again.
 */
import { useEffect } from 'react'
import { chapterStateOf } from '../../store/briefing-slice'
import type { AppState, AppStore } from '../../store/store'
import {
  selectExposedCountries,
  selectStepDrawList,
  selectMaxCountryKeys,
  selectSiteItems,
} from '../map/draw-list'
import { shownChapterFigures } from './chapter-figures'

/** Computes the map's data for chapter `index` at its start and its end; false if not ready. */
export function warmChapter(state: AppState, index: number): boolean {
  const chapter = state.briefing?.chapters[index]
  if (!chapter) return false
  for (const at of ['start', 'end'] as const) {
    const shown = chapterStateOf(state, index, at)
    if (!shown) return false
    selectStepDrawList(shown)
    selectSiteItems(shown)
    selectExposedCountries(shown)
    selectMaxCountryKeys(shown)
    shownChapterFigures(shown, chapter)
  }
  return true
}

// A browser without requestIdleCallback (Safari) warms in plain tasks.
const later = (task: () => void): (() => void) => {
  if (typeof requestIdleCallback === 'function') {
    const id = requestIdleCallback(task, { timeout: 500 })
    return () => cancelIdleCallback(id)
  }
  const id = setTimeout(task, 0)
  return () => clearTimeout(id)
}

/**
 * While a briefing is open, warms each chapter once its runs are done (see `warmChapter`).
 * Returns the function that stops it.
 */
export function warmChapters(
  store: AppStore,
  warm: (state: AppState, index: number) => boolean = warmChapter,
): () => void {
  let briefing = store.getState().briefing
  let warmed = new Set<number>()
  let cancel: (() => void) | null = null

  const next = (): void => {
    cancel = null
    const state = store.getState()
    if (!state.briefing) return
    const count = state.briefing.chapters.length
    for (let i = 0; i < count; i++) {
      if (warmed.has(i)) continue
      if (warm(state, i)) {
        warmed.add(i)
        // One chapter per task: the presenter's keys are never kept waiting behind the rest.
        schedule()
        return
      }
    }
  }
  const schedule = (): void => {
    if (!cancel) cancel = later(next)
  }

  // Progress messages change `keptRuns` many times a second; only a run finishing can make a
  // chapter ready.
  const doneCount = (state: AppState): number =>
    state.keptRuns.filter((k) => k.status === 'done').length
  const unsubscribe = store.subscribe((state, previous) => {
    const isNewBriefing = state.briefing !== briefing
    if (isNewBriefing) {
      briefing = state.briefing
      warmed = new Set()
    }
    if (!state.briefing) return
    const isRunDone =
      state.keptRuns !== previous.keptRuns && doneCount(state) !== doneCount(previous)
    if (isNewBriefing || isRunDone) schedule()
  })
  // A briefing opened before this started (a link) is warmed as its runs allow.
  if (briefing) schedule()
  return () => {
    unsubscribe()
    cancel?.()
  }
}

/** Warms the open briefing's chapters while this component is mounted. */
export function useWarmChapters(store: AppStore): void {
  useEffect(() => warmChapters(store), [store])
}
