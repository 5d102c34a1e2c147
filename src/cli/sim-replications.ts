/**
 * The sim command with --replications: the scenario run on N seeds derived from the base seed,
 * on a pool of worker threads, printed as each figure's mean and 95% interval with every seed and
 * its hash (or as the replications JSON), and with --csv the per-step bands. Nothing printed on
 * standard output depends on the number of threads; progress goes to standard error.
 */
import { writeFileSync } from 'node:fs'
import { ENGINE_VERSION } from '../sim/engine-version'
import { replicationBandsCsv, replicationsJson } from '../sim/exports'
import type { ReplicationsIdentity } from '../sim/exports'
import { metricSpec } from '../sim/metrics'
import {
  INTERVAL_METHOD,
  REPLICATED_METRIC_NAMES,
  combineReplications,
  replicationSeeds,
} from '../sim/replications'
import type { ReplicationSet, ReplicationSummary } from '../sim/replications'
import type { Scenario } from '../sim/scenario'
import { defaultThreadCount, runOnThreads } from './replication-pool'
import type { CliOptions } from './sim-args'

/** What decides a set of replications' results (the thread count does not). */
export type ReplicationChoices = Pick<CliOptions, 'seed' | 'policy' | 'isPolicyHeld'> & {
  readonly replications: number
}

/** Replications combined, with what names them. */
export interface ReplicationsRun {
  readonly identity: ReplicationsIdentity
  readonly set: ReplicationSet
}

/**
 * Runs the replications of `scenario` on `threads` worker threads: seeds from the base seed
 * (`choices.seed`, else the scenario's), the policy choices applied to each. `onDone` hears
 * each replication as it finishes, with the count done so far.
 */
export async function runReplications(
  scenario: Scenario,
  choices: ReplicationChoices,
  threads: number,
  onDone?: (summary: ReplicationSummary, done: number) => void,
): Promise<ReplicationsRun> {
  const baseSeed = choices.seed ?? scenario.seed
  const jobs = replicationSeeds(baseSeed, choices.replications).map((seed, index) => ({
    scenario,
    task: {
      index,
      seed,
      ...(choices.policy === undefined ? {} : { policy: choices.policy }),
      holdPolicy: choices.isPolicyHeld,
    },
  }))
  const set = combineReplications(await runOnThreads(jobs, threads, onDone))
  const policy = set.replications[0]?.policy ?? choices.policy ?? scenario.policy
  return {
    identity: { scenarioId: scenario.id, engineVersion: ENGINE_VERSION, baseSeed, policy },
    set,
  }
}

/** A figure for reading: whole numbers as they are, others to two decimals. */
function figure(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toFixed(2)
}

function printReadable({ identity, set }: ReplicationsRun): void {
  const count = set.replications.length
  const labels = REPLICATED_METRIC_NAMES.map((name) => metricSpec(name).label)
  const width = Math.max(...labels.map((l) => l.length))
  const lines = [
    `keyroute replications - ${identity.scenarioId} (${count} replications from base seed ${identity.baseSeed}, policy ${identity.policy}, engine ${identity.engineVersion})`,
    `each figure: mean [lower, upper], ${INTERVAL_METHOD}`,
    '',
    ...REPLICATED_METRIC_NAMES.map((name, i) => {
      const { mean, lower, upper } = set.figures[name]
      const label = (labels[i] ?? name).padEnd(width)
      return `${label}  ${figure(mean)} [${figure(lower)}, ${figure(upper)}] ${metricSpec(name).unit}`
    }),
    '',
    'seeds (run one alone with --seed S; it gives the hash listed):',
    ...set.replications.map(
      (r) =>
        `  replication ${String(r.index + 1).padStart(String(count).length)}  seed ${String(r.seed).padEnd(10)}  hash ${r.hash}`,
    ),
  ]
  console.log(lines.join('\n'))
}

/** Progress on standard error: one updating line on a terminal, else about 50 lines at most. */
function progressReporter(count: number): (summary: ReplicationSummary, done: number) => void {
  const isTty = process.stderr.isTTY === true
  const every = Math.max(1, Math.ceil(count / 50))
  return (_summary, done) => {
    const line = `sim: ${done} of ${count} replications done`
    if (isTty) process.stderr.write(`\r${line}${done === count ? '\n' : ''}`)
    else if (done % every === 0 || done === count) console.error(line)
  }
}

/**
 * Writes a CSV the command was asked for; on failure says so in one line (naming `what`) and
 * gives false.
 */
export function writeCsv(path: string, text: () => string, what: string): boolean {
  try {
    writeFileSync(path, text())
    return true
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'failed'
    console.error(`sim: cannot write ${what} to ${path} (${reason})`)
    return false
  }
}

/** The sim command's run with `--replications`; resolves with the exit code. */
export async function replicationsMain(
  scenario: Scenario,
  options: CliOptions & { readonly replications: number },
): Promise<number> {
  const threads = Math.min(options.workers ?? defaultThreadCount(), options.replications)
  console.error(`sim: ${options.replications} replications on ${threads} worker thread(s)`)
  const run = await runReplications(
    scenario,
    options,
    threads,
    progressReporter(options.replications),
  )
  const csv = () => replicationBandsCsv(scenario.startDate, scenario.stepMinutes, run.set)
  if (options.csvPath !== undefined && !writeCsv(options.csvPath, csv, 'the bands')) return 1
  if (options.isJson) console.log(replicationsJson(run.identity, run.set))
  else printReadable(run)
  return 0
}
