/**
 * The briefing slice: a briefing presented chapter by chapter. Opening one keeps every chapter's
 * runs computed (runs-slice `keepRuns`), so showing a chapter sets the view and finds its runs
 * ready. Forward inside a chapter with a time range first plays it, then moves on.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { Briefing, ChapterView } from '../sim/briefing'
import { chapterLaunches, chapterPatch, chapterSelection, chapterViewState } from './chapter-view'
import { launchKey } from './launch-key'
import type { RunLaunch } from './launch-key'
import { selectMapRun } from './selectors'
import type { AppState, AppStore } from './store'
import type { Selection } from './url-state'

/** A chapter's range plays in about this many seconds, whatever its length. */
export const RANGE_PLAY_SECONDS = 8

/** Where the map should go: a chapter's frame, numbered so the same frame asked twice moves again. */
export interface FrameRequest {
  readonly frame: NonNullable<ChapterView['frame']>
  readonly seq: number
}

/** The briefing being presented and its actions. */
export interface BriefingSlice {
  /** The briefing on screen; null in the dashboard. */
  readonly briefing: Briefing | null
  /** Index of the chapter shown (0-based; links count from 1). */
  readonly chapterIndex: number
  /** The screen is blanked (B or . on a clicker). */
  readonly isBlank: boolean
  readonly frameRequest: FrameRequest | null
  /** Where playback stops in a chapter with a range (minutes since the start); null otherwise. */
  readonly playStopMinutes: number | null

  /** Opens a briefing at a chapter and starts every chapter's runs. */
  readonly openBriefing: (briefing: Briefing, chapterIndex?: number) => void
  /** Shows a chapter at its start (a range's beginning) or its end (coming back to it). */
  readonly showChapter: (index: number, at?: 'start' | 'end') => void
  /** Plays the chapter's range, jumps to its end while it plays, or shows the next chapter. */
  readonly forward: () => void
  readonly back: () => void
  /** Leaves briefing mode where it stands: the dashboard shows the chapter's view. */
  readonly leaveBriefing: () => void
  readonly setBlank: (isBlank: boolean) => void
}

const speedOfRange = (from: number, to: number): number =>
  Math.max(1, (to - from) / RANGE_PLAY_SECONDS)

/** The briefing slice. */
export const createBriefingSlice: StateCreator<AppState, [], [], BriefingSlice> = (set, get) => {
  let frameSeq = 0
  // The dashboard's playback speed, given back when the briefing closes.
  let dashboardSpeed: number | null = null

  const showChapter = (index: number, at: 'start' | 'end' = 'start'): void => {
    const { briefing } = get()
    const chapter = briefing?.chapters[index]
    if (!chapter) return
    const v = chapterViewState(chapter.view)
    const { frame } = chapter.view
    set({
      ...chapterPatch(chapter.view, at),
      chapterIndex: index,
      isBlank: false,
      playStopMinutes: v.toMinutes > v.fromMinutes ? v.toMinutes : null,
      ...(frame ? { frameRequest: { frame, seq: ++frameSeq } } : {}),
    })
    // The briefing chose these runs: no "this run is long" question in front of a room.
    get().confirmRun()
    if (chapter.view.selection?.kind === 'first-exposed-meeting') {
      const selection = chapterSelection(chapter.view, selectMapRun(get()))
      set({ selection, ...(at === 'start' ? meetingTime(selection, get()) : {}) })
    }
  }

  return {
    briefing: null,
    chapterIndex: 0,
    isBlank: false,
    frameRequest: null,
    playStopMinutes: null,

    openBriefing(briefing, chapterIndex = 0) {
      const index = Math.max(0, Math.min(briefing.chapters.length - 1, chapterIndex))
      if (get().briefing === null) dashboardSpeed = get().speedMinutesPerSecond
      set({ briefing })
      // The chapter asked for first, then the rest in order; each distinct run once.
      const order = [index, ...briefing.chapters.keys()].filter((i, k, all) => all.indexOf(i) === k)
      const launches = new Map<string, RunLaunch>()
      for (const i of order)
        for (const launch of chapterLaunches(briefing.chapters[i]!.view))
          launches.set(launchKey(launch), launch)
      get().keepRuns([...launches.values()])
      showChapter(index)
    },
    showChapter,
    forward() {
      const { briefing, chapterIndex, isPlaying, timeMinutes, playStopMinutes } = get()
      if (!briefing) return
      if (playStopMinutes !== null) {
        if (isPlaying) {
          set({ isPlaying: false })
          get().setTime(playStopMinutes)
          return
        }
        if (timeMinutes < playStopMinutes) {
          const v = chapterViewState(briefing.chapters[chapterIndex]!.view)
          set({ speedMinutesPerSecond: speedOfRange(v.fromMinutes, v.toMinutes) })
          get().play()
          return
        }
      }
      if (chapterIndex < briefing.chapters.length - 1) showChapter(chapterIndex + 1)
    },
    back() {
      const { briefing, chapterIndex } = get()
      if (briefing && chapterIndex > 0) showChapter(chapterIndex - 1, 'end')
    },
    leaveBriefing() {
      if (!get().briefing) return
      set({
        briefing: null,
        isBlank: false,
        isPlaying: false,
        playStopMinutes: null,
        ...(dashboardSpeed === null ? {} : { speedMinutesPerSecond: dashboardSpeed }),
      })
      dashboardSpeed = null
      // The runs on screen stay; the other chapters' runs are let go.
      get().keepRuns([])
    },
    setBlank: (isBlank) => set({ isBlank }),
  }
}

