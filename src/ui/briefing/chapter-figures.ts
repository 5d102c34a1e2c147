import { captionParts } from '../../sim/briefing-caption'
import { chapterFigures } from '../../sim/briefing-figures'
import type { ChapterRun, ComputedFigure } from '../../sim/briefing-figures'
import type { Chapter } from '../../sim/briefing'
import { utcDayMs } from '../../sim/dates'
import { metricSpec } from '../../sim/metrics'
import type { AppState, RunState } from '../../store/store'
import { formatCount, formatShortTime, formatStepSpan } from '../panels/format'

/** A finished run as the figures read it; undefined until it is done. */
function chapterRunOf(run: RunState | null): ChapterRun | undefined {
  if (run?.status !== 'done' || !run.summary) return undefined
  return {
    startDate: run.startDate,
    days: (run.stepCount * run.stepMinutes) / 1440,
    steps: run.steps,
    totals: run.summary.totals,
  }
}

/** The shown chapter's called-out figures at the shown time, NaN while their run is not done. */
export function shownChapterFigures(
  state: Pick<AppState, 'run' | 'compare' | 'timeMinutes'>,
  chapter: Chapter,
): ComputedFigure[] {
  const { run, compare, timeMinutes } = state
  const shownMs = utcDayMs(run?.startDate || '1970-01-01') + timeMinutes * 60_000
  return chapterFigures(
    chapter,
    { primary: chapterRunOf(run), compare: chapterRunOf(compare) },
    shownMs,
  )
}

/** A figure's value as said: a count, or an ellipsis while its run is computed. */
export function figureValueText(figure: ComputedFigure): string {
  return Number.isFinite(figure.value) ? formatCount(figure.value) : '…'
}

/** What a figure counts (its metric's one label) and over what span of the run. */
export function figureLabel(
  figure: ComputedFigure,
  run: RunState | null,
  timeMinutes: number,
): { readonly label: string; readonly span: string } {
  const label = metricSpec(figure.metric).label
  if (figure.span === 'run') return { label, span: 'whole run' }
  if (!run || run.stepCount === 0) return { label, span: '' }
  const stepStart = Math.floor(timeMinutes / run.stepMinutes) * run.stepMinutes
  return {
    label,
    span:
      figure.span === 'step'
        ? formatStepSpan(run.startDate, stepStart, run.stepMinutes)
        : `up to ${formatShortTime(run.startDate, stepStart + run.stepMinutes)} UTC`,
  }
}

/** A chapter's caption as shown, its figures written in (for pictures of the chapter). */
export function captionText(chapter: Chapter, figures: readonly ComputedFigure[]): string {
  return captionParts(chapter.caption, figures)
    .map((part) => (part.kind === 'text' ? part.text : figureValueText(part.figure)))
    .join('')
}
