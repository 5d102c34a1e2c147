/**
 * What a briefing chapter shows, computed from its runs: the scenario and run choices of a view,
 * the called-out figures by metric name (the same computation as the CLI's `--at`), and the
 * meeting a `first-exposed-meeting` selection stands for. Pure: the caller runs the engine.
 */
import { viewTimeMs } from './briefing'
import type { ChapterView, Chapter, ViewRun } from './briefing'
import { STEP_METRIC_NAMES, TOTAL_METRIC_NAMES, combineSteps } from './metrics'
import type { MetricName, StepMetricName, StepMetrics } from './metrics'
import type { Incident, RunResult, Totals } from './model'
import { PRESETS } from './presets/scenarios'
import { utcDayMs } from './dates'
import { withScenarioChanges } from './scenario'
import type { ScenarioInput } from './scenario'
import type { RunChoices } from './run-choices'

/** What a figure needs of a step record: its start and the table's per-step figures. */
export type FigureStep = StepMetrics & { readonly startMinutes: number }

/** The figures of the step holding a time, and of the run up to the end of that step. */
export interface FiguresAt {
  /** Index of the step holding the time. */
  readonly stepIndex: number
  readonly step: StepMetrics
  readonly upTo: StepMetrics
}

/**
 * The figures at minute `minutes` of a run lasting `durationMinutes`, by metric name: the step
 * holding that minute as recorded, and every step up to its end combined by the metric table's
 * rule (`combineSteps`). Null for a minute outside the run or past the steps recorded so far.
 */
export function figuresAt(
  steps: readonly FigureStep[],
  durationMinutes: number,
  minutes: number,
): FiguresAt | null {
  if (!(minutes >= 0 && minutes < durationMinutes)) return null
  let stepIndex = -1
  while (stepIndex + 1 < steps.length && (steps[stepIndex + 1]?.startMinutes ?? 0) <= minutes)
    stepIndex++
  const held = steps[stepIndex]
  if (held === undefined) return null
  // Steps of a run still going: a minute past the last recorded step has no figures yet.
  const stepLength = (steps[1]?.startMinutes ?? durationMinutes) - (steps[0]?.startMinutes ?? 0)
  if (stepIndex === steps.length - 1 && minutes >= held.startMinutes + stepLength) return null
  const upToSteps = steps.slice(0, stepIndex + 1)
  const byName = (value: (name: StepMetricName) => number) =>
    Object.fromEntries(STEP_METRIC_NAMES.map((name) => [name, value(name)])) as StepMetrics
  return {
    stepIndex,
    step: byName((name) => held[name]),
    upTo: byName((name) => combineSteps(name, upToSteps)),
  }
}

/** One finished run of a chapter, as the figures need it. */
export interface ChapterRun {
  readonly startDate: string
  readonly days: number
  readonly steps: readonly FigureStep[]
  readonly totals: Totals
}

/** A called-out figure with its value. */
export interface ComputedFigure {
  readonly metric: MetricName
  readonly span: Chapter['figures'][number]['span']
  readonly run: ViewRun
  readonly value: number
}

/**
 * The chapter's called-out figures, computed from its runs (`compare` only when the view
 * compares a policy): at the step holding the shown time, up to the end of that step, or for the
 * whole run. The shown time is the view's (`shownMs` replaces it while a chapter's range plays).
 * A figure whose run is missing or whose time lies outside it is NaN.
 */
export function chapterFigures(
  chapter: Chapter,
  runs: { readonly primary?: ChapterRun | undefined; readonly compare?: ChapterRun | undefined },
  shownMs: number = viewTimeMs(chapter.view),
): ComputedFigure[] {
  return chapter.figures.map((figure) => {
    const run = figure.run ?? chapter.view.mapRun
    const source = runs[run]
    const value = figureValue(figure, source, shownMs)
    return { metric: figure.metric, span: figure.span, run, value }
  })
}

function figureValue(
  figure: Chapter['figures'][number],
  run: ChapterRun | undefined,
  shownMs: number,
): number {
  if (run === undefined) return Number.NaN
  const { metric, span } = figure
  if (span === 'run')
    return (TOTAL_METRIC_NAMES as readonly string[]).includes(metric)
      ? run.totals[metric as keyof Totals]
      : Number.NaN
  if (!(STEP_METRIC_NAMES as readonly string[]).includes(metric)) return Number.NaN
  const minutes = (shownMs - utcDayMs(run.startDate)) / 60_000
  const at = figuresAt(run.steps, run.days * 1440, minutes)
  return at ? at[span][metric as StepMetricName] : Number.NaN
}

/**
 * The scenario a view runs: its preset or embedded scenario with the view's settings applied
 * (surge, account mix, site changes sorted by id), as the dashboard's settings make one.
 */
export function viewScenario(view: ChapterView): ScenarioInput {
  const base: ScenarioInput =
    view.preset === undefined ? (view.scenario as ScenarioInput) : PRESETS[view.preset]
  return withScenarioChanges(base, view.settings ?? {})
}

/** The run choices of one of a view's runs: seed, policy (the compared one for `compare`), hold. */
export function viewRunChoices(view: ChapterView, run: ViewRun): RunChoices {
  const policy = run === 'compare' ? view.comparePolicy : view.policy
  return {
    ...(view.seed === undefined ? {} : { seed: view.seed }),
    ...(policy === undefined ? {} : { policy }),
    ...(view.settings?.holdPolicy === undefined ? {} : { holdPolicy: view.settings.holdPolicy }),
  }
}

/**
 * The first exposed meeting whose participants come from all of `countries`: the logged exposure
 * with the earliest join (then the lowest sequence number), or null when the log has none.
 */
export function findFirstExposedMeeting(
  result: Pick<RunResult, 'incidents'>,
  countries: readonly string[],
): Incident | null {
  let first: Incident | null = null
  for (const incident of result.incidents) {
    if (!countries.every((c) => incident.meetingCountries.includes(c))) continue
    if (
      first === null ||
      incident.timeMinutes < first.timeMinutes ||
      (incident.timeMinutes === first.timeMinutes && incident.seq < first.seq)
    )
      first = incident
  }
  return first
}
