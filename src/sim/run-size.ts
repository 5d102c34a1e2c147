/**
 * How much work and memory a run takes, estimated before it starts from the scenario alone.
 *
 * The engine's time is not only its joins: every step also scans every (key site, city) cell of
 * its per-step output, writes one record per site, and every 30 simulated minutes it rebuilds
 * the arrival rates of every city; at set-up it builds site x city tables. A 500-site x
 * 5,000-city world over 120 days has only about 3,500 joins but 7.2 billion output cells.
 * Memory grows with the site x city tables, the per-step records (held twice in the app: in
 * the worker and in the page), the per-step flow records, the kept incident log and the
 * departures of the meetings going on at once; never with the number of meetings as such.
 *
 * Pure and deterministic: the estimate is a function of the scenario; the constants below are
 * measurements, not part of any run's result.
 */
import type { Scenario, ScenarioError } from './scenario'
import { utcDayMs } from './dates'
import { dailyParticipantsAt } from './demand'
import { estimateJoins, worldOf } from './scenario-world'

/*
 * Per-unit costs, measured with `npm run bench:estimate` (test/bench/run-size-bench.ts) on the
 * project's 2-core machine (Node 20.20, December 2026): CPU time of one run (process.cpuUsage),
 * best of two, each term isolated by a world where it dominates, rounded up (two sessions: set-up
 * 1,060 and 939 ns, output cell 3.6 and 2.9 ns, site record 104 and 92 ns, rate 99 and 97 ns). CPU time, because
 * the machine is shared: while others ran, wall time was 2 to 4 times the CPU time. Memory is V8
 * heap plus array buffers after a GC (tables 99 bytes per cell, step records 30 to 37 bytes per
 * site); flow records and incidents are sized from their shapes (5 and about 20 fields).
 * Time in nanoseconds, memory in bytes.
 */
/** Set-up per (site, city) pair: distances, sorted site lists, allowed-site masks, policy tables (measured 1,060). */
const SETUP_NS_PER_CELL = 1100
/** Per step and (site, city) cell of per-step output: the scan that collects the step's flows (3.6). */
const OUTPUT_NS_PER_CELL = 3.7
/** Per step and site: the step record's utilisation, occupancy, state and capacity (104). */
const STEP_SITE_NS = 110
/** Per 30-minute rate interval and city: local hour, weekday and the alias table (99). */
const RATE_NS_PER_CELL = 100
/** Per participant join: routing, key delivery, tallies (249 and 336; mean of a surge and a congested run). */
const JOIN_NS = 350
const SETUP_BYTES_PER_CELL = 100
const STEP_SITE_BYTES = 40
const FLOW_RECORD_BYTES = 90
const INCIDENT_BYTES = 1200
/** A departure event in the queue (time, sequence, payload), with room for the queue to double. */
const DEPARTURE_BYTES = 40
/*
 * The app: the worker posts a snapshot per slice (12 ms of work and a timer, about 16 ms, at most
 * one per step) and the page redraws the map's site and city markers for each. Measured with
 * `npm run bench:estimate-app` (wall time in Chromium, imported synthetic worlds of 100 x 1,000
 * to 500 x 5,000 sites x cities): 6 µs per marker and snapshot on a lightly loaded machine, 20
 * to 50 µs with a load average of 11 to 17 on its 2 cores; the 500 x 5,000 x 120-day world took
 * 424 s at load 13 (the issue saw about 290 s). 25 µs is taken.
 */
const SLICE_SECONDS = 0.016
const APP_NS_PER_MARKER_SNAPSHOT = 25_000

/** Minutes over which the engine holds arrival rates constant (engine.ts). */
const RATE_INTERVAL_MINUTES = 30
/** Distinct (key site, city) flows a city has in one step, at most, in practice. */
const KEY_SITES_PER_CITY = 2

/**
 * Largest estimated memory of a run: 2 GiB. V8's heap limit is about 4 GiB in Node 20 on this
 * machine and at most 4 GiB per isolate in Chromium (the pointer-compression cage); a laptop
 * browser tab holding the per-step output twice (worker and page) should stay well below that,
 * and the estimate can be off by a factor of two.
 */
