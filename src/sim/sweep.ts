/**
 * Sensitivity sweeps: one or two parameters (see sweep-parameters.ts) over a grid of values,
 * against one or more policies, each grid point and policy (a row) run with replications. This
 * module is pure: it parses ranges, expands the grid into rows in one fixed order, slices rows
 * into shards, builds each point's scenario, and combines each row's replication summaries into
 * a mean and a 95% interval per figure. Where the runs happen (worker threads, a browser's
 * workers, a cluster) is the caller's business; the rows and their figures never depend on it.
 */
import { ENGINE_VERSION } from './engine-version'
import { canonicalJson, hashText } from './hash'
import { POLICY_IDS } from './model'
import type { PolicyId } from './model'
import { REPLICATED_METRIC_NAMES, combineReplications, replicationSeeds } from './replications'
import type { Interval, ReplicatedMetricName, ReplicationSummary } from './replications'
import { parseScenario } from './scenario'
import type { Scenario, ScenarioInput } from './scenario'
import { parameterValueProblem, sweepParameter, SWEEP_PARAMETER_NAMES } from './sweep-parameters'
import type { SweepParameterName } from './sweep-parameters'

/** A sweep that cannot run as asked: one sentence naming the parameter, range, policy or shard. */
export class SweepError extends Error {}

/** Most grid points (parameter value combinations) one sweep takes. */
export const MAX_SWEEP_POINTS = 2500
/** Most runs (grid points x policies x replications) one sweep takes, all shards together. */
export const MAX_SWEEP_RUNS = 250_000
/** Most decimal places a range's bounds and step may have. */
const MAX_DECIMALS = 9

/** One swept parameter and its values, in the order the grid visits them. */
export interface SweepAxis {
  readonly parameter: SweepParameterName
  readonly values: readonly number[]
}

/** A decimal written without sign or exponent, as an integer count of 10^-decimals. */
interface Decimal {
  readonly units: number
  readonly decimals: number
}

function decimalOf(text: string, what: string): Decimal {
  const match = /^(\d{1,9})(?:\.(\d{1,9}))?$/.exec(text)
  if (!match)
    throw new SweepError(
      `${what} takes a decimal number such as 0.5 or 2 (at most ${MAX_DECIMALS} decimal places), not "${text}"`,
    )
  const fraction = match[2] ?? ''
  return { units: Number(match[1] + fraction), decimals: fraction.length }
}

/** `d` rescaled to `decimals` places (at least its own). */
function unitsAt(d: Decimal, decimals: number): number {
  return d.units * 10 ** (decimals - d.decimals)
}

/**
 * Parses `name=from:to:step` (or `name=value` for one point) into an axis. The values are exact
 * decimals: `0.5:2:0.1` gives 0.5, 0.6, ..., 2, each the number its decimal text names (never
 * 0.30000000000000004), since they are counted in whole units of the finest decimal place and
 * divided once. `to` is included when the steps land on it. Throws {@link SweepError} for an
 * unknown parameter, a malformed range, a range with no points, a range of more than
 * {@link MAX_SWEEP_POINTS} points, or a value outside the parameter's limits.
 */
export function parseSweepRange(text: string): SweepAxis {
  const equals = text.indexOf('=')
  const name = equals < 0 ? text : text.slice(0, equals)
  const parameter = sweepParameter(name)
  if (!parameter)
    throw new SweepError(
      `unknown parameter "${name}"; sweepable: ${SWEEP_PARAMETER_NAMES.join(', ')}`,
    )
  if (equals < 0)
    throw new SweepError(`${name} needs a range: ${name}=from:to:step or ${name}=value`)
  const parts = text.slice(equals + 1).split(':')
  if (parts.length !== 1 && parts.length !== 3)
    throw new SweepError(`${name}'s range takes from:to:step or one value, not "${text}"`)
  const [from, to, step] = parts.map((part) => decimalOf(part, name)) as [
    Decimal,
    Decimal?,
    Decimal?,
  ]
  const decimals = Math.max(from.decimals, to?.decimals ?? 0, step?.decimals ?? 0)
  const scale = 10 ** decimals
  const start = unitsAt(from, decimals)
  const end = to === undefined ? start : unitsAt(to, decimals)
  const stride = step === undefined ? 1 : unitsAt(step, decimals)
  if (stride === 0) throw new SweepError(`${name}'s range has a step of 0, so no points`)
  if (end < start) throw new SweepError(`${name}'s range ${parts.join(':')} has no points`)
  const count = Math.floor((end - start) / stride) + 1
  if (count > MAX_SWEEP_POINTS)
    throw new SweepError(
      `${name}'s range gives ${count} points; the limit is ${MAX_SWEEP_POINTS} grid points`,
    )
  const values = Array.from({ length: count }, (_, i) => (start + i * stride) / scale)
  for (const value of values) {
    const problem = parameterValueProblem(parameter, value)
    if (problem) throw new SweepError(problem)
  }
  return { parameter: parameter.name, values }
}

