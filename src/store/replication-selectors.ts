/**
 * What the evidence views draw from replications, derived once per combined set: the data of
 * the band charts and the rows of the all-policies table. Labels and units come from the metric
 * table (METRICS), never from a list of their own.
 */
import { weakMapMemoize } from 'reselect'
import {
  CHART_METRICS,
  COMPARED_METRIC_NAMES,
  FIGURE_METRICS,
  TOTAL_METRIC_NAMES,
  metricSpec,
} from '../sim/metrics'
import type { ChartMetric, ChartMetricName } from '../sim/metrics'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId } from '../sim/model'
import { REPLICATED_METRIC_NAMES, meanInterval } from '../sim/replications'
import type { Band, Interval, ReplicatedMetricName, ReplicationSet } from '../sim/replications'
import type { PolicyTableView } from './replications-slice'

/** The band charts' data: the start of each step, and each charted metric's band per step. */
export interface BandData {
  readonly minutes: readonly number[]
  readonly bands: Readonly<Record<ChartMetricName, Band>>
}

/** Band chart data, one entry per step (step i starts at i x `stepMinutes`). */
export const bandData = weakMapMemoize((set: ReplicationSet, stepMinutes: number): BandData => {
  const steps = Math.max(0, ...CHART_METRICS.map((m) => set.bands[m.name].mean.length))
  const at = (values: readonly number[]): number[] =>
    Array.from({ length: steps }, (_, i) => values[i] ?? 0)
  const bands = {} as Record<ChartMetricName, Band>
  for (const { name } of CHART_METRICS) {
    const band = set.bands[name]
    // Every charted figure is a count or a level, never below 0: the band is drawn from 0 where
    // the t-interval's lower bound dips below it (the figures table gives the bound).
    const lower = at(band.lower).map((v) => Math.max(0, v))
    bands[name] = { mean: at(band.mean), lower, upper: at(band.upper) }
  }
  return { minutes: Array.from({ length: steps }, (_, i) => i * stepMinutes), bands }
})

/** The charted metrics by chart, in table order, for one band chart each. */
export const BAND_CHARTS: readonly (readonly ChartMetric[])[] = [
  ...new Set(CHART_METRICS.map((m) => m.chart.chart)),
].map((chart) => CHART_METRICS.filter((m) => m.chart.chart === chart))

// Figures a replication reports beyond the run's totals (the mean added round trip).
const PER_JOIN_FIGURES = REPLICATED_METRIC_NAMES.filter(
  (n) => !(TOTAL_METRIC_NAMES as readonly string[]).includes(n),
)

/** The key figures with intervals: the dashboard's key figures and the added round trip. */
export const REPLICATED_FIGURES: readonly ReplicatedMetricName[] = [
  ...FIGURE_METRICS.map((m) => m.name),
  ...PER_JOIN_FIGURES,
]

/** The rows of the all-policies table: the figures a comparison shows, and the added round trip. */
export const POLICY_TABLE_METRICS: readonly ReplicatedMetricName[] = [
  ...COMPARED_METRIC_NAMES,
  ...PER_JOIN_FIGURES,
]

/** One cell of the all-policies table. */
export interface PolicyCell {
  readonly policy: PolicyId
  /** The figure across the policy's runs (null until they are in). */
  readonly value: Interval | null
  /**
   * The difference from the baseline policy: per seed (the same meetings under both), then
   * averaged with its interval. Null for the baseline itself or until both are in.
   */
  readonly difference: Interval | null
}

/** One row of the all-policies table. */
export interface PolicyRow {
  readonly name: ReplicatedMetricName
  readonly label: string
  readonly unit: string
  readonly cells: readonly PolicyCell[]
}

/** The table's rows against `baseline`, derived once per table state and baseline. */
export const policyTableRows = weakMapMemoize(
  (table: PolicyTableView, baseline: PolicyId): readonly PolicyRow[] =>
    POLICY_TABLE_METRICS.map((name) => {
      const { label, unit } = metricSpec(name)
      const base = table.sets[baseline]
      const cells = POLICY_IDS.map((policy): PolicyCell => {
        const set = table.sets[policy]
        const isComplete = (s: ReplicationSet | undefined): s is ReplicationSet =>
          s !== undefined && s.replications.length === table.runsPerPolicy
        const difference =
          policy !== baseline && isComplete(set) && isComplete(base)
            ? meanInterval(
                set.replications.map(
                  (r, i) => r.figures[name] - (base.replications[i]?.figures[name] ?? 0),
                ),
              )
            : null
        return { policy, value: set ? set.figures[name] : null, difference }
      })
      return { name, label, unit, cells }
    }),
)
