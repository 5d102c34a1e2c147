/**
 * A sweep's files: the CSV (one row per grid point and policy) and the JSON, and the merge of
 * shard CSVs into exactly the bytes one unsharded run writes. Pure text; deterministic.
 *
 * Every CSV row starts with its row number, the sweep's row count and the sweep's id, in sharded
 * and unsharded files alike, so a merge can check that its files belong to one sweep and hold
 * every row exactly once, then put the rows back in order without touching their bytes.
 */
import { csvText, stepColumnName } from './exports'
import { metricSpec } from './metrics'
import { INTERVAL_METHOD, REPLICATED_METRIC_NAMES } from './replications'
import { SWEEP_PARAMETER_NAMES, sweepParameter } from './sweep-parameters'
import { SweepError } from './sweep'
import type { SweepAxis, SweepPlan, SweepRowResult } from './sweep'
import type { PolicyId } from './model'
import { THRESHOLD_METRIC, sweepThresholds } from './sweep-threshold'
import type { ThresholdBracket, ThresholdRow } from './sweep-threshold'

/** The columns every sweep CSV starts with: row number, row count, sweep id. */
export const SWEEP_LEAD_COLUMNS = ['row', 'rows', 'sweep'] as const

/** The three figures of a metric's interval, as column suffixes. */
const BOUNDS = ['mean', 'lower', 'upper'] as const

/**
 * The sweep CSV's header: {@link SWEEP_LEAD_COLUMNS}, each swept parameter with its unit, the
 * policy, then `<metric>_mean`, `_lower` and `_upper` of each replicated metric with its unit.
 */
export function sweepCsvHeader(axes: readonly SweepAxis[]): string[] {
  return [
    ...SWEEP_LEAD_COLUMNS,
    ...axes.map((a) => stepColumnName(a.parameter, sweepParameter(a.parameter)?.unit ?? '')),
    'policy',
    ...REPLICATED_METRIC_NAMES.flatMap((name) =>
      BOUNDS.map((b) => stepColumnName(`${name}_${b}`, metricSpec(name).unit)),
    ),
  ]
}

/**
 * The sweep CSV (RFC 4180, CRLF) of `rows` (all of a sweep's rows, or one shard's) in row order.
 * `rowCount` is the whole sweep's count and `id` its {@link sweepId}.
 */
export function sweepCsv(
  axes: readonly SweepAxis[],
  rows: readonly SweepRowResult[],
  rowCount: number,
  id: string,
): string {
  const body = [...rows]
    .sort((a, b) => a.row - b.row)
    .map((r) => [
      r.row,
      rowCount,
      id,
      ...r.values,
      r.policy,
      ...REPLICATED_METRIC_NAMES.flatMap((name) => BOUNDS.map((b) => r.figures[name][b])),
    ])
  return csvText(sweepCsvHeader(axes), body)
}

/** What the sweep JSON is made of. */
export interface SweepJsonSource {
  readonly scenarioId: string
  readonly id: string
  readonly plan: SweepPlan
  readonly rowCount: number
  readonly shard?: { readonly index: number; readonly count: number }
  readonly rows: readonly SweepRowResult[]
  readonly thresholds?: readonly ThresholdBracket[]
}

/**
 * The sweep as one JSON object (one line): identity, plan, interval method, and each row with its
 * parameter values, policy and mean/lower/upper of every replicated metric; thresholds for a
 * one-parameter sweep run whole.
 */
export function sweepJson(source: SweepJsonSource): string {
  const { plan } = source
  return JSON.stringify({
    scenario: source.scenarioId,
    sweep: source.id,
    parameters: plan.axes.map((a) => ({ name: a.parameter, values: a.values })),
    policies: plan.policies,
    replications: plan.replications,
    seed: plan.seed,
    intervalMethod: INTERVAL_METHOD,
    rowCount: source.rowCount,
    ...(source.shard === undefined ? {} : { shard: source.shard }),
    rows: source.rows.map((r) => ({
      row: r.row,
      values: Object.fromEntries(plan.axes.map((a, i) => [a.parameter, r.values[i]])),
      policy: r.policy,
      figures: Object.fromEntries(
        REPLICATED_METRIC_NAMES.map((name) => {
          const { mean, lower, upper } = r.figures[name]
          return [name, { mean, lower, upper }]
        }),
      ),
    })),
    ...(source.thresholds === undefined ? {} : { thresholds: source.thresholds }),
  })
}

/** A file given to a merge: its name (for messages) and its text. */
export interface NamedText {
  readonly name: string
  readonly text: string
}