/**
 * The policies a sweep runs: `all` for every policy in {@link POLICY_IDS} order, a comma-separated
 * list in its own order, or (undefined) the scenario's own policy. Throws {@link SweepError} for an
 * unknown or repeated policy.
 */
export function parseSweepPolicies(text: string | undefined, own: PolicyId): PolicyId[] {
  if (text === undefined) return [own]
  if (text === 'all') return [...POLICY_IDS]
  const names = text.split(',')
  const policies: PolicyId[] = []
  for (const name of names) {
    if (!(POLICY_IDS as readonly string[]).includes(name))
      throw new SweepError(`unknown policy "${name}"; policies: all, ${POLICY_IDS.join(', ')}`)
    if ((policies as string[]).includes(name))
      throw new SweepError(`policy "${name}" is named twice`)
    policies.push(name as PolicyId)
  }
  return policies
}

/** One row of a sweep: a grid point (a value per axis) under one policy. */
export interface SweepRow {
  /** 1-based place in the sweep's fixed row order, the same in every shard. */
  readonly row: number
  /** 0-based index of the grid point. */
  readonly point: number
  /** The point's value of each axis, in axis order. */
  readonly values: readonly number[]
  readonly policy: PolicyId
}

/** What a sweep is: its axes, policies, replications and base seed. */
export interface SweepPlan {
  readonly axes: readonly SweepAxis[]
  readonly policies: readonly PolicyId[]
  readonly replications: number
  /** Base seed of every row's replications (every row runs the same seeds). */
  readonly seed: number
}

/** The grid's points: every combination of the axes' values, the first axis varying slowest. */
export function sweepPoints(axes: readonly SweepAxis[]): number[][] {
  let points: number[][] = [[]]
  for (const axis of axes) points = points.flatMap((p) => axis.values.map((v) => [...p, v]))
  return points
}

/**
 * Checks a plan's shape and size: one or two distinct axes, at most {@link MAX_SWEEP_POINTS}
 * grid points and {@link MAX_SWEEP_RUNS} runs. Throws {@link SweepError} naming the limit.
 */
export function checkSweepPlan(plan: SweepPlan): void {
  const { axes, policies, replications } = plan
  if (axes.length < 1 || axes.length > 2)
    throw new SweepError(`a sweep varies one or two parameters, not ${axes.length}`)
  if (axes.length === 2 && axes[0]?.parameter === axes[1]?.parameter)
    throw new SweepError(`parameter ${axes[0]?.parameter} is swept twice`)
  const points = axes.reduce((n, a) => n * a.values.length, 1)
  if (points > MAX_SWEEP_POINTS)
    throw new SweepError(
      `the grid has ${points} points; the limit is ${MAX_SWEEP_POINTS} grid points`,
    )
  const runs = points * policies.length * replications
  if (runs > MAX_SWEEP_RUNS)
    throw new SweepError(
      `the sweep makes ${runs} runs (${points} points x ${policies.length} policies x ${replications} replications); the limit is ${MAX_SWEEP_RUNS} runs`,
    )
}

/**
 * The sweep's rows in their one fixed order: grid points as {@link sweepPoints} lists them, and
 * for each point the policies in the plan's order. Row numbers count from 1.
 */
export function sweepRows(plan: SweepPlan): SweepRow[] {
  return sweepPoints(plan.axes).flatMap((values, point) =>
    plan.policies.map((policy, p) => ({
      row: point * plan.policies.length + p + 1,
      point,
      values,
      policy,
    })),
  )
}

