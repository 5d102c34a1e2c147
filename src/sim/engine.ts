/**
 * The discrete-event run. Meetings arrive as a Poisson process whose rate follows each city's
 * local daily curve and the demand growth curve; each participant joins by trying its primary
 * sites, then secondaries (routing.ts); it receives the meeting key from the site it reached
 * (keys.ts); departures free capacity when the meeting ends.
 *
 * Determinism: all randomness comes from one generator seeded with the run's seed, the order of
 * draws depends only on the scenario, and events at equal times are handled in a fixed order
 * (timeline, then departures first-in first-out, then arrivals). The run can be advanced in
 * slices of any size with the same result. Results are byte-identical wherever the JavaScript
 * engine is V8 (Node.js and Chromium): ECMAScript leaves the last bit of Math.log, exp, cos and
 * pow to the engine, so another engine may differ, and the hash would not show it.
 *
 * Outages and capacity cuts disconnect the participants a site can no longer hold (an outage all
 * of them, a cut those whose meetings end last); they are counted as `disconnected` and not
 * re-routed, and their meetings' departure events at that site are reduced to match. Memory grows with sites, cities, steps and the kept
 * incident log, never with the number of meetings (only concurrent meetings are held).
 */
import { utcDayMs } from './dates'
import { Demand } from './demand'
import type { MeetingDraw } from './demand'
import { EventQueue } from './event-queue'
import { fibreRttMs, greatCircleKm } from './geo'
import { canonicalJson, hashText } from './hash'
import { IncidentLog } from './incident-log'
import { DeliveryClassifier, describeCause } from './keys'
import { RunTally } from './metrics'
import type {
  AccountKind,
  FailureReason,
  Incident,
  PolicyId,
  RunResult,
  StepFlow,
  StepRecord,
  TimelineEvent,
} from './model'
import { ACCOUNT_KINDS } from './model'
import type { RoutingTables } from './routing'
import {
  POLICIES,
  buildSiteIndex,
  compilePolicy,
  congestionFailureProbability,
  isChangedByListCorrection,
} from './routing'
import type { Random } from './random'
import { createRandom, streamSeed } from './random'
import type { ResolvedScenario, Scenario } from './scenario'
import { keepsTimelineEvent, withRunChoices } from './scenario'

/** Version of the engine's behaviour; part of every result's hash. Bump on any change of output. */
export const ENGINE_VERSION = '1.5.1'

const FAILURE_REASONS: readonly FailureReason[] = ['full', 'down', 'congested']
const SITE_BITS = 10
const SITE_MASK = (1 << SITE_BITS) - 1
const ACCOUNTS = ACCOUNT_KINDS.length

/** A run in progress. Advance it with {@link advanceRun}; read the result with {@link finishRun}. */
export interface Run {
  readonly stepCount: number
  readonly stepsDone: number
  readonly isDone: boolean
  /** Timeline events in force, in time order (including site openings). */
  readonly timeline: TimelineEvent[]
  /** Hash of (scenario, seed, policy, engine version): the result's identity. */
  readonly hash: string
  /** Advances up to `maxSteps` steps; returns the records of the steps completed. */
  advance(maxSteps: number): StepRecord[]
  /** The full result; advances to the end first if needed. */
  finish(): RunResult
}

/** Options that change a run without editing its scenario. */
export interface RunOptions {
  /** Replaces the scenario's seed. */
  readonly seed?: number
  /**
   * Replaces the scenario's policy. A policy other than the scenario's own replaces its policy
   * history too (its `policy` events are left out); list corrections (the 3 April 2020 fix)
   * still apply to it, unless `holdPolicy` is set.
   */
  readonly policy?: PolicyId
  /**
   * Keeps the policy, as it was at the start, for the whole run: the scenario's `policy` and
   * `list-correction` events are left out.
   */
  readonly holdPolicy?: boolean
}

/** Starts a run of a resolved scenario. Pure apart from the state it returns. */
export function createRun(resolved: ResolvedScenario, options: RunOptions = {}): Run {
  return new Simulation(resolved, options)
}

/** Runs a scenario to the end and returns its result. */
export function runScenario(resolved: ResolvedScenario, options: RunOptions = {}): RunResult {
  return createRun(resolved, options).finish()
}

