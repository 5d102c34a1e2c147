/**
 * The run's figures: one table of metrics ({@link METRICS}), the types and field lists derived
 * from it, and how steps combine. `StepRecord` and `Totals` carry the table's fields; the tallies
 * that count them while a run goes on are in tally.ts. Adding a metric is one row here plus the
 * line of the engine that counts it (a level or a mean also its line in `RunTally.closeStep`).
 */

/**
 * How the steps' values of a metric combine into a figure for several steps (a chart bucket, the
 * run so far): `sum` adds counts, `max` takes the peak of a level held at the end of each step,
 * `mean` is the mean over the events the metric is `per` (weighted by them).
 */
export type Combine = 'sum' | 'max' | 'mean'

/** One row of the metric table. */
export interface MetricSpec {
  /** Field name in `StepRecord` and `Totals`. */
  readonly name: string
  /**
   * The figure's one name, used by every panel, chart, comparison and export that shows it, so
   * the same number never appears under two names.
   */
  readonly label: string
  /** Unit of one value, plural. */
  readonly unit: string
  readonly combine: Combine
  /** For `mean`: the counted metric whose events it is the mean over. */
  readonly per?: string
  /** Whether every `StepRecord` carries it. */
  readonly isStep: boolean
  /** Whether the run's `Totals` carry it (the sum over steps, or for totals-only, over the run). */
  readonly isTotal: boolean
  /**
   * Whether the figure's definition rests on a modelling assumption the app labels as such
   * (every figure is simulated; this flags those defined through an assumed quantity).
   */
  readonly isAssumption: boolean
  /** What one unit counts. */
  readonly description: string
  /** Whether and how the dashboard's key figures show it (absent: not a key figure). */
  readonly figure?: FigureSpec
  /** Its place in a comparison of two policies, first compared first (absent: not compared). */
  readonly compareRank?: number
  /** Which chart of the run plots it, per step (absent: not charted). */
  readonly chart?: ChartSpec
}

/** How the key figures show a metric. */
export interface FigureSpec {
  /** Also shown as a share of this counted metric (e.g. blocked joins as a share of offered). */
  readonly shareOf?: string
  /** Shown only when the run has some of it (a figure most runs do not have). */
  readonly isShownOnlyWhenNonZero?: boolean
}

/**
 * How a chart plots a metric. `tone` says what the series means, so every view colours it alike
 * (the map's colours for exposures included); the views choose the colours.
 */
export interface ChartSpec {
  readonly chart: 'load' | 'joins' | 'keys'
  readonly tone:
    'load' | 'capacity' | 'demand' | 'served' | 'refused' | 'rerouted' | 'crossBorder' | 'concern'
  /** Plotted on its own right-hand axis (a few per step beside thousands). */
  readonly isOnRightAxis?: boolean
}

/**
 * The metric table. Row order is the order of the fields in `Totals` (and so in the CLI's
 * results JSON).
 */
export const METRICS = [
  {
    name: 'meetings',
    label: 'Meetings',
    unit: 'meetings',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Meetings started.',
    figure: {},
  },
  {
    name: 'offered',
    label: 'Participant joins',
    unit: 'joins',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Participant joins attempted.',
    figure: {},
    chart: { chart: 'joins', tone: 'demand' },
  },
  {
    name: 'carried',
    label: 'Carried joins',
    unit: 'joins',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Joins that connected somewhere.',
    chart: { chart: 'joins', tone: 'served' },
  },
  {
    name: 'blocked',
    label: 'Blocked joins',
    unit: 'joins',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Joins that found no site.',
    figure: { shareOf: 'offered' },
    compareRank: 5,
    chart: { chart: 'joins', tone: 'refused', isOnRightAxis: true },
  },
  {
    name: 'redirected',
    label: 'Redirected joins',
    unit: 'joins',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Joins carried by a secondary site after the primaries failed.',
    figure: { shareOf: 'offered' },
    compareRank: 6,
    chart: { chart: 'keys', tone: 'rerouted' },
  },
  {
    name: 'crossBorderExposures',
    label: 'Keys issued outside the allowed regions',
    unit: 'key deliveries',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: "Key deliveries from a site outside the participant's allowed regions.",
    figure: {},
    compareRank: 1,
    chart: { chart: 'keys', tone: 'crossBorder' },
  },
  {
    name: 'concernExposures',
    label: 'Keys from a jurisdiction of concern',
    unit: 'key deliveries',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description:
      'Key deliveries from a jurisdiction of concern where no participant of the meeting is.',
    figure: {},
    compareRank: 2,
    chart: { chart: 'keys', tone: 'concern' },
  },
  {
    name: 'exposedMeetings',
    label: 'Exposed meetings',
    unit: 'meetings',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Meetings whose key at least one participant received through an exposure.',
    figure: {},
    compareRank: 3,
  },
  {
    name: 'exposedParticipants',
    label: 'Participants who shared an exposed key',
    unit: 'participants',
    combine: 'sum',
    isStep: false,
    isTotal: true,
    isAssumption: false,
    description: 'Connected participants of exposed meetings: everyone who shared an exposed key.',
    figure: {},
    compareRank: 4,
  },
  {
    name: 'disconnected',
    label: 'Participants cut off by outages or capacity cuts',
    unit: 'participants',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Participants cut off by an outage or a capacity cut (not re-routed).',
    figure: { isShownOnlyWhenNonZero: true },
  },
  {
    name: 'exposedDeliveries',
    label: 'Exposed key deliveries',
    unit: 'key deliveries',
    combine: 'sum',
    isStep: true,
    isTotal: true,
    isAssumption: false,
    description: 'Key deliveries that were an exposure of either kind, each counted once.',
  },
  {
    name: 'meanAddedRttMs',
    label: 'Added round trip of redirected joins',
    unit: 'ms',
    combine: 'mean',
    per: 'redirected',
    isStep: true,
    isTotal: false,
    isAssumption: true,
    description:
      'Mean added fibre round trip of redirected joins against the first primary (0 if none); the fibre model is an assumption.',
  },
  {
    name: 'activeParticipants',
    label: 'Concurrent participants',
    unit: 'simulated participants',
    combine: 'max',
    isStep: true,
    isTotal: false,
    isAssumption: false,
    description: 'Concurrent participants summed over all sites at the end of the step.',
    chart: { chart: 'load', tone: 'load' },
  },
  {
    name: 'capacityParticipants',
    label: 'Capacity',
    unit: 'simulated participants',
    combine: 'max',
    isStep: true,
    isTotal: false,
    isAssumption: true,
    description:
      'Total capacity of the sites that are up at the end of the step; site capacities are an assumption.',
    chart: { chart: 'load', tone: 'capacity' },
  },
] as const satisfies readonly MetricSpec[]

