import { useAppStore } from '../store-context'

/** The thin strip of chapters: where the briefing stands, each chapter a button to go there. */
export function ChapterStrip() {
  const briefing = useAppStore((s) => s.briefing)
  const index = useAppStore((s) => s.chapterIndex)
  const showChapter = useAppStore((s) => s.showChapter)
  if (!briefing) return null
  return (
    <nav className="kr-chapter-strip" aria-label="Chapters">
      <ol>
        {briefing.chapters.map((chapter, i) => (
          <li key={i} className={i < index ? 'is-past' : i === index ? 'is-current' : ''}>
            <button
              type="button"
              aria-current={i === index ? 'step' : undefined}
              title={`${i + 1}. ${chapter.title}`}
              onClick={() => showChapter(i)}
            >
              <span className="kr-visually-hidden">
                Chapter {i + 1}: {chapter.title}
              </span>
            </button>
          </li>
        ))}
      </ol>
    </nav>
  )
}

/** One progress bar for the whole briefing while its runs are computed; gone once all are ready. */
export function BriefingProgress() {
  const kept = useAppStore((s) => s.keptRuns)
  const ready = kept.filter((k) => k.status === 'done').length
  if (kept.length === 0 || ready === kept.length) return null
  // Runs not yet started count with the average length of the started ones.
  const known = kept.filter((k) => k.stepCount > 0)
  const perRun = known.length ? known.reduce((a, k) => a + k.stepCount, 0) / known.length : 1
  const total = kept.reduce((a, k) => a + (k.stepCount || perRun), 0)
  const done = kept.reduce((a, k) => a + k.stepsDone, 0)
  const percent = Math.floor((100 * done) / total)
  return (
    <div className="kr-briefing-progress">
      <label>
        Preparing the briefing: {ready} of {kept.length} runs ready
        <progress max={100} value={percent} aria-valuetext={`${percent}%`} />
      </label>
    </div>
  )
}

/** Over the map while the shown chapter's run is computed: its own progress. */
export function ChapterRunProgress() {
  const run = useAppStore((s) => s.run)
  const compare = useAppStore((s) => s.compare)
  const progress = useAppStore((s) => s.progress)
  const going = [run, compare].filter((r) => r && r.status !== 'done')
  if (going.length === 0) return null
  const failed = going.find((r) => r?.status === 'failed')
  if (failed)
    return (
      <p className="kr-chapter-run-progress" role="alert">
        This chapter&apos;s run failed: {failed.errors[0]?.message ?? 'no reason given'}
      </p>
    )
  const steps = (run?.stepCount ?? 0) + (compare?.stepCount ?? 0)
  const done = progress.run + progress.compare
  const percent = steps > 0 ? Math.floor((100 * done) / steps) : 0
  return (
    <div className="kr-chapter-run-progress" role="status">
      <label>
        Computing this chapter&apos;s run: {percent}%
        <progress max={100} value={percent} />
      </label>
    </div>
  )
}
