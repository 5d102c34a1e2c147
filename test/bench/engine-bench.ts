/**
 * Engine benchmark (not a test): a 14-day global surge with more than a million meetings; the
 * M/M/100/100 load run by the engine and by a bare loop (erlang-load.ts); and one hour of the
 * surge at 1:1 scale (one simulated participant per real one). Prints participant joins
 * simulated per second (wall and CPU time), total time and peak memory, then, as its last line,
 * one JSON object with those figures. Run: npm run bench
 */
import { createRun } from '../../src/sim/engine'
import { compareWithBareLoop } from './erlang-load'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'

const gc = (globalThis as { gc?: () => void }).gc

function scenarioAt(scale: number, days: number): ScenarioInput {
  const base = PRESETS['surge-march-2020']
  return { ...base, days, demand: { ...base.demand, scale } }
}

interface Measurement {
  scale: number
  days: number
  meetings: number
  joins: number
  seconds: number
  joinsPerSecond: number
  cpuSeconds: number
  joinsPerCpuSecond: number
  peakHeapMB: number
  heapGrowthMB: number
  peakRssMB: number
  hash: string
}

function measure(scale: number, days: number): Measurement {
  const parsed = parseScenario(scenarioAt(scale, days))
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const resolved = resolveScenario(parsed.scenario)
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  let peakHeap = heapBefore
  let peakRss = process.memoryUsage().rss
  const started = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  const run = createRun(resolved)
  while (!run.isDone) {
    run.advance(24)
    const m = process.memoryUsage()
    if (m.heapUsed > peakHeap) peakHeap = m.heapUsed
    if (m.rss > peakRss) peakRss = m.rss
  }
  const result = run.finish()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const cpu = process.cpuUsage(cpuStart)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  return {
    scale,
    days,
    meetings: result.totals.meetings,
    joins: result.totals.offered,
    seconds: round(seconds, 3),
    joinsPerSecond: Math.round(result.totals.offered / seconds),
    cpuSeconds: round(cpuSeconds, 3),
    joinsPerCpuSecond: Math.round(result.totals.offered / cpuSeconds),
    peakHeapMB: round(peakHeap / 2 ** 20, 1),
    heapGrowthMB: round((peakHeap - heapBefore) / 2 ** 20, 1),
    peakRssMB: round(peakRss / 2 ** 20, 1),
    hash: result.hash,
  }
}

interface LedgerMemory {
  meetings: number
  incidents: number
  ledgers: number
  ledgerParticipants: number
  retainedHeapMB: number
}

/**
 * The meeting ledgers' memory: the heap a finished run's result holds once collected (the
 * run's peak is what `measure` reports). Four times the meetings should keep about the same
 * ledgers (the incident log's limit), not four times as many.
 */
function ledgerMemory(scale: number, days: number): LedgerMemory {
  const parsed = parseScenario(scenarioAt(scale, days))
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  gc?.()
  const heapBefore = process.memoryUsage().heapUsed
  const result = createRun(resolveScenario(parsed.scenario)).finish()
  gc?.()
  return {
    meetings: result.totals.meetings,
    incidents: result.incidents.length,
    ledgers: result.ledgers.length,
    ledgerParticipants: result.ledgers.reduce((n, l) => n + l.participants.length, 0),
    retainedHeapMB: round((process.memoryUsage().heapUsed - heapBefore) / 2 ** 20, 1),
  }
}

interface RealScaleHour {
  startUtc: string
  joins: number
  seconds: number
  joinsPerSecond: number
  cpuSeconds: number
  joinsPerCpuSecond: number
  concurrentParticipantsAtEnd: number
}

/**
 * One hour of the surge at 1:1 scale: the first hour (UTC) of its last day, 29 March 2020, when
 * daily participants are highest. A run starts at UTC midnight, so the day's busiest hour (about
 * 15:00 UTC, twice the joins) would take the 15 hours before it; the outage of 24 March lies
 * outside the hour and is left out.
 */