/**
 * The scenario a run with these options actually runs: seed and policy replaced, and the
 * timeline events the run leaves out removed (see `keepsTimelineEvent` in scenario.ts).
 */
export function effectiveScenario(resolved: ResolvedScenario, options: RunOptions = {}): Scenario {
  return withRunChoices(resolved.scenario, options)
}

/**
 * Hash of what determines a run: the effective scenario (seed and policy included), the world it
 * resolves to, and the engine version; 16 hex digits. A scenario file that writes the same seed
 * and policy gets the same hash as the run that took them as options.
 */
export function runHash(resolved: ResolvedScenario, options: RunOptions = {}): string {
  return hashText(
    canonicalJson({
      scenario: effectiveScenario(resolved, options),
      world: resolved.world,
      engine: ENGINE_VERSION,
    }),
  )
}

class Simulation implements Run {
  readonly stepCount: number
  stepsDone = 0

  private readonly resolved: ResolvedScenario
  /** Demand: arrivals, hosts, sizes, accounts, participants' cities, durations. */
  private readonly random: Random
  /** Routing: secondary picks and chance failures under congestion. */
  private readonly routingRandom: Random
  private readonly seed: number
  private readonly initialPolicy: PolicyId
  private readonly siteCount: number
  private readonly cityCount: number
  private readonly stepMinutes: number
  private readonly durationMinutes: number

  // World, precomputed.
  private readonly capacity: Float64Array
  private readonly occupancy: Float64Array
  private readonly down: Uint8Array
  private readonly rttMs: Float64Array // city * sites + site
  private readonly keys: DeliveryClassifier
  private readonly siteIndex: ReturnType<typeof buildSiteIndex>
  private tables: RoutingTables
  private policy: PolicyId
  private isListCorrected = false
  /** Compiled tables by policy and correction, so each is compiled once per run. */
  private readonly compiledTables = new Map<string, RoutingTables>()

  private readonly demand: Demand
  private nextArrival = 0
  private readonly meeting: MeetingDraw = { account: 0, size: 1, endMinutes: 0 }

  // Routing parameters read on every join, held in fields for the hot loop.
  private readonly primaryAttempts: number
  private readonly secondaryPicks: number
  private readonly failureThreshold: number
  private readonly failureCurve: Scenario['routing']['failureCurve']

  // Events.
  private readonly departures = new EventQueue(4096)
  readonly timeline: TimelineEvent[]
  readonly hash: string
  private timelineCursor = 0
  private nextTimelineMinutes = Infinity
  private meetingSeq = 0

  // Per-meeting scratch (sized to maxParticipants).
  private readonly scratchCity: Int32Array
  private readonly scratchSite: Int32Array
  private readonly scratchKey: Int32Array
  private readonly scratchAttempts: Int32Array
  /** Per participant slot: 1 when it connected through the secondary list, 0 through a primary. */
  private readonly scratchViaSecondary: Uint8Array
  /** Per participant slot, the primary sites tried and why each failed (0 full, 1 down, 2 congested). */
  private readonly attemptSites: Int32Array
  private readonly attemptReasons: Uint8Array

  private readonly tally: RunTally
  private readonly incidentLog: IncidentLog
  /** Flows of every closed step, for the result. */
  private readonly stepFlows: StepFlow[][] = []

