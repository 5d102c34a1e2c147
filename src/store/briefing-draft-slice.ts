/**
 * The briefing being written in the dashboard: one plain, serialisable object (`draft`, the
 * briefing file's own shape) that chapters are added to from the current view, edited, moved,
 * removed, downloaded and imported; and `applyChapterView`, which shows a chapter's view in the
 * dashboard (the briefing mode uses it too).
 */
import type { StateCreator } from 'zustand/vanilla'
import { parseBriefing, parseBriefingText } from '../sim/briefing'
import type { BriefingInput, ChapterView } from '../sim/briefing'
import { findFirstExposedMeeting } from '../sim/briefing-figures'
import { visibleText } from '../sim/display-text'
import { METRICS } from '../sim/metrics'
import type { ScenarioError } from '../sim/scenario'
import { chapterOfView } from './briefing-capture'
import { chapterPatch } from './chapter-view'
import type { ChapterInput } from './briefing-capture'
import { incidentSelectionOf } from './incident-identity'
import { selectMapRun } from './selectors'
import type { ImportResult } from './settings-slice'
import type { AppState } from './store'

/** A briefing being written: the file's shape, with no chapter yet allowed. */
export type BriefingDraft = BriefingInput

/** The draft briefing and its actions. */
export interface BriefingDraftSlice {
  readonly draft: BriefingDraft | null
  /** What the last change to the draft did, in words (read out by a live region). */
  readonly draftStatus: string
  /** The last briefing file import; after a refused one the draft stays as it was. */
  readonly briefingImport: ImportResult | null

  /** Starts an empty draft (replacing any). */
  readonly newDraft: () => void
  readonly clearDraft: () => void
  /** Adds the dashboard's current view as the last chapter (starting a draft if none). */
  readonly addChapterFromView: () => void
  readonly setDraftTitle: (title: string) => void
  readonly setDraftAuthor: (author: string) => void
  readonly setChapterTitle: (index: number, title: string) => void
  /** Sets a caption; a `{metric}` it names that the chapter does not call out yet is added. */
  readonly setChapterCaption: (index: number, caption: string) => void
  /** Sets the speaker notes (empty: none). */
  readonly setChapterNotes: (index: number, notes: string) => void
  /** Moves a chapter by `by` places (-1 up, +1 down), within the list. */
  readonly moveChapter: (index: number, by: number) => void
  readonly removeChapter: (index: number) => void
  /** Validates a briefing file's text; a good one becomes the draft. */
  readonly importBriefing: (text: string, fileName: string) => boolean
  /** Refuses a file before reading it (too large, unreadable). */
  readonly refuseBriefingImport: (fileName: string, message: string) => void
  /**
   * Shows a validated chapter view: its scenario, policy, seed, settings, compare, time (a
   * range's end), selection and layers, in one change and one rerun. A `first-exposed-meeting`
   * is selected when the shown run is done. The map frame is left to the map.
   */
  readonly applyChapterView: (view: ChapterView) => void
}

const NEW_DRAFT: BriefingDraft = {
  id: 'my-briefing',
  title: 'My briefing',
  author: 'Written in keyroute; every figure is simulated',
  chapters: [],
}

const MAX_FIGURES = 6

/** A briefing id from a title: kebab-case, at most 64 characters. */
export function idOfTitle(title: string): string {
  const id = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 64)
    .replace(/-+$/, '')
  return id === '' ? NEW_DRAFT.id : id
}

/** The file a draft downloads as, and its text (what `parseBriefingText` reads). */
export function briefingFileOf(draft: BriefingDraft): { fileName: string; text: string } {
  return { fileName: `${draft.id}.briefing.json`, text: `${JSON.stringify(draft, null, 2)}\n` }
}

/** What keeps a draft from being a briefing file that imports again (none: it is one). */
export function draftProblems(draft: BriefingDraft): readonly ScenarioError[] {
  if (draft.chapters.length === 0)
    return [{ path: 'chapters', message: 'add at least one chapter' }]
  const parsed = parseBriefing(draft)
  return parsed.ok ? [] : parsed.errors
}

/**
 * A draft chapter's view, validated as a briefing validates it (so it can be shown), or its
 * problems with their paths in the draft. Only the view counts: words still being written do not
 * keep it from being shown.
 */
export function draftChapterView(
  chapter: ChapterInput,
  index: number,
): { readonly view: ChapterView } | { readonly errors: readonly ScenarioError[] } {
  const parsed = parseBriefing({
    id: 'chapter',
    title: 'chapter',
    author: 'chapter',
    chapters: [
      {
        title: 'chapter',
        caption: 'chapter',
        view: chapter.view,
        sources: [{ assumption: 'chapter' }],
      },
    ],
  })
  const view = parsed.ok ? parsed.briefing.chapters[0]?.view : undefined
  if (view) return { view }
  return {
    errors: (parsed.ok ? [] : parsed.errors).map((e) => ({
      ...e,
      path: e.path.replace(/^chapters\[0\]/, `chapters[${index}]`),
    })),
  }
}

