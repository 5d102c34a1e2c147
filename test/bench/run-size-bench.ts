/**
 * Calibrates the run-size estimate (src/sim/run-size.ts), not a test. Each configuration makes
 * one term of the estimate dominate: site x city tables at set-up, per-step output cells
 * (steps x sites x cities), per-step site records, rate updates (intervals x cities) and joins.
 * Prints the per-unit costs measured on this machine (CPU time, best of two runs) and then, for
 * a few worlds, the estimated against the measured CPU time. Run: npm run bench:estimate
 */
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { estimateRun } from '../../src/sim/run-size'
import type { RunSizeCounts } from '../../src/sim/run-size'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'
import { syntheticScenario } from '../sim/synthetic-world'

const gc = (globalThis as { gc?: () => void }).gc

interface Timing {
  readonly setupMs: number
  readonly stepMs: number
  readonly totalMs: number
  readonly bytes: number
  readonly counts: RunSizeCounts
  readonly expectedMs: number
}

/** CPU time of this process in ms: steadier than wall time on a machine shared with others. */
function cpuMs(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

function usedBytes(): number {
  gc?.()
  const m = process.memoryUsage()
  return m.heapUsed + m.arrayBuffers
}

function time(input: ScenarioInput, repeats = 2): Timing {
  const parsed = parseScenario(input)
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  const estimate = estimateRun(parsed.scenario)
  let best: Timing | null = null
  for (let i = 0; i < repeats; i++) {
    const resolved = resolveScenario(parsed.scenario)
    const before = usedBytes()
    const t0 = cpuMs()
    const run = createRun(resolved)
    const t1 = cpuMs()
    const result = run.finish()
    const t2 = cpuMs()
    const bytes = usedBytes() - before
    if (result.totals.meetings < 0) throw new Error('unreachable')
    const timing = {
      setupMs: t1 - t0,
      stepMs: t2 - t1,
      totalMs: t2 - t0,
      bytes,
      counts: estimate.counts,
      expectedMs: estimate.expectedSeconds * 1000,
    }
    if (!best || timing.totalMs < best.totalMs) best = timing
  }
  return best as Timing
}

const ns = (ms: number, units: number) => (units > 0 ? (ms * 1e6) / units : 0)
const fmt = (x: number) => x.toPrecision(3)

if (!gc) console.log('(run with node --expose-gc for memory figures: npm run bench:estimate does)')
time(syntheticScenario({ sites: 20, cities: 200, days: 2, joinsPerDay: 2000 }), 1) // warm-up

// Set-up: site x city tables, with the sites spread over 8 regions and all in one.
const spread = time(syntheticScenario({ sites: 400, cities: 4000, days: 0.05, joinsPerDay: 1 }))
const setupNsPerCell = ns(spread.setupMs, spread.counts.siteCityCells)
const bytesPerCell = spread.bytes / spread.counts.siteCityCells
// Per-step output: few joins, many cells.
const cells = time(syntheticScenario({ sites: 300, cities: 3000, days: 8, joinsPerDay: 30 }))
const cellNs = ns(cells.stepMs, cells.counts.outputCells)
// Per-step site records: one city, five-minute steps.
const stepSites = time(
  syntheticScenario({ sites: 500, cities: 1, days: 60, joinsPerDay: 30, stepMinutes: 5 }),
)
const stepSiteNs = ns(stepSites.stepMs, stepSites.counts.stepSites) - cellNs
const bytesPerStepSite = stepSites.bytes / stepSites.counts.stepSites
// Rate updates: one site, many cities, day-long steps.
const rates = time(
  syntheticScenario({ sites: 1, cities: 5000, days: 60, joinsPerDay: 30, stepMinutes: 1440 }),
)
const rateNs = ns(rates.stepMs - rates.counts.outputCells * cellNs * 1e-6, rates.counts.rateCells)
// Joins: the 2020 world under the March surge (1:1000, a week) and the Citizen Lab scenario,
// which is congested (retries, fallbacks, exposures); the mean of the two.
const surge = PRESETS['surge-march-2020']
const joinRuns = [
  time({ ...surge, days: 7, timeline: [], demand: { ...surge.demand, scale: 0.001 } }),
  time(PRESETS['citizenlab-2020']),
]
const joinNsOf = (t: Timing) =>
  ns(
    t.totalMs -
      (t.counts.siteCityCells * setupNsPerCell +
        t.counts.outputCells * cellNs +
        t.counts.rateCells * rateNs +
        t.counts.stepSites * stepSiteNs) *
        1e-6,
    t.counts.joins,
  )
const joinNs = joinRuns.reduce((sum, t) => sum + joinNsOf(t), 0) / joinRuns.length
const joins = joinRuns[0] as Timing
const bytesPerJoinStep = joins.bytes / Math.max(1, joins.counts.flowRecords)

console.log('measured per-unit costs (this machine, one core):')
console.log(
  `  set-up per site x city cell      ${fmt(setupNsPerCell)} ns, ${fmt(bytesPerCell)} bytes`,
)
console.log(`  per-step output cell             ${fmt(cellNs)} ns`)
console.log(
  `  per-step site record             ${fmt(stepSiteNs)} ns, ${fmt(bytesPerStepSite)} bytes`,
)
console.log(`  rate update per interval x city  ${fmt(rateNs)} ns`)
console.log(`  participant join                 ${fmt(joinNs)} ns`)
console.log(`  surge run: ${fmt(bytesPerJoinStep)} bytes per estimated flow record`)

console.log('estimated vs measured:')
const worlds: [string, ScenarioInput][] = [
  ['citizenlab-2020', PRESETS['citizenlab-2020']],
  ['surge-march-2020', PRESETS['surge-march-2020']],
  [
    '500 sites x 5000 cities, 20 days',
    syntheticScenario({ sites: 500, cities: 5000, days: 20, joinsPerDay: 30 }),
  ],
  [
    '100 sites x 1000 cities, 30 days, 15-min steps',
    syntheticScenario({ sites: 100, cities: 1000, days: 30, joinsPerDay: 3000, stepMinutes: 15 }),
  ],
]
for (const [name, input] of worlds) {
  const t = time(input, 1)
  console.log(
    `  ${name.padEnd(48)} estimated ${fmt(t.expectedMs / 1000)} s, measured ${fmt(t.totalMs / 1000)} s`,
  )
}