type Metric = (typeof METRICS)[number]
/** Name of a metric in the table. */
export type MetricName = Metric['name']
/** Metrics every step record carries. */
export type StepMetricName = Extract<Metric, { isStep: true }>['name']
/** Metrics the run's totals carry. */
export type TotalMetricName = Extract<Metric, { isTotal: true }>['name']
/** Metrics counted event by event (summed over steps). */
export type CountedMetricName = Extract<Metric, { combine: 'sum' }>['name']
/** Metrics that are a level at the end of the step. */
export type LevelMetricName = Extract<Metric, { combine: 'max' }>['name']

/** The table's per-step figures, by name. */
export type StepMetrics = { readonly [K in StepMetricName]: number }
/** The table's whole-run figures, by name. */
export type TotalMetrics = { readonly [K in TotalMetricName]: number }

/** Metric names, in table order, that pass a test on their row. */
function namesWhere<N extends MetricName>(keep: (m: Metric) => boolean): readonly N[] {
  return METRICS.filter(keep).map((m) => m.name as N)
}

/** Names of the metrics every step record carries, in table order. */
export const STEP_METRIC_NAMES = namesWhere<StepMetricName>((m) => m.isStep)
/** Names of the metrics the run's totals carry, in table order. */
export const TOTAL_METRIC_NAMES = namesWhere<TotalMetricName>((m) => m.isTotal)
/** Names of the counted metrics, in table order. */
export const COUNTED_METRIC_NAMES = namesWhere<CountedMetricName>((m) => m.combine === 'sum')

/** The table's row for a metric. */
export function metricSpec(name: MetricName): MetricSpec {
  return METRICS.find((m) => m.name === name) as MetricSpec
}

/**
 * A step metric over several steps, by the table's rule: the sum, the peak, or the mean weighted
 * by the steps' counts of the metric's `per` (0 when there are none).
 */
export function combineSteps(
  name: StepMetricName,
  steps: readonly Readonly<Record<StepMetricName, number>>[],
): number {
  const spec = metricSpec(name)
  if (spec.combine === 'max') return steps.reduce((a, s) => Math.max(a, s[name]), 0)
  if (spec.combine === 'sum') return steps.reduce((a, s) => a + s[name], 0)
  const per = spec.per as StepMetricName
  const weight = steps.reduce((a, s) => a + s[per], 0)
  return weight > 0 ? steps.reduce((a, s) => a + s[name] * s[per], 0) / weight : 0
}

/** A row of the table the key figures show, with its whole-run field. */
export type FigureMetric = MetricSpec & {
  readonly name: TotalMetricName
  readonly figure: FigureSpec
}

/** The key figures, in table order. */
export const FIGURE_METRICS: readonly FigureMetric[] = METRICS.filter(
  (m): m is Extract<Metric, { figure: object }> => 'figure' in m,
)

/** The figures a comparison of two policies shows, in its reading order. */
export const COMPARED_METRIC_NAMES: readonly TotalMetricName[] = METRICS.filter(
  (m): m is Extract<Metric, { compareRank: number }> => 'compareRank' in m,
)
  .sort((a, b) => a.compareRank - b.compareRank)
  .map((m) => m.name)

/** Metrics a chart plots per step. */
export type ChartMetricName = Extract<Metric, { chart: object }>['name']

/** A charted row of the table, with its per-step field. */
export type ChartMetric = MetricSpec & { readonly name: ChartMetricName; readonly chart: ChartSpec }

/** The charted metrics, in table order. */
export const CHART_METRICS: readonly ChartMetric[] = METRICS.filter(
  (m): m is Extract<Metric, { chart: object }> => 'chart' in m,
)