export const MAX_RUN_MEMORY_BYTES = 2 * 1024 ** 3

/** A run expected to take longer than this asks before it starts, in the app (seconds). */
export const CONFIRM_ABOVE_SECONDS = 60

/** The amounts of work and memory a run is made of. */
export interface RunSizeCounts {
  readonly joins: number
  readonly steps: number
  readonly sites: number
  readonly cities: number
  /** sites x cities: the set-up tables. */
  readonly siteCityCells: number
  /** steps x sites x cities: cells of per-step output scanned. */
  readonly outputCells: number
  /** steps x sites: per-step site records. */
  readonly stepSites: number
  /** 30-minute rate intervals x cities. */
  readonly rateCells: number
  /** Per-step flow records kept (at most one per key site and city and step). */
  readonly flowRecords: number
  /** Participants in meetings at the busiest moment (one departure event each, at most). */
  readonly peakConcurrent: number
  /** Incidents the log keeps, at most. */
  readonly incidents: number
}

/** What a run is expected to cost, before it starts. */
export interface RunEstimate {
  readonly counts: RunSizeCounts
  /** Expected engine time in seconds for all `runs` (one core, this project's machine): the CLI. */
  readonly expectedSeconds: number
  /** Expected time in the app: the engine in the worker, or the page drawing each snapshot. */
  readonly appSeconds: number
  /** Expected peak memory in bytes (per-step output counted twice, as the app holds it). */
  readonly memoryBytes: number
  /** Where most of the memory goes. */
  readonly memoryDriver: 'tables' | 'steps' | 'demand'
}

/** Counts of a validated scenario's run. */
export function runSizeCounts(scenario: Scenario): RunSizeCounts {
  const world = worldOf(scenario)
  const startMs = utcDayMs(scenario.startDate)
  const endMs = startMs + scenario.days * 86_400_000
  const countries = scenario.population.countries
  const sites = world.sites.filter(
    (s) => s.openFrom === undefined || utcDayMs(s.openFrom) < endMs,
  ).length
  const cities = countries
    ? world.cities.filter((c) => countries.includes(c.country)).length
    : world.cities.length
  const minutes = scenario.days * 1440
  const steps = Math.ceil(minutes / scenario.stepMinutes)
  const joins = estimateJoins(scenario)
  const demand = scenario.demand
  let peakDaily = 0
  for (let d = 0; d < Math.ceil(scenario.days); d++)
    peakDaily = Math.max(peakDaily, dailyParticipantsAt(scenario, startMs + d * 86_400_000))
  const curve = demand.dailyCurveLocal
  const curveMean = curve.reduce((a, b) => a + b, 0) / 24
  const peakHour = curveMean > 0 ? Math.max(...curve) / curveMean : 1
  const weekday = 7 / (5 + 2 * demand.weekendFactor)
  const allJoins = joins > 0 ? estimateJoins({ ...scenario, population: {} }) : 0
  const kept = allJoins > 0 ? joins / allJoins : 0
  const peakJoinsPerMinute =
    (peakDaily * demand.scale * demand.surgeMultiplier * kept * peakHour * weekday) / 1440
  return {
    joins,
    steps,
    sites,
    cities,
    siteCityCells: sites * cities,
    outputCells: steps * sites * cities,
    stepSites: steps * sites,
    rateCells: Math.ceil(minutes / RATE_INTERVAL_MINUTES) * cities,
    flowRecords: steps * Math.min(joins / Math.max(1, steps), KEY_SITES_PER_CITY * cities),
    peakConcurrent: peakJoinsPerMinute * demand.duration.meanMinutes,
    incidents: Math.min(scenario.incidentLogLimit, joins),
  }
}