  constructor(resolved: ResolvedScenario, options: RunOptions) {
    const { scenario, world } = resolved
    this.resolved = resolved
    this.seed = options.seed ?? scenario.seed
    this.initialPolicy = options.policy ?? resolved.initialPolicy
    this.policy = this.initialPolicy
    // Demand and routing draw from separate streams of the one seed, so two policies run on the
    // same seed see the very same meetings and differ only in where participants connect.
    this.random = createRandom(streamSeed(this.seed, 0))
    this.routingRandom = createRandom(streamSeed(this.seed, 1))
    this.siteCount = world.sites.length
    this.cityCount = world.cities.length
    this.stepMinutes = scenario.stepMinutes
    this.durationMinutes = resolved.durationMinutes
    this.stepCount = Math.ceil(this.durationMinutes / this.stepMinutes)
    if (this.siteCount > SITE_MASK) throw new Error(`at most ${SITE_MASK} sites are supported`)

    const scale = scenario.demand.scale
    this.capacity = Float64Array.from(world.sites, (s) =>
      Math.round(s.capacityParticipants * scale),
    )
    this.occupancy = new Float64Array(this.siteCount)
    this.down = new Uint8Array(this.siteCount)
    const timeline = resolved.timeline.filter((e) =>
      keepsTimelineEvent(e.kind, resolved.initialPolicy, options),
    )
    world.sites.forEach((s, i) => {
      if (s.openFrom === undefined) return
      const openMinutes = (utcDayMs(s.openFrom) - resolved.startMs) / 60_000
      if (openMinutes <= 0) return
      this.down[i] = 1
      if (openMinutes < this.durationMinutes) {
        timeline.push({
          kind: 'restore',
          atMinutes: openMinutes,
          siteId: s.id,
          label: `${s.city} opens`,
        })
      }
    })
    timeline.sort((a, b) => a.atMinutes - b.atMinutes)
    this.timeline = timeline
    this.hash = runHash(resolved, options)
    this.rttMs = new Float64Array(this.cityCount * this.siteCount)
    world.cities.forEach((c, ci) =>
      world.sites.forEach((s, si) => {
        this.rttMs[ci * this.siteCount + si] = fibreRttMs(greatCircleKm(c.lat, c.lon, s.lat, s.lon))
      }),
    )
    this.siteIndex = buildSiteIndex(world)
    this.keys = new DeliveryClassifier(
      world,
      resolved.paidOptInRegions,
      scenario.keys.concernJurisdictions,
    )
    this.tally = new RunTally(this.siteCount, this.cityCount, this.keys.jurisdictions)

    this.tables = this.tablesFor(this.policy, false)
    // The corrected tables are compiled before the run starts; the event only switches to them.
    if (timeline.some((e) => e.kind === 'list-correction')) this.tablesFor(this.policy, true)

    const demand = scenario.demand
    const routing = scenario.routing
    this.primaryAttempts = routing.primaryAttempts
    this.secondaryPicks = routing.secondaryPicks
    this.failureThreshold = routing.failureCurve.thresholdUtilisation
    this.failureCurve = routing.failureCurve
    const maxP = demand.maxParticipants
    this.scratchCity = new Int32Array(maxP)
    this.scratchSite = new Int32Array(maxP)
    this.scratchKey = new Int32Array(maxP)
    this.scratchAttempts = new Int32Array(maxP)
    this.scratchViaSecondary = new Uint8Array(maxP)
    this.attemptSites = new Int32Array(maxP * routing.primaryAttempts)
    this.attemptReasons = new Uint8Array(maxP * routing.primaryAttempts)

    this.incidentLog = new IncidentLog(scenario.incidentLogLimit)

    this.nextTimelineMinutes = this.timeline[0]?.atMinutes ?? Infinity
    this.applyTimeline(0)
    this.demand = new Demand(resolved, this.random)
    this.nextArrival = this.demand.nextArrivalAfter(0)
  }

  get isDone(): boolean {
    return this.stepsDone >= this.stepCount
  }

  advance(maxSteps: number): StepRecord[] {
    const out: StepRecord[] = []
    while (!this.isDone && out.length < maxSteps) out.push(this.runStep())
    return out
  }

  finish(): RunResult {
    while (!this.isDone) this.runStep()
    return this.buildResult()
  }

  private runStep(): StepRecord {
    const step = this.stepsDone
    const start = step * this.stepMinutes
    const end = Math.min(this.durationMinutes, start + this.stepMinutes)
    const peak = this.tally.stepPeak
    for (let s = 0; s < this.siteCount; s++) peak[s] = this.utilisationOf(s)
    const departures = this.departures
    for (;;) {
      const nextTimeline = this.nextTimelineMinutes
      const nextDeparture = departures.peekTime()
      const nextArrival = this.nextArrival
      const t = Math.min(nextTimeline, nextDeparture, nextArrival)
      if (t >= end) break
      if (nextTimeline === t) {
        this.applyTimeline(t)
      } else if (nextDeparture === t) {
        const payload = departures.pop()
        const site = payload & SITE_MASK
        this.occupancy[site] = (this.occupancy[site] as number) - (payload >>> SITE_BITS)
      } else {
        this.startMeeting(t)
        this.nextArrival = this.demand.nextArrivalAfter(t)
      }
    }
    // Events exactly at the step end belong to the next step; the last step takes the end too.
    return this.closeStep(step, start)
  }

