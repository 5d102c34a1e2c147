/**
 * The M/M/100/100 load of the engine benchmark: one site with 100 slots, Poisson arrivals of
 * one-participant meetings, exponential holding of 2 minutes, 90 erlangs offered over 120 days
 * (about 7.8 million joins), run by the engine and by a bare loop that only draws two uniforms
 * per join (inter-arrival and holding time, each by a logarithm) and pushes and pops departures
 * on a binary heap (src/sim/event-queue.ts; the engine draws by the ziggurat method and holds
 * departures in a calendar). Joins per CPU second of each, and their ratio: what the engine
 * keeps of this reference loop. Run alone: node --import tsx test/bench/erlang-load.ts
 */
import { createRun } from '../../src/sim/engine'
import { EventQueue } from '../../src/sim/event-queue'
import { createRandom } from '../../src/sim/random'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'
import { lossSystem } from '../sim/loss-system'

const SERVERS = 100
const ERLANGS = 90
const HOLDING_MINUTES = 2
const DAYS = 120

/** The load as a scenario: a one-site, one-city loss system under fail-closed. */
export function erlangScenario(): ScenarioInput {
  return lossSystem(SERVERS, ERLANGS, HOLDING_MINUTES, DAYS)
}

/** One timed run of the load: joins, blocked joins and CPU seconds (user + system). */
export interface LoadRun {
  readonly joins: number
  readonly blocked: number
  readonly cpuSeconds: number
  readonly joinsPerCpuSecond: number
}

function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start)
  return (used.user + used.system) / 1e6
}

function loadRun(joins: number, blocked: number, start: NodeJS.CpuUsage): LoadRun {
  const cpuSeconds = cpuSecondsSince(start)
  return { joins, blocked, cpuSeconds, joinsPerCpuSecond: Math.round(joins / cpuSeconds) }
}

/** The engine on the load, with the replications' options (no incident log, no step flows). */
export function engineRun(): LoadRun {
  const parsed = parseScenario(erlangScenario())
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const resolved = resolveScenario(parsed.scenario)
  const start = process.cpuUsage()
  const run = createRun(
    { ...resolved, scenario: { ...resolved.scenario, incidentLogLimit: 0 } },
    { isStepFlowsKept: false },
  )
  while (!run.isDone) run.advance(64)
  const { offered, blocked } = run.finish().totals
  return loadRun(offered, blocked, start)
}

/**
 * The bare loop: per arrival an exponential inter-arrival time and an exponential holding time
 * from one sfc32 stream, departures due by then popped off an {@link EventQueue}, and the join
 * pushed as a departure when a slot is free.
 */
export function bareRun(): LoadRun {
  const start = process.cpuUsage()
  const random = createRandom(SERVERS * 1000 + ERLANGS * 10)
  const queue = new EventQueue(4096)
  const end = DAYS * 1440
  const meanGap = HOLDING_MINUTES / ERLANGS
  let busy = 0
  let joins = 0
  let blocked = 0
  let t = 0
  for (;;) {
    t -= Math.log(1 - random.next()) * meanGap
    if (t >= end) break
    const holding = -Math.log(1 - random.next()) * HOLDING_MINUTES
    while (queue.peekTime() <= t) busy -= queue.pop()
    joins++
    if (busy < SERVERS) {
      busy++
      queue.push(t + holding, 1)
    } else blocked++
  }
  return loadRun(joins, blocked, start)
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] as number
}

/** Alternates bare and engine runs `rounds` times; medians of joins per CPU second and of the ratio. */
export function compareWithBareLoop(rounds: number): {
  readonly bare: number
  readonly engine: number
  readonly ratio: number
  readonly joins: number
  readonly blocking: number
} {
  const bare: number[] = []
  const engine: number[] = []
  const ratio: number[] = []
  let last: LoadRun | undefined
  for (let i = 0; i < rounds; i++) {
    const b = bareRun()
    last = engineRun()
    bare.push(b.joinsPerCpuSecond)
    engine.push(last.joinsPerCpuSecond)
    ratio.push(last.joinsPerCpuSecond / b.joinsPerCpuSecond)
  }
  const joins = last?.joins ?? 0
  return {
    bare: median(bare),
    engine: median(engine),
    ratio: Math.round(median(ratio) * 1000) / 1000,
    joins,
    blocking: joins > 0 ? (last?.blocked ?? 0) / joins : 0,
  }
}

if (process.argv[1]?.endsWith('erlang-load.ts') === true) {
  const rounds = Number(process.argv[2] ?? 5)
  console.log(JSON.stringify(compareWithBareLoop(rounds)))
}