/** Estimates a run of a validated scenario; `runs` runs at once (2 when comparing policies). */
export function estimateRun(scenario: Scenario, runs = 1): RunEstimate {
  const c = runSizeCounts(scenario)
  const ns =
    SETUP_NS_PER_CELL * c.siteCityCells +
    OUTPUT_NS_PER_CELL * c.outputCells +
    STEP_SITE_NS * c.stepSites +
    RATE_NS_PER_CELL * c.rateCells +
    JOIN_NS * c.joins
  const tables = SETUP_BYTES_PER_CELL * c.siteCityCells
  const steps = 2 * (STEP_SITE_BYTES * c.stepSites + FLOW_RECORD_BYTES * c.flowRecords)
  const demand = 2 * INCIDENT_BYTES * c.incidents + DEPARTURE_BYTES * c.peakConcurrent
  const largest = Math.max(tables, steps, demand)
  const expectedSeconds = (runs * ns) / 1e9
  const snapshots = Math.min(runs * c.steps, Math.max(runs, expectedSeconds / SLICE_SECONDS))
  const drawSeconds = (snapshots * (c.sites + c.cities) * APP_NS_PER_MARKER_SNAPSHOT) / 1e9
  return {
    counts: c,
    expectedSeconds,
    appSeconds: Math.max(expectedSeconds, drawSeconds),
    memoryBytes: runs * (tables + steps + demand),
    memoryDriver: largest === tables ? 'tables' : largest === steps ? 'steps' : 'demand',
  }
}

function gigabytes(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GB`
}

const REDUCE: Record<RunEstimate['memoryDriver'], { path: string; text: string }> = {
  tables: {
    path: 'world',
    text: 'most of it is the site x city tables: use fewer world.sites or world.cities (or population.countries)',
  },
  steps: {
    path: 'stepMinutes',
    text: 'most of it is per-step output (each step records every site and the key flows to each city): raise stepMinutes, or use fewer days, world.sites or world.cities, or a lower demand.scale',
  },
  demand: {
    path: 'demand.scale',
    text: 'most of it is the meetings going on at once: lower demand.scale or demand.surgeMultiplier, or the daily participants',
  },
}

/** The error for a run above {@link MAX_RUN_MEMORY_BYTES}, naming what to reduce; else null. */
export function runSizeProblem(estimate: RunEstimate): ScenarioError | null {
  if (estimate.memoryBytes <= MAX_RUN_MEMORY_BYTES) return null
  const reduce = REDUCE[estimate.memoryDriver]
  return {
    path: reduce.path,
    message: `this run would need about ${gigabytes(estimate.memoryBytes)} of memory; the limit is ${gigabytes(MAX_RUN_MEMORY_BYTES)}. ${reduce.text[0]?.toUpperCase() ?? ''}${reduce.text.slice(1)} (days, world.cities, world.sites, stepMinutes and demand.scale all count).`,
  }
}

/** "about 4 min 50 s", "about 3 s", "under a second": an expected duration in words. */
export function describeSeconds(seconds: number): string {
  if (seconds < 1) return 'under a second'
  if (seconds < 60) return `about ${Math.round(seconds)} s`
  if (seconds < 3600) {
    const m = Math.floor(seconds / 60)
    const s = Math.round(seconds - 60 * m)
    return s === 0 || m >= 10 ? `about ${Math.round(seconds / 60)} min` : `about ${m} min ${s} s`
  }
  const h = Math.floor(seconds / 3600)
  return `about ${h} h ${Math.round((seconds - 3600 * h) / 60)} min`
}

function amount(x: number): string {
  if (x >= 1e9) return `${(x / 1e9).toFixed(1)} billion`
  if (x >= 1e6) return `${(x / 1e6).toFixed(1)} million`
  return Math.round(x).toLocaleString('en-US')
}

/** What a run is made of, in one sentence (joins, per-step output cells, memory). */
export function describeEstimate(estimate: RunEstimate): string {
  const c = estimate.counts
  const mb = Math.max(1, Math.round(estimate.memoryBytes / 2 ** 20))
  return (
    `${amount(c.joins)} participant joins and ${amount(c.outputCells)} cells of per-step output ` +
    `(${amount(c.steps)} steps × ${amount(c.sites)} sites × ${amount(c.cities)} cities); ` +
    `about ${mb.toLocaleString('en-US')} MB of memory`
  )
}