  private applyTimeline(t: number): void {
    const { world } = this.resolved
    while (this.timelineCursor < this.timeline.length) {
      const e = this.timeline[this.timelineCursor] as TimelineEvent
      if (e.atMinutes > t) break
      this.timelineCursor++
      this.nextTimelineMinutes = this.timeline[this.timelineCursor]?.atMinutes ?? Infinity
      if (e.kind === 'policy' || e.kind === 'list-correction') {
        if (e.kind === 'policy') this.policy = e.policy
        else this.isListCorrected = true
        this.tables = this.tablesFor(this.policy, this.isListCorrected)
        continue
      }
      const site = world.sites.findIndex((s) => s.id === e.siteId)
      if (site < 0) continue
      if (e.kind === 'outage') {
        this.down[site] = 1
        this.disconnect(site, this.occupancy[site] as number)
      } else if (e.kind === 'restore') this.down[site] = 0
      else {
        this.capacity[site] = Math.round(
          e.capacityParticipants * this.resolved.scenario.demand.scale,
        )
        this.disconnect(site, Math.max(0, (this.occupancy[site] as number) - this.capacity[site]))
      }
      this.tally.notePeak(site, this.utilisationOf(site))
    }
  }

  /** A policy's tables, corrected or not; a correction that changes nothing reuses the plain ones. */
  private tablesFor(policyId: PolicyId, isListCorrected: boolean): RoutingTables {
    const policy = POLICIES[policyId]
    const isCorrected = isListCorrected && isChangedByListCorrection(policy)
    const key = `${policyId}|${isCorrected ? 1 : 0}`
    let tables = this.compiledTables.get(key)
    if (!tables) {
      const { world, paidOptInRegions } = this.resolved
      tables = compilePolicy(policy, world, this.siteIndex, paidOptInRegions, isCorrected)
      this.compiledTables.set(key, tables)
    }
    return tables
  }

  private startMeeting(t: number): void {
    const meetingId = this.meetingSeq++
    const cities = this.scratchCity
    const meeting = this.meeting
    this.demand.drawMeeting(t, cities, meeting)
    const { account, size } = meeting
    const keys = this.keys
    const tally = this.tally

    // Route every participant; only those who connect are in the meeting.
    let carriedHere = 0
    let presentConcern = 0
    for (let p = 0; p < size; p++) {
      const site = this.routeJoin(cities[p] as number, account, p)
      this.scratchSite[p] = site
      if (site >= 0) {
        carriedHere++
        presentConcern |= keys.concernOfCity(cities[p] as number)
      }
    }

    // Keys: every connected participant receives the meeting key from its site's key server.
    let meetingExposed = false
    const siteCount = this.siteCount
    for (let p = 0; p < size; p++) {
      const site = this.scratchSite[p] as number
      if (site < 0) continue
      const city = cities[p] as number
      const key = keys.keySite[site] as number
      this.scratchKey[p] = key
      const flow = key * this.cityCount + city
      tally.countDelivery(flow, key)
      const isCross = keys.isCrossBorder(city, account, key)
      const isConcern = keys.isConcern(key, presentConcern)
      if (!isCross && !isConcern) continue
      meetingExposed = true
      tally.countExposure(flow, key, keys.pairOf(city, key), isCross, isConcern)
      if (this.incidentLog.wantsNext()) {
        this.incidentLog.count(
          this.buildIncident(
            t,
            meetingId,
            ACCOUNT_KINDS[account] as AccountKind,
            size,
            p,
            isCross,
            isConcern,
          ),
        )
      } else {
        this.incidentLog.count()
      }
    }
    if (meetingExposed) {
      tally.step.exposedMeetings++
      tally.step.exposedParticipants += carriedHere
    }

    // Departures: one event per site the meeting occupies.
    for (let p = 0; p < size; p++) {
      const site = this.scratchSite[p] as number
      if (site < 0) continue
      let count = 0
      for (let q = p; q < size; q++) {
        if (this.scratchSite[q] === site) {
          count++
          if (q > p) this.scratchSite[q] = -1 - siteCount // mark as handled
        }
      }
      this.departures.push(meeting.endMinutes, (count << SITE_BITS) | site)
    }
    const step = tally.step
    step.meetings++
    step.offered += size
    step.carried += carriedHere
    step.blocked += size - carriedHere
  }