/** A shard: the `index`-th (1-based) of `count` slices of a sweep's rows. */
export interface SweepShard {
  readonly index: number
  readonly count: number
}

/** Parses `i/n` (1 <= i <= n, whole numbers in decimal digits); throws {@link SweepError}. */
export function parseSweepShard(text: string): SweepShard {
  const match = /^(\d{1,6})\/(\d{1,6})$/.exec(text)
  const index = Number(match?.[1])
  const count = Number(match?.[2])
  if (!match || !(count >= 1) || !(index >= 1 && index <= count))
    throw new SweepError(
      `--shard takes i/n with whole numbers 1 <= i <= n (1/4 to 4/4 for four shards), not "${text}"`,
    )
  return { index, count }
}

/**
 * The rows of one shard: row r belongs to shard ((r - 1) mod n) + 1, so every shard gets rows
 * from the whole grid (costly high-demand points are spread out) and the shards together hold
 * every row exactly once. A shard may be empty when there are more shards than rows.
 */
export function shardRows(rows: readonly SweepRow[], shard: SweepShard): SweepRow[] {
  return rows.filter((r) => (r.row - 1) % shard.count === shard.index - 1)
}

/**
 * The scenario of one grid point: `base` with each axis's parameter set to the point's value,
 * validated. Throws {@link SweepError} naming the point when the result is not a valid scenario
 * (such as paid plus government accounts above 1, or a run over the size limit).
 */
export function sweepPointScenario(
  base: ScenarioInput,
  axes: readonly SweepAxis[],
  values: readonly number[],
  parse: (input: ScenarioInput) => ReturnType<typeof parseScenario> = parseScenario,
): Scenario {
  let input = base
  axes.forEach((axis, i) => {
    input = (sweepParameter(axis.parameter)?.apply ?? ((s) => s))(input, values[i] as number)
  })
  const parsed = parse(input)
  if (parsed.ok) return parsed.scenario
  const point = axes.map((a, i) => `${a.parameter}=${values[i]}`).join(', ')
  const error = parsed.errors[0]
  throw new SweepError(`at ${point} the scenario is invalid: ${error?.path}: ${error?.message}`)
}

/** The seeds every row's replications run: the plan's base seed and those derived from it. */
export function sweepSeeds(plan: SweepPlan): number[] {
  return replicationSeeds(plan.seed, plan.replications)
}

/**
 * A sweep's identity: 16 hex digits over the engine version, the scenario and the plan. Shards of
 * one sweep carry the same id, so their files are never merged with another sweep's.
 */
export function sweepId(scenario: Scenario, plan: SweepPlan): string {
  return hashText(canonicalJson({ engine: ENGINE_VERSION, scenario, plan }))
}

/** A row with its figures: mean and 95% interval of each replicated metric. */
export interface SweepRowResult extends SweepRow {
  readonly figures: Readonly<Record<ReplicatedMetricName, Interval>>
}

/**
 * Combines one row's replication summaries (in any order) into its figures, with the same
 * intervals a single run's replications get (combineReplications). Pure.
 */
export function combineSweepRow(
  row: SweepRow,
  summaries: readonly ReplicationSummary[],
): SweepRowResult {
  const { figures } = combineReplications(summaries)
  return {
    ...row,
    figures: Object.fromEntries(REPLICATED_METRIC_NAMES.map((n) => [n, figures[n]])) as Record<
      ReplicatedMetricName,
      Interval
    >,
  }
}

/** A sweep ready to run: its plan, all its rows, each grid point's scenario and its id. */
export interface PreparedSweep {
  readonly plan: SweepPlan
  readonly rows: readonly SweepRow[]
  /** Each grid point's validated scenario, by point index. */
  readonly scenarios: readonly Scenario[]
  readonly id: string
}

/**
 * Checks `plan` against `base` and builds every row and every point's scenario, so any refusal
 * (size, an invalid point) comes before the first run, in every shard alike. Throws
 * {@link SweepError}. Pure.
 */
export function prepareSweep(base: Scenario, plan: SweepPlan): PreparedSweep {
  checkSweepPlan(plan)
  const scenarios = sweepPoints(plan.axes).map((values) =>
    sweepPointScenario(base, plan.axes, values),
  )
  return { plan, rows: sweepRows(plan), scenarios, id: sweepId(base, plan) }
}
