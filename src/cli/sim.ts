/**
 * Command line: run a preset or a scenario file (or one piped into -) and print a summary, or
 * one JSON object. The run's estimate, and for a run of more than a few seconds its progress,
 * go to standard error.
 *   npm run sim -- <preset | file | -> [--seed N] [--policy NAME] [--days D] [--scale S] [--json]
 *     [--csv FILE] [--at TIME]
 *   npm run sim -- <preset | file | -> --replications N [--workers W] [--json] [--csv FILE] ...
 * The JSON and the CSV are written by src/sim/exports.ts, as the app's downloads are.
 */
import { createRun } from '../sim/engine'
import { resultsAt, resultsJson, stepSeriesCsv } from '../sim/exports'
import type { StepSeriesRecord } from '../sim/exports'
import type { RunResult } from '../sim/model'
import { describeEstimate, describeSeconds, estimateRun } from '../sim/run-size'
import { utcDayMs, utcTimeMs } from '../sim/dates'
import { resolveScenario } from '../sim/scenario'
import type { Scenario } from '../sim/scenario'
import { USAGE, UsageError, parseCliArgs } from './sim-args'
import { loadScenarioOrReport } from './scenario-source'
import type { CliOptions } from './sim-args'
import { runMain } from './run-main'
import { replicationsMain, writeCsv } from './sim-replications'

/** Runs expected to take longer than this report their progress (seconds). */
const PROGRESS_ABOVE_SECONDS = 3

function printReadable(result: RunResult): void {
  const t = result.totals
  const pct = (a: number, b: number) => (b > 0 ? `${((100 * a) / b).toFixed(2)}%` : '0%')
  const lines = [
    `keyroute simulation - ${result.scenarioId} (seed ${result.seed}, policy ${result.initialPolicy}, engine ${result.engineVersion})`,
    `hash ${result.hash}  from ${result.startDate} for ${result.days} days at scale 1:${Math.round(1 / result.scale)}`,
    '',
    `meetings            ${t.meetings}`,
    `joins offered       ${t.offered}`,
    `joins carried       ${t.carried}`,
    `joins blocked       ${t.blocked} (${pct(t.blocked, t.offered)})`,
    `joins redirected    ${t.redirected} (${pct(t.redirected, t.offered)})`,
    `cross-border keys   ${t.crossBorderExposures}`,
    `keys from concern   ${t.concernExposures}`,
    `exposed meetings    ${t.exposedMeetings} (${t.exposedParticipants} participants shared an exposed key)`,
    '',
    'exposures by participant jurisdiction -> key jurisdiction:',
    ...(result.exposurePairs.length === 0
      ? ['  none']
      : result.exposurePairs.map(
          (p) =>
            `  ${p.originJurisdiction.padEnd(4)} -> ${p.keyJurisdiction.padEnd(4)} ${p.deliveries}`,
        )),
    '',
    'peak utilisation by site:',
    ...result.sites.map(
      (s) =>
        `  ${s.siteId.padEnd(12)} ${(100 * s.peakUtilisation).toFixed(1).padStart(6)}%  keys issued ${s.keysIssued}, exposures ${s.exposuresIssued}`,
    ),
  ]
  if (result.incidents[0]) lines.push('', `first recorded exposure: ${result.incidents[0].cause}`)
  console.log(lines.join('\n'))
}

/** A finished run and, when the step series is wanted, its steps' figures. */
interface Simulated {
  readonly result: RunResult
  readonly steps: readonly StepSeriesRecord[]
}

/**
 * Runs the scenario, reporting progress on standard error when asked to, and keeping the steps'
 * figures (not their flows) when `isStepsKept`.
 */
function simulate(
  scenario: Scenario,
  options: CliOptions,
  isProgress: boolean,
  isStepsKept: boolean,
): Simulated {
  const run = createRun(resolveScenario(scenario), {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.policy === undefined ? {} : { policy: options.policy }),
    holdPolicy: options.isPolicyHeld,
  })
  const steps: StepSeriesRecord[] = []
  const advance = (maxSteps: number) => {
    const records = run.advance(maxSteps)
    if (isStepsKept) for (const { flows: _flows, ...figures } of records) steps.push(figures)
  }
  if (!isProgress) {
    if (isStepsKept) advance(Number.MAX_SAFE_INTEGER)
    return { result: run.finish(), steps }
  }
  const isTty = process.stderr.isTTY === true
  let reported = -1
  while (!run.isDone) {
    advance(Math.max(1, Math.ceil(run.stepCount / 100)))
    const percent = Math.floor((100 * run.stepsDone) / run.stepCount)
    // On a terminal one line that updates; in a log a line every 10 %.
    if (isTty ? percent === reported : Math.floor(percent / 10) === Math.floor(reported / 10))
      continue
    reported = percent
    const line = `sim: ${percent}% (${run.stepsDone} of ${run.stepCount} steps)`
    if (isTty) process.stderr.write(`\r${line}${run.isDone ? '\n' : ''}`)
    else console.error(line)
  }
  return { result: run.finish(), steps }
}

/** Why `--at` names no step of the run, or null: a time before its start or from its end on. */
function timeOutside(at: string, scenario: Scenario): string | null {
  const startMs = utcDayMs(scenario.startDate)
  const endMs = startMs + scenario.days * 86_400_000
  const ms = utcTimeMs(at)
  if (ms >= startMs && ms < endMs) return null
  const end = new Date(endMs).toISOString().slice(0, 16)
  return `--at ${at} lies outside the run (${scenario.startDate}T00:00Z to ${end}Z)`
}

async function main(argv: readonly string[]): Promise<number> {
  let options: CliOptions
  try {
    options = parseCliArgs(argv, process.stdin.isTTY === true)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`sim: ${error.message} (--help for usage)`)
    return 2
  }
  if (options.isHelp) {
    console.log(USAGE)
    return 0
  }
  const scenario = await loadScenarioOrReport('sim', options.source, options)
  if (scenario === null) return 1
  const outside = options.at === undefined ? null : timeOutside(options.at, scenario)
  if (outside !== null) {
    console.error(`sim: ${outside} (--help for usage)`)
    return 2
  }
  const estimate = estimateRun(scenario)
  const perRun = options.replications === undefined ? '' : ' per replication'
  console.error(
    `sim: estimate${perRun}: ${describeEstimate(estimate)}; expected ${describeSeconds(estimate.expectedSeconds)}`,
  )
  const { replications } = options
  if (replications !== undefined) return replicationsMain(scenario, { ...options, replications })
  const isProgress = options.isProgressForced || estimate.expectedSeconds > PROGRESS_ABOVE_SECONDS
  const { result, steps } = simulate(
    scenario,
    options,
    isProgress,
    options.csvPath !== undefined || options.at !== undefined,
  )
  const at = options.at === undefined ? undefined : resultsAt(options.at, result, steps)
  const csv = () => stepSeriesCsv(result.startDate, steps)
  if (options.csvPath !== undefined && !writeCsv(options.csvPath, csv, 'the step series')) return 1
  if (options.isJson) console.log(resultsJson(result, at ?? undefined))
  else printReadable(result)
  return 0
}

runMain('sim', main)