/** Figures for metrics a caption names and the chapter does not call out yet. */
function withNamedFigures(chapter: ChapterInput, caption: string): ChapterInput['figures'] {
  const figures = [...(chapter.figures ?? [])]
  for (const [, name] of caption.matchAll(/\{([^{}]*)\}/g)) {
    const spec = METRICS.find((m) => m.name === name)
    if (!spec || figures.some((f) => f.metric === name) || figures.length >= MAX_FIGURES) continue
    const span = !spec.isStep ? 'run' : spec.combine === 'sum' ? 'upTo' : 'step'
    figures.push({ metric: spec.name, span })
  }
  return figures
}

const errorsNaming = (errors: readonly ScenarioError[], fileName: string): ScenarioError[] =>
  errors.map((e) => ({
    path: e.path === '(file)' ? fileName : e.path,
    message: visibleText(e.message),
  }))

/** The draft slice. */
export const createBriefingDraftSlice: StateCreator<AppState, [], [], BriefingDraftSlice> = (
  set,
  get,
  api,
) => {
  // A chapter's first exposed meeting is found once its run is done; a newer view drops it.
  let stopWaiting: (() => void) | null = null

  const editChapters = (
    status: string,
    edit: (chapters: ChapterInput[]) => ChapterInput[],
  ): void => {
    const draft = get().draft
    if (!draft) return
    set({ draft: { ...draft, chapters: edit([...draft.chapters]) }, draftStatus: status })
  }
  const editChapter = (index: number, edit: (c: ChapterInput) => ChapterInput): void => {
    const draft = get().draft
    const chapter = draft?.chapters[index]
    if (!draft || !chapter) return
    set({
      draft: { ...draft, chapters: draft.chapters.map((c, i) => (i === index ? edit(c) : c)) },
    })
  }

  const selectFirstExposedMeeting = (countries: readonly string[]): void => {
    const launched = selectMapRun(get())?.runId
    const check = (state: AppState): void => {
      const run = selectMapRun(state)
      if (!run || run.runId !== launched) return stop()
      if (run.status === 'running') return
      stop()
      const incident = run.summary ? findFirstExposedMeeting(run.summary, countries) : null
      if (incident && state.selection === null) state.select(incidentSelectionOf(incident))
    }
    const unsubscribe = api.subscribe(check)
    const stop = (): void => {
      unsubscribe()
      if (stopWaiting === stop) stopWaiting = null
    }
    stopWaiting = stop
    // The chapter's run may be done already (the one on screen, kept as it was).
    check(get())
  }

  return {
    draft: null,
    draftStatus: '',
    briefingImport: null,

    newDraft: () => set({ draft: NEW_DRAFT, draftStatus: 'Started a new briefing.' }),
    clearDraft: () => set({ draft: null, draftStatus: 'Briefing cleared.' }),
    addChapterFromView() {
      const draft = get().draft ?? NEW_DRAFT
      const { chapter, notes } = chapterOfView(get())
      const number = draft.chapters.length + 1
      set({
        draft: { ...draft, chapters: [...draft.chapters, chapter] },
        draftStatus: [`Added chapter ${number}: ${chapter.title}.`, ...notes].join(' '),
      })
    },
    setDraftTitle(title) {
      const draft = get().draft
      if (draft) set({ draft: { ...draft, title, id: idOfTitle(title) } })
    },
    setDraftAuthor(author) {
      const draft = get().draft
      if (draft) set({ draft: { ...draft, author } })
    },
    setChapterTitle: (index, title) => editChapter(index, (c) => ({ ...c, title })),
    setChapterCaption: (index, caption) =>
      editChapter(index, (c) => ({ ...c, caption, figures: withNamedFigures(c, caption) })),
    setChapterNotes: (index, notes) =>
      editChapter(index, ({ notes: _old, ...c }) => (notes === '' ? c : { ...c, notes })),
    moveChapter(index, by) {
      const count = get().draft?.chapters.length ?? 0
      const to = index + by
      if (by === 0 || index < 0 || index >= count || to < 0 || to >= count) return
      editChapters(
        `Moved chapter ${index + 1} ${by < 0 ? 'up' : 'down'} to ${to + 1}.`,
        (chapters) => {
          const [moved] = chapters.splice(index, 1)
          if (moved) chapters.splice(to, 0, moved)
          return chapters
        },
      )
    },
    removeChapter(index) {
      const chapter = get().draft?.chapters[index]
      if (!chapter) return
      editChapters(`Removed chapter ${index + 1}: ${chapter.title}.`, (chapters) =>
        chapters.filter((_, i) => i !== index),
      )
    },
    importBriefing(text, rawFileName) {
      const fileName = visibleText(rawFileName)
      const parsed = parseBriefingText(text)
      if (!parsed.ok) {
        set({ briefingImport: { fileName, errors: errorsNaming(parsed.errors, fileName) } })
        return false
      }
      const { briefing } = parsed
      set({
        draft: briefing,
        briefingImport: { fileName, errors: [] },
        draftStatus: `Imported ${fileName}: ${briefing.chapters.length} chapters.`,
      })
      return true
    },
    refuseBriefingImport(rawFileName, message) {
      const fileName = visibleText(rawFileName)
      set({ briefingImport: { fileName, errors: [{ path: fileName, message }] } })
    },
    applyChapterView(view) {
      stopWaiting?.()
      set(chapterPatch(view, 'end'))
      get().rerun()
      if (view.selection?.kind === 'first-exposed-meeting')
        selectFirstExposedMeeting(view.selection.countries)
    },
  }
}
