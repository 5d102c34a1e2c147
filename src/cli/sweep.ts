/**
 * Command line: a sensitivity sweep of one or two parameters against one or more policies, every
 * (row, replication) run on the replication pool's worker threads; or a merge of shard files.
 *   npm run sweep -- <preset | file | -> --param NAME=FROM:TO:STEP [--param ...] [--policies ...]
 *     [--replications N] [--seed S] [--workers W] [--shard I/N] (--csv FILE | --json)
 *   npm run sweep -- merge FILES... --csv OUT
 * The CSV, the JSON and the merge are written by src/sim/sweep-csv.ts.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import type { ReplicationSummary } from '../sim/replications'
import {
  SweepError,
  combineSweepRow,
  parseSweepPolicies,
  prepareSweep,
  shardRows,
  sweepSeeds,
} from '../sim/sweep'
import type { PreparedSweep, SweepRow, SweepRowResult } from '../sim/sweep'
import { mergeSweepCsv, sweepCsv, sweepCsvThresholds, sweepJson } from '../sim/sweep-csv'
import { sweepThresholds } from '../sim/sweep-threshold'
import { defaultThreadCount, runOnThreads } from './replication-pool'
import type { PoolJob } from './replication-pool'
import { runMain } from './run-main'
import { loadScenarioOrReport } from './scenario-source'
import { UsageError } from './sim-args'
import { SWEEP_USAGE, parseSweepArgs } from './sweep-args'
import type { SweepMergeOptions, SweepOptions, SweepRunOptions } from './sweep-args'

/**
 * Runs handed to the pool at a time: whole rows, so a big sweep keeps only this many runs'
 * summaries (with their per-step series) in memory before their rows are combined.
 */
const RUNS_PER_BATCH = 2000

function writeFile(path: string, text: string, what: string): boolean {
  try {
    writeFileSync(path, text)
    return true
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'failed'
    console.error(`sweep: cannot write ${what} to ${path} (${reason})`)
    return false
  }
}

function merge(options: SweepMergeOptions): number {
  const files = []
  for (const name of options.files) {
    try {
      files.push({ name, text: readFileSync(name, 'utf8') })
    } catch (error) {
      const reason = error instanceof Error && 'code' in error ? String(error.code) : 'failed'
      console.error(`sweep: cannot read ${name} (${reason})`)
      return 1
    }
  }
  let text: string
  try {
    text = mergeSweepCsv(files)
  } catch (error) {
    if (!(error instanceof SweepError)) throw error
    console.error(`sweep: merge refused: ${error.message}`)
    return 1
  }
  if (!writeFile(options.csvPath, text, 'the merged sweep')) return 1
  for (const t of sweepCsvThresholds(text)) console.error(`sweep: ${t.text}`)
  return 0
}

/** A progress reporter on standard error: one updating line on a terminal, every 10% in a log. */
function progress(total: number): (done: number) => void {
  const isTty = process.stderr.isTTY === true
  let reported = -1
  return (done) => {
    const percent = Math.floor((100 * done) / total)
    if (isTty ? percent === reported : Math.floor(percent / 10) === Math.floor(reported / 10))
      return
    reported = percent
    const line = `sweep: ${percent}% (${done} of ${total} runs)`
    if (isTty) process.stderr.write(`\r${line}${done === total ? '\n' : ''}`)
    else console.error(line)
  }
}

/** Runs `rows` in batches of whole rows and combines each row's replications. */
async function runRows(
  sweep: PreparedSweep,
  rows: readonly SweepRow[],
  threads: number,
): Promise<SweepRowResult[]> {
  const seeds = sweepSeeds(sweep.plan)
  const perBatch = Math.max(1, Math.floor(RUNS_PER_BATCH / seeds.length))
  const report = progress(rows.length * seeds.length)
  const results: SweepRowResult[] = []
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch)
    const jobs: PoolJob[] = batch.flatMap((row) =>
      seeds.map((seed, index) => ({
        scenario: sweep.scenarios[row.point] as PoolJob['scenario'],
        task: { index, seed, policy: row.policy },
      })),
    )
    const before = start * seeds.length
    const summaries = await runOnThreads(jobs, threads, (_s, done) => report(before + done))
    batch.forEach((row, i) => {
      const mine: ReplicationSummary[] = summaries.slice(i * seeds.length, (i + 1) * seeds.length)
      results.push(combineSweepRow(row, mine))
    })
  }
  return results
}

async function sweep(options: SweepRunOptions): Promise<number> {
  const scenario = await loadScenarioOrReport('sweep', options.source)
  if (scenario === null) return 1
  let prepared: PreparedSweep
  try {
    const policies = parseSweepPolicies(options.policies, scenario.policy)
    const plan = {
      axes: options.axes,
      policies,
      replications: options.replications,
      seed: options.seed ?? scenario.seed,
    }
    prepared = prepareSweep(scenario, plan)
  } catch (error) {
    if (!(error instanceof SweepError)) throw error
    console.error(`sweep: ${error.message} (--help for usage)`)
    return 2
  }
  const { shard } = options
  const rows = shard === undefined ? prepared.rows : shardRows(prepared.rows, shard)
  const threads = options.workers ?? defaultThreadCount()
  const { plan } = prepared
  const points = prepared.scenarios.length
  console.error(
    `sweep: ${points} grid points x ${plan.policies.length} ${plan.policies.length === 1 ? 'policy' : 'policies'} = ${prepared.rows.length} rows` +
      (shard === undefined
        ? ''
        : `; shard ${shard.index}/${shard.count} runs ${rows.length} of them`) +
      `; ${rows.length * plan.replications} runs (${plan.replications} replications each) on ${threads} thread${threads === 1 ? '' : 's'}`,
  )
  const results = await runRows(prepared, rows, threads)
  const isWhole = shard === undefined || shard.count === 1
  const thresholds = isWhole ? sweepThresholds(plan, results) : undefined
  for (const t of thresholds ?? []) console.error(`sweep: ${t.text}`)
  if (!isWhole && plan.axes.length === 1)
    console.error('sweep: a shard holds only some rows; merging the shards states the threshold')
  if (options.csvPath !== undefined) {
    const text = sweepCsv(plan.axes, results, prepared.rows.length, prepared.id)
    if (!writeFile(options.csvPath, text, 'the sweep')) return 1
  }
  if (options.isJson)
    console.log(
      sweepJson({
        scenarioId: scenario.id,
        id: prepared.id,
        plan,
        rowCount: prepared.rows.length,
        ...(shard === undefined ? {} : { shard }),
        rows: results,
        ...(thresholds === undefined ? {} : { thresholds }),
      }),
    )
  return 0
}

async function main(argv: readonly string[]): Promise<number> {
  let options: SweepOptions
  try {
    options = parseSweepArgs(argv, process.stdin.isTTY === true)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`sweep: ${error.message} (--help for usage)`)
    return 2
  }
  if (options.command === 'help') {
    console.log(SWEEP_USAGE)
    return 0
  }
  return options.command === 'merge' ? merge(options) : sweep(options)
}

runMain('sweep', main)
