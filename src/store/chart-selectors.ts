/**
 * The charts' data: series bucketed for recharts, totals and exposure pairs up to the shown step.
 * The field lists come from the metric table (`METRICS` in src/sim/metrics.ts).
 */
import { lruMemoize, weakMapMemoize } from 'reselect'
import { GROWING_LIST_CACHE } from './growing-list'
import type { ExposurePair, StepRecord } from '../sim/model'
import { STEP_METRIC_NAMES, TOTAL_METRIC_NAMES } from '../sim/metrics'
import type { StepMetricName, StepMetrics, TotalMetricName } from '../sim/metrics'
import type { RunState } from './store'
import { buckets, stepIndexAt } from './selectors'

/** Recharts slows down past a few thousand points (recharts #1356), so series are capped here. */
export const MAX_CHART_POINTS = 1500

/** One point of the load and exposure charts: per-step figures, or a bucket's peaks. */
export type ChartPoint = {
  /** Minutes since the run start at which the point's first step begins. */
  readonly minutes: number
} & StepMetrics

/**
 * The chart series of a run: one point per step, or, past {@link MAX_CHART_POINTS} steps, the
 * maximum of each step metric over a bucket of steps. Bucket maxima keep short spikes (an outage,
 * a burst of exposures) visible where averaging would flatten them.
 */
export function chartSeries(
  steps: readonly StepRecord[],
  maxPoints = MAX_CHART_POINTS,
): readonly ChartPoint[] {
  return chartSeriesOf(steps, steps.length, maxPoints)
}

// The store appends to a run's step list in place: the count is part of the key.
const chartSeriesOf = lruMemoize(
  (steps: readonly StepRecord[], count: number, maxPoints: number): readonly ChartPoint[] =>
    buckets(count, maxPoints).map(([start, end]) => {
      const point = zeroed(STEP_METRIC_NAMES)
      for (let i = start; i < end; i++) {
        const step = steps[i] as StepRecord
        for (const name of STEP_METRIC_NAMES) point[name] = Math.max(point[name], step[name])
      }
      return { minutes: (steps[start] as StepRecord).startMinutes, ...point }
    }),
  GROWING_LIST_CACHE,
)

function zeroed<N extends string>(names: readonly N[]): Record<N, number> {
  return Object.fromEntries(names.map((n) => [n, 0])) as Record<N, number>
}

/** Metrics both every step and the run's totals carry, counted step by step. */
type StepTotalName = Extract<StepMetricName, TotalMetricName>

/** Totals the step records carry (exposed participants only come with the run's summary). */
export type StepTotals = { readonly [K in StepTotalName]: number }

const STEP_TOTAL_NAMES = STEP_METRIC_NAMES.filter((n): n is StepTotalName =>
  (TOTAL_METRIC_NAMES as readonly string[]).includes(n),
)

/** Running totals: entry `i` sums steps 0..i. */
const prefixTotals = lruMemoize((steps: readonly StepRecord[], _count: number) => {
  const out: StepTotals[] = []
  const sum = zeroed(STEP_TOTAL_NAMES)
  for (const step of steps) {
    // `?? 0`: step records of engines before 1.2 carry no `disconnected`.
    for (const name of STEP_TOTAL_NAMES) sum[name] += step[name] ?? 0
    out.push({ ...sum })
  }
  return out
}, GROWING_LIST_CACHE)

const ZERO_TOTALS: StepTotals = zeroed(STEP_TOTAL_NAMES)

/**
 * Totals of every step up to and including the one at `minutes` (the step the map shows), so
 * they run to the end of that step: see `shownStepEndMinutes`. Stable per (steps, step).
 */
export function totalsUpTo(run: RunState | null, minutes: number): StepTotals {
  const index = stepIndexAt(run, minutes)
  if (index < 0) return ZERO_TOTALS
  const { steps } = run as RunState
  return prefixTotals(steps, steps.length)[index] ?? ZERO_TOTALS
}

const EMPTY_PAIRS: readonly ExposurePair[] = []

/**
 * Exposures by participant jurisdiction -> key jurisdiction summed over the steps up to and
 * including the one at `minutes`, in first-seen order. Stable per (steps, step index).
 */
export function exposurePairsUpTo(run: RunState | null, minutes: number): readonly ExposurePair[] {
  const index = stepIndexAt(run, minutes)
  if (!run || index < 0) return EMPTY_PAIRS
  return pairsThrough(run.steps, index)
}

// Earlier steps never change, so (list, index) is key enough even as the list grows.
const pairsThrough = lruMemoize(
  (steps: readonly StepRecord[], index: number): readonly ExposurePair[] => {
    const sums = new Map<string, ExposurePair>()
    for (let i = 0; i <= index; i++) {
      for (const p of (steps[i] as StepRecord).exposurePairs ?? EMPTY_PAIRS) {
        const key = `${p.originJurisdiction}>${p.keyJurisdiction}`
        const prev = sums.get(key)
        sums.set(key, prev ? { ...prev, deliveries: prev.deliveries + p.deliveries } : p)
      }
    }
    return [...sums.values()]
  },
  GROWING_LIST_CACHE,
)

/** Rows of the stacked bar: one per origin jurisdiction, one numeric field per key jurisdiction. */
export interface ExposurePairChart {
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>
  /** Key jurisdictions, most deliveries first (the bar's stack order). */
  readonly keyJurisdictions: readonly string[]
}

/** Exposures by participant jurisdiction -> key jurisdiction, shaped for a stacked bar chart. */
export const exposurePairChart = weakMapMemoize(
  (pairs: readonly ExposurePair[]): ExposurePairChart => {
    const byKey = new Map<string, number>()
    const byOrigin = new Map<string, Record<string, string | number>>()
    for (const p of pairs) {
      byKey.set(p.keyJurisdiction, (byKey.get(p.keyJurisdiction) ?? 0) + p.deliveries)
      const row = byOrigin.get(p.originJurisdiction) ?? { origin: p.originJurisdiction, total: 0 }
      row[p.keyJurisdiction] = ((row[p.keyJurisdiction] as number | undefined) ?? 0) + p.deliveries
      row.total = (row.total as number) + p.deliveries
      byOrigin.set(p.originJurisdiction, row)
    }
    const keyJurisdictions = [...byKey.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([k]) => k)
    const rows = [...byOrigin.values()].sort((a, b) => (b.total as number) - (a.total as number))
    return { rows, keyJurisdictions }
  },
)

/** One bar of the per-site utilisation chart. */
