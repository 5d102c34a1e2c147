/**
 * The threshold of a one-parameter sweep, in words: where keys from a jurisdiction of concern
 * (the `concernExposures` figure) first appear, bracketed by the last grid point whose interval's
 * upper bound is 0 and the first whose lower bound is above 0. Pure.
 */
import { metricSpec } from './metrics'
import type { PolicyId } from './model'
import type { Interval } from './replications'
import type { SweepParameterName } from './sweep-parameters'
import type { SweepPlan } from './sweep'

/** The figure a threshold is about. */
export const THRESHOLD_METRIC = 'concernExposures' as const

/** A mean with its 95% interval, as a sweep row (or its CSV) gives it. */
export type Bounds = Pick<Interval, 'mean' | 'lower' | 'upper'>

/** A grid point's value and its interval of {@link THRESHOLD_METRIC}. */
export interface ThresholdPoint {
  readonly value: number
  readonly interval: Bounds
}

/** What a threshold reads of a row: its values, policy and interval of {@link THRESHOLD_METRIC}. */
export interface ThresholdRow {
  readonly values: readonly number[]
  readonly policy: PolicyId
  readonly figures: { readonly [THRESHOLD_METRIC]: Bounds }
}

/**
 * Where keys first appear along one parameter, under one policy:
 * - `bracket`: between `below` (the last point whose upper bound is 0) and `above` (the first
 *   whose lower bound is above 0), with no zero point after `above`;
 * - `fromFirst`: the first point's lower bound is already above 0;
 * - `never`: every point's upper bound is 0;
 * - `unclear`: no clean bracket (intervals that straddle 0 with no zero point before the first
 *   clear one, a zero point after it, or none clearly above 0).
 * `text` says it in one sentence.
 */
export type ThresholdBracket = { readonly policy: PolicyId; readonly text: string } & (
  | { readonly kind: 'bracket'; readonly below: ThresholdPoint; readonly above: ThresholdPoint }
  | { readonly kind: 'fromFirst'; readonly above: ThresholdPoint }
  | { readonly kind: 'never' }
  | { readonly kind: 'unclear' }
)

const WHAT = `keys from a jurisdiction of concern (${THRESHOLD_METRIC})`

function pointOf(row: ThresholdRow): ThresholdPoint {
  return { value: row.values[0] as number, interval: row.figures[THRESHOLD_METRIC] }
}

/** A bound as text: up to 3 decimals, trailing zeros dropped. */
function bound(value: number): string {
  return String(Math.round(value * 1000) / 1000)
}

/**
 * The threshold bracket of `rows` (the rows of a one-parameter sweep under `policy`, in grid
 * order) along `parameter`.
 */
export function thresholdBracket(
  parameter: SweepParameterName,
  policy: PolicyId,
  rows: readonly ThresholdRow[],
): ThresholdBracket {
  const points = rows.filter((r) => r.policy === policy).map(pointOf)
  const under = `under ${policy}`
  const unit = metricSpec(THRESHOLD_METRIC).unit
  const firstAbove = points.findIndex((p) => p.interval.lower > 0)
  const lastZero = points.findLastIndex((p) => p.interval.upper <= 0)
  const first = points[0]
  const last = points[points.length - 1]
  const range = first && last ? `${parameter} ${first.value} to ${last.value}` : parameter
  const above = points[firstAbove]
  if (above === undefined) {
    if (lastZero === points.length - 1 && points.every((p) => p.interval.upper <= 0))
      return {
        kind: 'never',
        policy,
        text: `${WHAT} never appear ${under} from ${range} (every upper bound is 0)`,
      }
    return {
      kind: 'unclear',
      policy,
      text: `${WHAT} ${under}: no clean bracket from ${range}; no grid point's lower bound is above 0`,
    }
  }
  const aboveText = `${above.value} (lower bound ${bound(above.interval.lower)} ${unit} > 0)`
  if (firstAbove === 0)
    return {
      kind: 'fromFirst',
      policy,
      above,
      text: `${WHAT} are present ${under} from the first grid point, ${parameter} ${aboveText}`,
    }
  const below = points[lastZero]
  if (below === undefined || lastZero > firstAbove)
    return {
      kind: 'unclear',
      policy,
      text:
        below === undefined
          ? `${WHAT} ${under}: no clean bracket; no grid point's upper bound is 0, and the first lower bound above 0 is at ${parameter} ${aboveText}`
          : `${WHAT} ${under}: no clean bracket; ${parameter} ${below.value} has upper bound 0 after ${aboveText}`,
    }
  return {
    kind: 'bracket',
    policy,
    below,
    above,
    text: `${WHAT} first appear ${under} between ${parameter} ${below.value} (upper bound 0) and ${aboveText}`,
  }
}

/**
 * The threshold bracket of each policy of a one-parameter sweep from all its rows; none for a
 * two-parameter sweep (a heat map shows that one).
 */
export function sweepThresholds(
  plan: SweepPlan,
  rows: readonly ThresholdRow[],
): ThresholdBracket[] {
  const [axis, ...more] = plan.axes
  if (axis === undefined || more.length > 0) return []
  return plan.policies.map((policy) => thresholdBracket(axis.parameter, policy, rows))
}