  /**
   * One participant's join: primaries nearest first for up to `primaryAttempts`, then
   * `secondaryPicks` secondaries drawn without replacement. Returns the site index or -1.
   */
  private routeJoin(city: number, account: number, slot: number): number {
    const table = city * ACCOUNTS + account
    const primary = this.tables.primary[table] as Int16Array
    const attempts = primary.length > 0 ? this.primaryAttempts : 0
    const base = slot * this.primaryAttempts
    for (let a = 0; a < attempts; a++) {
      const site = primary[a % primary.length] as number
      const failure = this.tryConnect(site)
      if (failure === null) {
        this.connect(site)
        this.scratchAttempts[slot] = a
        this.scratchViaSecondary[slot] = 0
        return site
      }
      this.attemptSites[base + a] = site
      this.attemptReasons[base + a] = failure === 'full' ? 0 : failure === 'down' ? 1 : 2
    }
    this.scratchAttempts[slot] = attempts
    this.scratchViaSecondary[slot] = 1
    const secondary = this.tables.secondary[table] as Int16Array
    const n = secondary.length
    const picks = Math.min(this.secondaryPicks, n)
    // Draw distinct indices one at a time: the first uniformly, the second uniformly among the
    // rest (skipping the first), any further by rejection; picks are few.
    for (let k = 0; k < picks; k++) {
      let idx: number
      if (k === 0) idx = Math.floor(this.routingRandom.next() * n)
      else if (k === 1) {
        idx = Math.floor(this.routingRandom.next() * (n - 1))
        if (idx >= (this.pickedScratch[0] as number)) idx++
      } else idx = this.pickDistinct(n, k)
      this.pickedScratch[k] = idx
      const site = secondary[idx] as number
      if (this.tryConnect(site) === null) {
        this.connect(site)
        this.tally.step.redirected++
        // Added round trip against the participant's first choice of primary.
        const ref = primary.length > 0 ? (primary[0] as number) : site
        this.tally.step.addedRttMs +=
          (this.rttMs[city * this.siteCount + site] as number) -
          (this.rttMs[city * this.siteCount + ref] as number)
        return site
      }
    }
    return -1
  }

  private readonly pickedScratch = new Int32Array(32)

  /** Draws an index in [0, n) not among the first `k` picks (rejection; k is small). */
  private pickDistinct(n: number, k: number): number {
    for (;;) {
      const idx = Math.floor(this.routingRandom.next() * n)
      let clash = false
      for (let j = 0; j < k; j++) if (this.pickedScratch[j] === idx) clash = true
      if (!clash) return idx
    }
  }

  /** Null when the site takes the participant, else why not. Draws a number only above the threshold. */
  private tryConnect(site: number): FailureReason | null {
    if (this.down[site] === 1) return 'down'
    const cap = this.capacity[site] as number
    const occ = this.occupancy[site] as number
    if (occ >= cap) return 'full'
    const threshold = this.failureThreshold
    const u = occ / cap
    // A draw only above the threshold, so an uncongested site never shifts the routing stream.
    if (u > threshold && threshold < 1) {
      const p = congestionFailureProbability(u, this.failureCurve)
      if (this.routingRandom.next() < p) return 'congested'
    }
    return null
  }

  private connect(site: number): void {
    const occ = (this.occupancy[site] as number) + 1
    this.occupancy[site] = occ
    // Only reached when occ - 1 < capacity, so the capacity is at least 1 here.
    const util = occ / (this.capacity[site] as number)
    this.tally.notePeak(site, util)
    const carried = this.tally.siteCarried
    carried[site] = (carried[site] as number) + 1
  }