function realScaleHour(): RealScaleHour {
  const base = PRESETS['surge-march-2020']
  const parsed = parseScenario({
    ...base,
    startDate: '2020-03-29',
    days: 1 / 24,
    timeline: [],
    demand: { ...base.demand, scale: 1 },
  })
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const resolved = resolveScenario(parsed.scenario)
  gc?.()
  const started = process.hrtime.bigint()
  const cpuStart = process.cpuUsage()
  const run = createRun(resolved)
  const [step] = run.advance(1)
  const result = run.finish()
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  const cpu = process.cpuUsage(cpuStart)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const joins = result.totals.offered
  return {
    startUtc: '2020-03-29T00:00Z',
    joins,
    seconds: round(seconds, 3),
    joinsPerSecond: Math.round(joins / seconds),
    cpuSeconds: round(cpuSeconds, 3),
    joinsPerCpuSecond: Math.round(joins / cpuSeconds),
    concurrentParticipantsAtEnd: step?.activeParticipants ?? 0,
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits
  return Math.round(x * f) / f
}

if (!gc) console.log('(run with node --expose-gc for steadier memory figures: npm run bench does)')
// Warm up the JIT on a small run so the timed runs measure steady-state code.
measure(0.0002, 14)
const main = [measure(0.0015, 14), measure(0.0015, 14), measure(0.0015, 14)].sort(
  (a, b) => a.seconds - b.seconds,
)[0] as Measurement
const smaller = measure(0.0005, 14)
const erlang = compareWithBareLoop(3)
const ledgersAt1x = ledgerMemory(0.0003, 14)
const ledgersAt4x = ledgerMemory(0.0012, 14)

// Last, so that the process's peak RSS is the 1:1 hour's (or, if higher, an earlier part's).
const hour = realScaleHour()
const peakRssMB = round(process.resourceUsage().maxRSS / 1024, 1)

console.log('keyroute engine benchmark: 14-day global surge (surge-march-2020), one core')
console.log(`  meetings            ${main.meetings.toLocaleString('en-US')}`)
console.log(`  participant joins   ${main.joins.toLocaleString('en-US')}`)
console.log(`  total time          ${main.seconds.toFixed(3)} s (best of 3)`)
console.log(
  `  joins per second    ${main.joinsPerSecond.toLocaleString('en-US')} (per CPU second ${main.joinsPerCpuSecond.toLocaleString('en-US')}, ${main.cpuSeconds.toFixed(3)} CPU s)`,
)
console.log(
  `  peak heap           ${main.peakHeapMB} MB (growth during the run ${main.heapGrowthMB} MB), peak RSS ${main.peakRssMB} MB`,
)
console.log(
  `  memory vs meetings  ${smaller.meetings.toLocaleString('en-US')} meetings: heap growth ${smaller.heapGrowthMB} MB; ` +
    `${main.meetings.toLocaleString('en-US')} meetings: ${main.heapGrowthMB} MB`,
)
for (const [label, m] of [
  ['1x', ledgersAt1x],
  ['4x', ledgersAt4x],
] as const)
  console.log(
    `  ledgers at ${label}      ${m.meetings.toLocaleString('en-US')} meetings: ${m.ledgers} ledgers (${m.ledgerParticipants} participants) for ${m.incidents} kept incidents; ` +
      `the result holds ${m.retainedHeapMB} MB of heap`,
  )
console.log(
  `M/M/100/100 at 90 erlangs (${erlang.joins.toLocaleString('en-US')} joins, blocking ${erlang.blocking.toFixed(4)}), median of 3 alternated:`,
)
console.log(
  `  engine ${erlang.engine.toLocaleString('en-US')} joins per CPU second, bare loop ${erlang.bare.toLocaleString('en-US')}: ratio ${erlang.ratio}`,
)
console.log(
  `1:1 scale, one hour from ${hour.startUtc}: ${hour.joins.toLocaleString('en-US')} joins in ${hour.seconds.toFixed(2)} s ` +
    `(${hour.joinsPerSecond.toLocaleString('en-US')} joins per second; per CPU second ${hour.joinsPerCpuSecond.toLocaleString('en-US')}), ` +
    `${hour.concurrentParticipantsAtEnd.toLocaleString('en-US')} participants connected at its end; peak RSS of the process ${peakRssMB} MB`,
)
console.log(
  JSON.stringify({
    benchmark: 'engine-surge-14d',
    meetings: main.meetings,
    joins: main.joins,
    seconds: main.seconds,
    joinsPerSecond: main.joinsPerSecond,
    cpuSeconds: main.cpuSeconds,
    joinsPerCpuSecond: main.joinsPerCpuSecond,
    peakHeapMB: main.peakHeapMB,
    heapGrowthMB: main.heapGrowthMB,
    peakRssMB: main.peakRssMB,
    smallerRun: { meetings: smaller.meetings, heapGrowthMB: smaller.heapGrowthMB },
    ledgerMemory: { at1x: ledgersAt1x, at4x: ledgersAt4x },
    hash: main.hash,
    erlangLoad: {
      joins: erlang.joins,
      engineJoinsPerCpuSecond: erlang.engine,
      bareLoopJoinsPerCpuSecond: erlang.bare,
      ratio: erlang.ratio,
    },
    realScaleHour: { ...hour, peakRssMB },
  }),
)