/**
 * Finds a chapter's meeting when its run finishes: a `first-exposed-meeting` selection names a
 * meeting only the finished run knows. Returns the unsubscribe function.
 */
export function followChapterMeeting(store: AppStore): () => void {
  return store.subscribe((state, prev) => {
    const chapter = state.briefing?.chapters[state.chapterIndex]
    if (chapter?.view.selection?.kind !== 'first-exposed-meeting' || state.selection) return
    const shown = selectMapRun(state)
    if (shown === selectMapRun(prev) || shown?.status !== 'done') return
    const selection = chapterSelection(chapter.view, shown)
    if (!selection) return
    // Still at the chapter's start: the meeting's own hour is where the chapter begins.
    const isAtStart =
      !state.isPlaying && state.timeMinutes === chapterViewState(chapter.view).fromMinutes
    store.setState({ selection, ...(isAtStart ? meetingTime(selection, state) : {}) })
  })
}

/**
 * A chapter that shows a meeting starts at the step the meeting's key was delivered in (within
 * its range), so the map draws its key path; forward then plays the rest of the range.
 */
function meetingTime(
  selection: Selection | null,
  state: Pick<AppState, 'timeMinutes' | 'run' | 'compare' | 'mapRun'>,
): Partial<AppState> {
  const run = selectMapRun(state)
  if (selection?.kind !== 'incident' || !('timeMinutes' in selection.ref) || !run) return {}
  const step = Math.floor(selection.ref.timeMinutes / run.stepMinutes) * run.stepMinutes
  return { timeMinutes: Math.max(state.timeMinutes, step) }
}

/**
 * The whole state chapter `index` shows once its runs are ready, built beside the current state
 * without showing it: what warming a chapter and exporting it off screen read. Null when the
 * chapter does not exist or one of its runs is not kept and done.
 */
export function chapterStateOf(
  state: AppState,
  index: number,
  at: 'start' | 'end' = 'start',
): AppState | null {
  const chapter = state.briefing?.chapters[index]
  if (!chapter) return null
  const runs = chapterLaunches(chapter.view).map((launch) => state.keptRun(launch))
  if (runs.some((r) => r?.status !== 'done')) return null
  const shown: AppState = {
    ...state,
    ...chapterPatch(chapter.view, at),
    run: runs[0] ?? null,
    compare: runs[1] ?? null,
    chapterIndex: index,
  }
  if (chapter.view.selection?.kind !== 'first-exposed-meeting') return shown
  const selection = chapterSelection(chapter.view, selectMapRun(shown))
  return { ...shown, selection, ...(at === 'start' ? meetingTime(selection, shown) : {}) }
}