  /**
   * Cuts `count` participants off `site` (outage or capacity cut); they are not re-routed. The
   * meetings that end last lose their participants first, and their departure events shrink to
   * match, so occupancy stays exact when the remaining meetings end.
   */
  private disconnect(site: number, count: number): void {
    if (count <= 0) return
    const events: { index: number; time: number; count: number }[] = []
    this.departures.forEachEvent((index, time, payload) => {
      if ((payload & SITE_MASK) === site) events.push({ index, time, count: payload >>> SITE_BITS })
    })
    // Latest end first; the heap's layout depends only on the run's history, so ties broken by
    // position are deterministic too.
    events.sort((a, b) => b.time - a.time || a.index - b.index)
    let left = count
    for (const e of events) {
      if (left <= 0) break
      const cut = Math.min(left, e.count)
      this.departures.setPayload(e.index, ((e.count - cut) << SITE_BITS) | site)
      left -= cut
    }
    const removed = count - left
    this.occupancy[site] = (this.occupancy[site] as number) - removed
    this.tally.step.disconnected += removed
  }

  /** Occupancy over capacity (0 for an empty site, 1 for a full one). */
  private utilisationOf(site: number): number {
    const cap = this.capacity[site] as number
    const occ = this.occupancy[site] as number
    return cap > 0 ? occ / cap : occ > 0 ? 1 : 0
  }

  private buildIncident(
    t: number,
    meetingId: number,
    account: AccountKind,
    size: number,
    slot: number,
    isCross: boolean,
    isConcern: boolean,
  ): Incident {
    const { world } = this.resolved
    const siteOf = (index: number) => world.sites[index] as { id: string; city: string }
    const city = world.cities[this.scratchCity[slot] as number] as { id: string }
    const host = world.cities[this.scratchCity[0] as number] as { id: string }
    const connected = siteOf(this.scratchSite[slot] as number)
    const key = siteOf(this.scratchKey[slot] as number)
    const attempts = this.scratchAttempts[slot] as number
    const base = slot * this.primaryAttempts
    const tried: { siteId: string; city: string; reason: FailureReason }[] = []
    for (let a = 0; a < attempts; a++) {
      const site = siteOf(this.attemptSites[base + a] as number)
      const reason = FAILURE_REASONS[this.attemptReasons[base + a] as number] ?? 'full'
      tried.push({ siteId: site.id, city: site.city, reason })
    }
    const countries = new Set<string>()
    let members = 0
    for (let p = 0; p < size; p++) {
      if ((this.scratchSite[p] as number) < 0) continue
      members++
      countries.add((world.cities[this.scratchCity[p] as number] as { country: string }).country)
    }
    const last = tried[tried.length - 1]
    const isViaSecondary = this.scratchViaSecondary[slot] === 1
    return {
      seq: this.incidentLog.nextSeq,
      timeMinutes: t,
      meetingId,
      account,
      hostCityId: host.id,
      participantCityId: city.id,
      firstPrimarySiteId: tried[0]?.siteId ?? '',
      primaryAttempts: attempts,
      primaryFailure: last?.reason ?? 'full',
      attemptedPrimaries: tried.map(({ siteId, reason }) => ({ siteId, reason })),
      isViaSecondary,
      connectedSiteId: connected.id,
      keySiteId: key.id,
      isCrossBorder: isCross,
      isConcern,
      meetingParticipants: members,
      meetingCountries: [...countries].sort(),
      cause: describeCause(tried, isViaSecondary, connected.city, key.city),
    }
  }

  private closeStep(step: number, start: number): StepRecord {
    const record: StepRecord = {
      step,
      startMinutes: start,
      ...this.tally.closeStep(this.capacity, this.occupancy, this.down),
      policy: this.policy,
      isListCorrected: this.isListCorrected,
    }
    this.stepFlows.push(record.flows)
    this.stepsDone++
    return record
  }

  private buildResult(): RunResult {
    const { world, scenario } = this.resolved
    const tally = this.tally
    return {
      engineVersion: ENGINE_VERSION,
      hash: this.hash,
      scenarioId: scenario.id,
      seed: this.seed,
      initialPolicy: this.initialPolicy,
      startDate: scenario.startDate,
      days: scenario.days,
      scale: scenario.demand.scale,
      totals: tally.totals(),
      sites: tally.sites(world),
      exposurePairs: tally.exposurePairs(),
      flows: tally.flows(world),
      stepFlows: this.stepFlows,
      incidents: this.incidentLog.incidents(),
      timeline: this.timeline,
    }
  }
}
