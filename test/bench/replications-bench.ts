/**
 * Replications benchmark (not a test): parallel efficiency of the CLI's replications. Runs
 * `--replications 20` of citizenlab-2020 through the sim command's own code (scenario loading,
 * runReplications on the worker-thread pool, thread start-up included in every timing) with 1
 * worker thread and with 2, alternated, 3 rounds, and prints the medians, the efficiency
 * T1 / (2 x T2) (target at least 0.8 on a 2-core machine), and participant joins simulated per
 * second with 1 thread and with every core's thread. The last line is one JSON object.
 * Run: npm run bench:replications [-- --count N] [--rounds R]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { defaultThreadCount } from '../../src/cli/replication-pool'
import { loadScenarioSource } from '../../src/cli/scenario-source'
import { runReplications } from '../../src/cli/sim-replications'
import { replicationsJson } from '../../src/sim/exports'

const TARGET_EFFICIENCY = 0.8

const { values } = parseArgs({
  options: { count: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } },
})
const count = Number(values.count)
const rounds = Number(values.rounds)

const parsed = await loadScenarioSource('citizenlab-2020')
if (!parsed.ok) throw new Error('citizenlab-2020 does not parse')
const scenario = parsed.scenario
const choices = { replications: count, isPolicyHeld: false }
const allThreads = defaultThreadCount()

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** One timed run of the replications on `threads` threads: its milliseconds, joins and JSON. */
async function timed(threads: number) {
  const start = performance.now()
  const run = await runReplications(scenario, choices, threads)
  const ms = performance.now() - start
  const joins = run.set.replications.reduce((a, r) => a + r.figures.offered, 0)
  return { ms, joins, json: replicationsJson(run.identity, run.set) }
}

// Warm-up, not timed: builds (or finds in the cache) the thread bundle, as a first command would.
const warmStart = performance.now()
await runReplications(scenario, { ...choices, replications: 2 }, 2)
console.log(`warm-up (thread bundle ready)   ${(performance.now() - warmStart).toFixed(0)} ms`)

const threadCounts = [...new Set([1, 2, allThreads])]
const times = new Map<number, number[]>(threadCounts.map((t) => [t, []]))
let joins = 0
let json: string | null = null
for (let round = 1; round <= rounds; round++) {
  // Alternated, and in the opposite order every other round, so drift in the machine's load
  // falls on both sides.
  const order = round % 2 === 1 ? threadCounts : [...threadCounts].reverse()
  for (const threads of order) {
    const result = await timed(threads)
    times.get(threads)?.push(result.ms)
    if (json !== null && result.json !== json)
      throw new Error(`the results differ with ${threads} threads`)
    json = result.json
    joins = result.joins
    console.log(
      `round ${round}  ${threads} thread(s)  ${result.ms.toFixed(0).padStart(6)} ms  (${count} replications)`,
    )
  }
}

const t1 = median(times.get(1) ?? [])
const t2 = median(times.get(2) ?? [])
const tAll = median(times.get(allThreads) ?? [])
const efficiency = t1 / (2 * t2)
const joinsPerSecond1 = joins / (t1 / 1000)
const joinsPerSecondAll = joins / (tAll / 1000)
const rows: [string, string][] = [
  ['median, 1 thread', `${t1.toFixed(0)} ms`],
  ['median, 2 threads', `${t2.toFixed(0)} ms`],
  ['efficiency T1 / (2 x T2)', `${efficiency.toFixed(2)} (target >= ${TARGET_EFFICIENCY})`],
  ['joins per second, 1 thread', joinsPerSecond1.toFixed(0)],
  [`joins per second, ${allThreads} thread(s)`, joinsPerSecondAll.toFixed(0)],
]
for (const [name, value] of rows) console.log(`${name.padEnd(32)}${value}`)
console.log(
  JSON.stringify({
    scenario: scenario.id,
    replications: count,
    rounds,
    allThreads,
    msByThreads: Object.fromEntries(times),
    medianMs1: t1,
    medianMs2: t2,
    efficiency,
    joins,
    joinsPerSecond1,
    joinsPerSecondAll,
  }),
)
