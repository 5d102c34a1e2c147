/**
 * The per-step series a result carried up to engine 1.5.0 (`RunResult.series`), rebuilt from the
 * run's step records for tests: the engine no longer puts it in results (nothing outside the
 * tests read it), and the golden digests still cover exactly the figures they pinned.
 */
import type { Run } from '../../src/sim/engine'
import { STEP_METRIC_NAMES } from '../../src/sim/metrics'
import type { StepMetricName } from '../../src/sim/metrics'
import type { RunResult, StepRecord } from '../../src/sim/model'

/**
 * The step figures the series held: every step metric of the table except `disconnected`, which
 * step records gained later (canonical JSON sorts keys, so their order does not matter).
 */
const SERIES_FIGURES = STEP_METRIC_NAMES.filter((name) => name !== 'disconnected')

type SeriesFigure = Exclude<StepMetricName, 'disconnected'>

/** Per-step figures: each array holds one entry per step. */
export type StepSeries = { readonly [K in SeriesFigure]: number[] } & {
  readonly stepMinutes: number
  /** Minutes since start at which each step begins. */
  readonly startMinutes: number[]
  /** Peak utilisation (0..1) of each site during the step: `siteUtilisation[step][siteIndex]`. */
  readonly siteUtilisation: number[][]
}

/** A result with the series of its steps. */
export type ResultWithSeries = RunResult & { readonly series: StepSeries }

/** The series of a run's step records. */
export function seriesOf(records: readonly StepRecord[], stepMinutes: number): StepSeries {
  const figures = Object.fromEntries(SERIES_FIGURES.map((f) => [f, records.map((r) => r[f])])) as {
    [K in SeriesFigure]: number[]
  }
  return {
    stepMinutes,
    startMinutes: records.map((r) => r.startMinutes),
    ...figures,
    siteUtilisation: records.map((r) => r.siteUtilisation),
  }
}

/** Runs what is left of `run` to the end; returns its result with the series of all its steps. */
export function finishWithSeries(run: Run, stepMinutes: number): ResultWithSeries {
  if (run.stepsDone > 0) throw new Error('finishWithSeries needs a run that has not started')
  const records = run.advance(Infinity)
  return { ...run.finish(), series: seriesOf(records, stepMinutes) }
}
