/**
 * Replications benchmark (not a test): parallel efficiency of the CLI's replications. Runs
 * `--replications 20` of citizenlab-2020 through the sim command's own code (scenario loading,
 * runReplications on the worker-thread pool, thread start-up included in every timing) with 1
 * worker thread and with 2, alternated, 3 rounds, and prints the medians, the efficiency
 * T1 / (2 x T2) (target at least 0.8 on a 2-core machine), and participant joins simulated per
 * second with 1 thread and with every core's thread. With one worker thread V8's own helper
 * threads (the garbage collector's) still use the second core, so the bench also times 1 thread
 * with the whole process pinned to one core (Linux `taskset`), the textbook single-processor
 * baseline, and gives the efficiency against it too. The last line is one JSON object.
 * It also gives the CPU time of the whole process for 1 and 2 threads: the extra work that
 * running on two threads costs (each thread compiles the engine anew, and the two share caches).
 * Run: npm run bench:replications [-- --count N] [--rounds R]
 */
import { execFileSync } from 'node:child_process'
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

/**
 * Pins every thread of this process (and the threads it starts later) to the given cores, or
 * says why not; `taskset` is Linux's.
 */
function pin(cores: string): boolean {
  try {
    execFileSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], { stdio: 'ignore' })
    return true
  } catch {
    return false
  }
}
const everyCore = `0-${allThreads - 1}`

/**
 * One timed run of the replications on `threads` threads (pinned to one core when `isOneCore`):
 * its milliseconds, joins and JSON.
 */
async function timed(threads: number, isOneCore = false) {
  if (isOneCore) pin('0')
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  const run = await runReplications(scenario, choices, threads)
  const ms = performance.now() - start
  const cpu = process.cpuUsage(cpuStart)
  if (isOneCore) pin(everyCore)
  const joins = run.set.replications.reduce((a, r) => a + r.figures.offered, 0)
  return {
    ms,
    cpuMs: (cpu.user + cpu.system) / 1000,
    joins,
    json: replicationsJson(run.identity, run.set),
  }
}

// Warm-up, not timed: builds (or finds in the cache) the thread bundle, as a first command would.
const warmStart = performance.now()
await runReplications(scenario, { ...choices, replications: 2 }, 2)
console.log(`warm-up (thread bundle ready)   ${(performance.now() - warmStart).toFixed(0)} ms`)

const threadCounts = [...new Set([1, 2, allThreads])]
const times = new Map<number, number[]>(threadCounts.map((t) => [t, []]))
// CPU time of the whole process (every thread, V8's helpers included): what running on more
// threads costs in work, apart from how the machine's other load shares the cores out.
const cpuTimes = new Map<number, number[]>(threadCounts.map((t) => [t, []]))
const canPin = pin(everyCore)
const oneCoreTimes: number[] = []
let joins = 0
let json: string | null = null
for (let round = 1; round <= rounds; round++) {
  // Alternated, and in the opposite order every other round, so drift in the machine's load
  // falls on both sides.
  const order = round % 2 === 1 ? threadCounts : [...threadCounts].reverse()
  for (const threads of order) {
    const result = await timed(threads)
    times.get(threads)?.push(result.ms)
    cpuTimes.get(threads)?.push(result.cpuMs)
    if (json !== null && result.json !== json)
      throw new Error(`the results differ with ${threads} threads`)
    json = result.json
    joins = result.joins
    console.log(
      `round ${round}  ${threads} thread(s)  ${result.ms.toFixed(0).padStart(6)} ms, CPU ${result.cpuMs.toFixed(0).padStart(6)} ms  (${count} replications)`,
    )
  }
  if (canPin) {
    const result = await timed(1, true)
    oneCoreTimes.push(result.ms)
    if (result.json !== json) throw new Error('the results differ on one core')
    console.log(
      `round ${round}  1 thread, one core ${result.ms.toFixed(0).padStart(6)} ms  (${count} replications)`,
    )
  }
}

const t1 = median(times.get(1) ?? [])
const t2 = median(times.get(2) ?? [])
const tAll = median(times.get(allThreads) ?? [])
const efficiency = t1 / (2 * t2)
const cpu1 = median(cpuTimes.get(1) ?? [])
const cpu2 = median(cpuTimes.get(2) ?? [])
const t1OneCore = canPin ? median(oneCoreTimes) : null
const efficiencyOneCore = t1OneCore === null ? null : t1OneCore / (2 * t2)
const joinsPerSecond1 = joins / (t1 / 1000)
const joinsPerSecondAll = joins / (tAll / 1000)
const rows: [string, string][] = [
  ['median, 1 thread', `${t1.toFixed(0)} ms`],
  ['median, 2 threads', `${t2.toFixed(0)} ms`],
  ['efficiency T1 / (2 x T2)', `${efficiency.toFixed(2)} (target >= ${TARGET_EFFICIENCY})`],
  [
    'median, 1 thread on one core',
    t1OneCore === null ? 'n/a (no taskset)' : `${t1OneCore.toFixed(0)} ms`,
  ],
  [
    'efficiency vs one core',
    efficiencyOneCore === null
      ? 'n/a'
      : `${efficiencyOneCore.toFixed(2)} (T1 on one core / (2 x T2))`,
  ],
  ['median CPU, 1 thread', `${cpu1.toFixed(0)} ms`],
  [
    'median CPU, 2 threads',
    `${cpu2.toFixed(0)} ms (${((cpu2 / cpu1 - 1) * 100).toFixed(0)}% more work)`,
  ],
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
    cpuMsByThreads: Object.fromEntries(cpuTimes),
    medianCpuMs1: cpu1,
    medianCpuMs2: cpu2,
    medianMs1OneCore: t1OneCore,
    efficiencyOneCore,
    joins,
    joinsPerSecond1,
    joinsPerSecondAll,
  }),
)