const LEAD = /^(\d{1,9}),(\d{1,9}),([0-9a-f]{16}),/

/**
 * Merges shard CSVs of one sweep into the CSV one unsharded run writes, byte for byte: the shared
 * header, then every row's line as its shard wrote it, in row order. Throws {@link SweepError},
 * naming the file, for a file that is not a sweep CSV, a header unlike the first file's, a row
 * of another sweep, a row in two files, or rows no file holds.
 */
export function mergeSweepCsv(files: readonly NamedText[]): string {
  if (files.length === 0) throw new SweepError('merge needs at least one shard file')
  let header: string | undefined
  let headerFile = ''
  let sweep: { id: string; rows: number; file: string } | undefined
  const lines = new Map<number, { line: string; file: string }>()
  for (const { name, text } of files) {
    if (!text.endsWith('\r\n')) throw new SweepError(`${name} is not a sweep CSV (no CRLF ending)`)
    const [first = '', ...rest] = text.slice(0, -2).split('\r\n')
    if (!first.startsWith(SWEEP_LEAD_COLUMNS.join(',') + ','))
      throw new SweepError(
        `${name} is not a sweep CSV (its header does not start with row,rows,sweep)`,
      )
    if (header === undefined) [header, headerFile] = [first, name]
    else if (first !== header) throw new SweepError(`${name}'s header differs from ${headerFile}'s`)
    for (const line of rest) {
      const match = LEAD.exec(line)
      if (!match)
        throw new SweepError(`${name} holds a line that is not a sweep row: "${line.slice(0, 40)}"`)
      const [row, rows, id] = [Number(match[1]), Number(match[2]), match[3] as string]
      sweep ??= { id, rows, file: name }
      if (id !== sweep.id || rows !== sweep.rows)
        throw new SweepError(
          `${name} belongs to another sweep (${id}, ${rows} rows) than ${sweep.file} (${sweep.id}, ${sweep.rows} rows)`,
        )
      if (row < 1 || row > rows) throw new SweepError(`${name} holds row ${row} of ${rows}`)
      const seen = lines.get(row)
      if (seen) throw new SweepError(`${name} and ${seen.file} both hold row ${row}`)
      lines.set(row, { line, file: name })
    }
  }
  if (sweep === undefined) throw new SweepError('no file holds any row')
  const missing: number[] = []
  for (let row = 1; row <= sweep.rows && missing.length < 10; row++)
    if (!lines.has(row)) missing.push(row)
  if (missing.length > 0)
    throw new SweepError(
      `row${missing.length > 1 ? 's' : ''} ${missing.join(', ')}${missing.length === 10 ? ' and more' : ''} of ${sweep.rows} in none of the files`,
    )
  const ordered = [...lines.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v.line)
  return [header as string, ...ordered].map((line) => line + '\r\n').join('')
}

/**
 * The threshold brackets of a whole one-parameter sweep CSV (such as a merge's output), per policy
 * in order of first appearance; none for a two-parameter sweep. Reads the header this module
 * writes (no cell of it holds a comma) and the rows' parameter, policy and concern-key bounds.
 */
export function sweepCsvThresholds(text: string): ThresholdBracket[] {
  const [head = '', ...lines] = text.replace(/\r\n$/, '').split('\r\n')
  const header = head.split(',')
  const policyAt = header.indexOf('policy')
  const name = header[SWEEP_LEAD_COLUMNS.length]?.replace(/ \(.*$/, '') ?? ''
  const parameter = SWEEP_PARAMETER_NAMES.find((p) => p === name)
  if (parameter === undefined || policyAt !== SWEEP_LEAD_COLUMNS.length + 1) return []
  const unit = metricSpec(THRESHOLD_METRIC).unit
  const at = (b: (typeof BOUNDS)[number]) =>
    header.indexOf(stepColumnName(`${THRESHOLD_METRIC}_${b}`, unit))
  const rows: ThresholdRow[] = lines.map((line) => {
    const cells = line.split(',')
    const bounds = Object.fromEntries(BOUNDS.map((b) => [b, Number(cells[at(b)])]))
    return {
      values: [Number(cells[SWEEP_LEAD_COLUMNS.length])],
      policy: cells[policyAt] as PolicyId,
      figures: { [THRESHOLD_METRIC]: bounds as Record<(typeof BOUNDS)[number], number> },
    }
  })
  const policies = [...new Set(rows.map((r) => r.policy))]
  const axes = [{ parameter, values: rows.map((r) => r.values[0] as number) }]
  return sweepThresholds({ axes, policies, replications: 0, seed: 0 }, rows)
}
