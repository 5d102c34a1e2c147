import { POLICIES } from '../../sim/routing'
import { selectMapRun } from '../../store/selectors'
import { ChapterExportButtons } from '../export/chapter-export'
import { ErrorBoundary } from '../panels/error-boundary'
import { IncidentDetails } from '../panels/incident-details'
import { Notices } from '../panels/notices'
import { WorldMap } from '../map/world-map'
import { usePlayback } from '../timeline/use-playback'
import { useAppStore, useAppStoreApi } from '../store-context'
import { figureLabel, figureValueText, shownChapterFigures } from './chapter-figures'
import { ChapterPanel } from './chapter-panel'
import { BriefingProgress, ChapterRunProgress, ChapterStrip } from './chapter-strip'
import { openPresenterWindow } from './presenter-window'
import { toggleFullScreen, useBriefingKeys } from './use-briefing-keys'
import './briefing.css'

/** Says each chapter change to screen readers: its title, then its figures once computed. */
function ChapterAnnouncer() {
  // Quiet while a range plays (its figures change every frame); said again when it stops.
  const text = useAppStore((s) => {
    const chapter = s.briefing?.chapters[s.chapterIndex]
    if (!chapter) return ''
    if (s.isPlaying) return `Playing chapter ${s.chapterIndex + 1}'s time range.`
    const figures = shownChapterFigures(s, chapter)
    const said = figures.every((f) => Number.isFinite(f.value))
      ? figures.map((f) => {
          const { label, span } = figureLabel(f, s.run, s.timeMinutes)
          const policy =
            f.run === 'compare' ? ` under ${s.compare ? POLICIES[s.compare.policy].label : ''}` : ''
          return `${label}${policy}, ${span}: ${figureValueText(f)}.`
        })
      : ['Its figures are being computed.']
    const count = s.briefing?.chapters.length ?? 0
    return [`Chapter ${s.chapterIndex + 1} of ${count}: ${chapter.title}.`, ...said].join(' ')
  })
  return (
    <p className="kr-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
      {text}
    </p>
  )
}

/** The selected meeting of a chapter (beat 5), beside the map, with its cause in words. */
function ChapterMeeting() {
  const selection = useAppStore((s) => s.selection)
  const run = useAppStore(selectMapRun)
  if (selection?.kind !== 'incident' || !run?.world) return null
  return (
    <aside className="kr-chapter-meeting" aria-label="The meeting of this chapter">
      <IncidentDetails selection={selection} run={run} />
    </aside>
  )
}

/**
 * Briefing mode: the map large, the chapter's caption and called-out figures in big type, a strip
 * of chapters, the simulation mark always on screen; driven by a clicker's keys.
 */
export function BriefingView() {
  const store = useAppStoreApi()
  const briefing = useAppStore((s) => s.briefing)
  const index = useAppStore((s) => s.chapterIndex)
  const isBlank = useAppStore((s) => s.isBlank)
  const isPlaying = useAppStore((s) => s.isPlaying)
  const s = store.getState()
  const forwardLabel = useAppStore((st) =>
    st.playStopMinutes === null
      ? 'Forward'
      : st.isPlaying
        ? 'To the end'
        : st.timeMinutes < st.playStopMinutes
          ? 'Play'
          : 'Forward',
  )
  usePlayback(store, isPlaying)
  const digits = useBriefingKeys(store)
  const chapter = briefing?.chapters[index]
  if (!briefing || !chapter) return null
  const count = briefing.chapters.length
  return (
    <div className="kr-briefing">
      <header className="kr-briefing-header">
        <p className="kr-badge kr-briefing-badge">Simulation – not observed traffic</p>
        <h1 className="kr-briefing-name">{briefing.title}</h1>
        <div className="kr-briefing-controls">
          <button type="button" onClick={s.back} disabled={index === 0} aria-keyshortcuts="PageUp">
            <span aria-hidden="true">◀ </span>Back
          </button>
          <button type="button" onClick={s.forward} aria-keyshortcuts="PageDown">
            {forwardLabel}
            <span aria-hidden="true"> ▶</span>
          </button>
          <button type="button" onClick={() => openPresenterWindow(briefing, index)}>
            Presenter view
          </button>
          <button type="button" onClick={toggleFullScreen} aria-keyshortcuts="F">
            Full screen
          </button>
          <button type="button" onClick={s.leaveBriefing} aria-keyshortcuts="Escape">
            Leave briefing
          </button>
          <ChapterExportButtons />
        </div>
      </header>
      <Notices />
      {/* Before the map in reading order: the words first, then what they describe. */}
      <ChapterPanel chapter={chapter} index={index} count={count} />
      <main className="kr-briefing-map kr-map-area" aria-label="Map">
        <ErrorBoundary name="map">
          <WorldMap />
        </ErrorBoundary>
        <ChapterRunProgress />
        <ChapterMeeting />
        {digits && (
          <p className="kr-briefing-digits" role="status">
            Go to chapter {digits}… (Enter)
          </p>
        )}
      </main>
      <ChapterStrip />
      <BriefingProgress />
      <ChapterAnnouncer />
      {isBlank && (
        <button
          type="button"
          className="kr-briefing-blank"
          autoFocus
          onClick={() => s.setBlank(false)}
          aria-label="The screen is blanked. Press any key to show it again."
        />
      )}
    </div>
  )
}
