/**
 * Replications: the same scenario run on several seeds derived from one base seed, each reduced to
 * a small summary (its whole-run figures and the per-step values its charts plot), and the
 * summaries combined into a mean and a 95% t-interval per figure and a band per charted series.
 * The one place the app's worker pool and the CLI's worker threads get these figures from, so both
 * give the same numbers. Combining sorts the summaries by replication index first, so the result
 * is the same whatever order the replications finished in.
 */
import { CHART_METRICS, TOTAL_METRIC_NAMES } from './metrics'
import type { ChartMetricName, TotalMetricName } from './metrics'
import type { PolicyId } from './model'
import { streamSeed } from './random'

/** Replications a run with replications makes unless told otherwise. */
export const DEFAULT_REPLICATIONS = 20
/** The fewest replications that give an interval. */
export const MIN_REPLICATIONS = 2
/** The most replications one run takes. */
export const MAX_REPLICATIONS = 1000

/** How the intervals are made, in words every view and export uses. */
export const INTERVAL_METHOD = '95% t-interval across replications'

/** Streams from 1,000,000 on are left to replication seeds, apart from the engine's own. */
const REPLICATION_STREAM = 1_000_000

/**
 * The seeds of `count` replications of a run with seed `baseSeed`: the first is the base seed
 * itself (so replication 1 is the single run), the others are derived from it and all distinct.
 * Same base seed and count, same seeds; a longer list starts with the shorter one.
 */
export function replicationSeeds(baseSeed: number, count: number): number[] {
  const seeds = [baseSeed >>> 0]
  const seen = new Set(seeds)
  for (let stream = REPLICATION_STREAM; seeds.length < count; stream++) {
    const seed = streamSeed(baseSeed, stream)
    if (seen.has(seed)) continue
    seen.add(seed)
    seeds.push(seed)
  }
  return seeds.slice(0, count)
}

/** A whole-run figure a replication reports: every total metric and the mean added round trip. */
export type ReplicatedMetricName = TotalMetricName | 'meanAddedRttMs'

/** The whole-run figures replications report, in the metric table's order. */
export const REPLICATED_METRIC_NAMES: readonly ReplicatedMetricName[] = [
  ...TOTAL_METRIC_NAMES,
  'meanAddedRttMs',
]

/** The charted per-step metrics replications keep, for bands. */
export const BANDED_METRIC_NAMES: readonly ChartMetricName[] = CHART_METRICS.map((m) => m.name)

/** What one replication leaves: its identity, its whole-run figures and its charted series. */
export interface ReplicationSummary {
  /** 0-based place in the list of seeds. */
  readonly index: number
  readonly seed: number
  readonly policy: PolicyId
  /** The run's hash: opening this seed as a single run gives the same hash. */
  readonly hash: string
  /** Whole-run figures by name; `meanAddedRttMs` is the mean over the run's redirected joins. */
  readonly figures: Readonly<Record<ReplicatedMetricName, number>>
  /** Per-step values of each charted metric, step by step. */
  readonly series: Readonly<Record<ChartMetricName, readonly number[]>>
}

/** One replication to run: which seed (and its index) under which run options. */
export interface ReplicationTask {
  readonly index: number
  readonly seed: number
  readonly policy?: PolicyId
  readonly holdPolicy?: boolean
}

/** A mean with its 95% t-interval: `lower` and `upper` bound the mean, not single runs. */
export interface Interval {
  readonly mean: number
  readonly lower: number
  readonly upper: number
  /** Sample standard deviation (0 for fewer than two values). */
  readonly sd: number
  readonly n: number
}

/** Two-sided 95% quantiles of Student's t for 1 to 30 degrees of freedom (published tables). */
const T975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145,
  2.131, 2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048,
  2.045, 2.042,
]

/**
 * The 0.975 quantile of Student's t with `df` degrees of freedom: the table up to 30, then the
 * Cornish-Fisher expansion around the normal quantile (within 0.0005 of the exact value from 30
 * on). Kept here rather than taken from a statistics package: one quantile is all the intervals
 * need, and the page's first-load budget has no room for a distribution library.
 */
export function tQuantile975(df: number): number {
  if (df < 1) return Number.NaN
  if (df <= 30) return T975[Math.floor(df) - 1] as number
  const z = 1.959964
  const z3 = z ** 3
  const z5 = z ** 5
  const z7 = z ** 7
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  )
}

/**
 * The mean of `values` with its 95% t-interval. One value gives an interval of zero width (and
 * `n` 1, so a view can say there is none); identical values too.
 */
export function meanInterval(values: readonly number[]): Interval {
  const n = values.length
  if (n === 0) return { mean: 0, lower: 0, upper: 0, sd: 0, n: 0 }
  let sum = 0
  for (const v of values) sum += v
  const mean = sum / n
  if (n < 2) return { mean, lower: mean, upper: mean, sd: 0, n }
  let squares = 0
  for (const v of values) squares += (v - mean) ** 2
  const sd = Math.sqrt(squares / (n - 1))
  const half = (tQuantile975(n - 1) * sd) / Math.sqrt(n)
  return { mean, lower: mean - half, upper: mean + half, sd, n }
}

/** A charted series across replications: per step, the mean and its 95% interval. */
export interface Band {
  readonly mean: readonly number[]
  readonly lower: readonly number[]
  readonly upper: readonly number[]
}

/** Replications combined. */
export interface ReplicationSet {
  /** The summaries, by replication index. */
  readonly replications: readonly ReplicationSummary[]
  readonly figures: Readonly<Record<ReplicatedMetricName, Interval>>
  readonly bands: Readonly<Record<ChartMetricName, Band>>
}

/**
 * Combines replication summaries (in any order) into intervals and bands. Sorted by index first,
 * so the figures are the same bytes whatever order the summaries came in.
 */
export function combineReplications(summaries: readonly ReplicationSummary[]): ReplicationSet {
  const replications = [...summaries].sort((a, b) => a.index - b.index)
  const figures = Object.fromEntries(
    REPLICATED_METRIC_NAMES.map((name) => [
      name,
      meanInterval(replications.map((r) => r.figures[name])),
    ]),
  ) as Record<ReplicatedMetricName, Interval>
  const bands = Object.fromEntries(
    BANDED_METRIC_NAMES.map((name) => [name, bandOf(replications.map((r) => r.series[name]))]),
  ) as Record<ChartMetricName, Band>
  return { replications, figures, bands }
}

function bandOf(series: readonly (readonly number[])[]): Band {
  const steps = Math.max(0, ...series.map((s) => s.length))
  const mean: number[] = []
  const lower: number[] = []
  const upper: number[] = []
  for (let i = 0; i < steps; i++) {
    const at = meanInterval(series.map((s) => s[i] ?? 0))
    mean.push(at.mean)
    lower.push(at.lower)
    upper.push(at.upper)
  }
  return { mean, lower, upper }
}
