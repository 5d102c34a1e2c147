/**
 * The discrete-event run: the event loop and nothing domain-specific. Meetings arrive from the
 * arrival process (demand.ts); each participant joins a site (joins.ts, with the policy's tables
 * from routing.ts); it receives the meeting key from the site it reached, classified by keys.ts;
 * the figures are tallied by tally.ts to the metric table (metrics.ts); departures free capacity
 * when the meeting ends; timeline events (run-timeline.ts) switch policies and sites.
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
 * re-routed, and their meetings' departure events at that site are reduced to match (departures.ts).
 * Memory grows with sites, cities, steps and the kept incident log (with the ledgers of its
 * meetings, ledger.ts), never with the number of meetings (only concurrent meetings are held).
 */
import { Demand } from './demand'
import type { MeetingDraw } from './demand'
import { Departures, MAX_SITES } from './departures'
import { canonicalJson, hashText } from './hash'
import { IncidentLog, buildIncident } from './incident-log'
import { Joins } from './joins'
import { LedgerWriter } from './ledger'
import { RunTally } from './tally'
import type { AccountKind, PolicyId, RunResult, StepFlow, StepRecord, TimelineEvent } from './model'
import { ACCOUNT_KINDS } from './model'
import { POLICIES, isChangedByListCorrection } from './routing'
import { runTimeline } from './run-timeline'
import { createRandom, streamSeed } from './random'
import type { ResolvedScenario } from './scenario'
import { ENGINE_VERSION } from './engine-version'
import { withRunChoices } from './run-choices'
import { worldTables } from './world-tables'
import type { WorldTables } from './world-tables'
import type { RunOptions } from './run-options'

/** A run in progress. Advance it with `advance`; read the result with `finish`. */
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

export type { RunOptions } from './run-options'

/** Starts a run of a resolved scenario. Pure apart from the state it returns. */
export function createRun(resolved: ResolvedScenario, options: RunOptions = {}): Run {
  return new Simulation(resolved, options)
}

/** Runs a scenario to the end and returns its result. */
export function runScenario(resolved: ResolvedScenario, options: RunOptions = {}): RunResult {
  return createRun(resolved, options).finish()
}

/**
 * Hash of what determines a run: the scenario it actually runs (seed and policy written in, the
 * timeline events it leaves out removed: `withRunChoices` in scenario.ts), the world it resolves
 * to, and the engine version; 16 hex digits. A scenario file that writes the same seed
 * and policy gets the same hash as the run that took them as options.
 */
export function runHash(resolved: ResolvedScenario, options: RunOptions = {}): string {
  return hashText(
    canonicalJson({
      scenario: withRunChoices(resolved.scenario, options),
      world: resolved.world,
      engine: ENGINE_VERSION,
    }),
  )
}

class Simulation implements Run {
  readonly stepCount: number
  stepsDone = 0

  private readonly resolved: ResolvedScenario
  private readonly seed: number
  private readonly initialPolicy: PolicyId
  private readonly siteCount: number
  private readonly cityCount: number
  private readonly stepMinutes: number
  private readonly durationMinutes: number

  private readonly joins: Joins
  private readonly keys: WorldTables['keys']
  private readonly policyTables: WorldTables['policyTables']
  private policy: PolicyId
  private isListCorrected = false

  private readonly demand: Demand
  private readonly meeting: MeetingDraw = { account: 0, size: 1, endMinutes: 0 }

  // Events.
  private readonly departures = new Departures()
  readonly timeline: TimelineEvent[]
  readonly hash: string
  private timelineCursor = 0
  private nextTimelineMinutes = Infinity
  private meetingSeq = 0

  /** Per participant slot of the meeting being started: its city, and its site (-1: none). */
  private readonly scratchCity: Int32Array
  private readonly scratchSite: Int32Array
  private readonly tally: RunTally
  private readonly incidentLog: IncidentLog
  private readonly ledgers: LedgerWriter
  private readonly onJoin: RunOptions['onJoin']
  /** Flows of every closed step, for the result. */
  private readonly stepFlows: StepFlow[][] = []

  constructor(resolved: ResolvedScenario, options: RunOptions) {
    const { scenario, world } = resolved
    this.resolved = resolved
    this.seed = options.seed ?? scenario.seed
    this.initialPolicy = options.policy ?? resolved.initialPolicy
    this.policy = this.initialPolicy
    this.siteCount = world.sites.length
    this.cityCount = world.cities.length
    this.stepMinutes = scenario.stepMinutes
    this.durationMinutes = resolved.durationMinutes
    this.stepCount = Math.ceil(this.durationMinutes / this.stepMinutes)
    if (this.siteCount > MAX_SITES) throw new Error(`at most ${MAX_SITES} sites are supported`)
    this.onJoin = options.onJoin

    const { timeline, closedAtStart } = runTimeline(resolved, options)
    this.timeline = timeline
    this.hash = runHash(resolved, options)
    const { paidOptInRegions } = resolved
    const shared = worldTables(world, paidOptInRegions, scenario.keys.concernJurisdictions)
    this.policyTables = shared.policyTables
    this.keys = shared.keys
    const { jurisdictions } = this.keys
    const keepsFlows = options.isStepFlowsKept
    this.tally = new RunTally(this.siteCount, this.cityCount, jurisdictions, keepsFlows)

    this.joins = new Joins(
      world,
      scenario,
      this.policyTables.get(this.policy, false),
      createRandom(streamSeed(this.seed, 1)),
      this.tally,
    )
    for (const i of closedAtStart) this.joins.down[i] = 1
    // The corrected tables are compiled before the run starts; the event only switches to them.
    if (timeline.some((e) => e.kind === 'list-correction')) this.policyTables.get(this.policy, true)
    const maxP = scenario.demand.maxParticipants
    this.scratchCity = new Int32Array(maxP)
    this.scratchSite = new Int32Array(maxP)
    this.incidentLog = new IncidentLog(scenario.incidentLogLimit)
    this.ledgers = new LedgerWriter(world, this.keys, this.joins)

    this.nextTimelineMinutes = this.timeline[0]?.atMinutes ?? Infinity
    this.applyTimeline(0)
    // Demand and routing draw from separate streams of the one seed, so two policies run on the
    // same seed see the very same meetings and differ only in where participants connect.
    this.demand = new Demand(resolved, createRandom(streamSeed(this.seed, 0)))
    this.demand.drawNextArrival()
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
    const joins = this.joins
    for (let s = 0; s < this.siteCount; s++) peak[s] = joins.utilisationOf(s)
    const { departures, demand } = this
    const occupancy = joins.occupancy
    for (;;) {
      const nextTimeline = this.nextTimelineMinutes
      const nextArrival = demand.nextArrivalMinutes
      // Departures come after the timeline and before arrivals at equal times.
      departures.dueAtOrBefore = nextArrival
      const departBefore = Math.min(nextTimeline, end)
      departures.dueBefore = departBefore
      departures.drainInto(occupancy)
      // The common case, an arrival before the next timeline event and the step's end.
      if (nextArrival < departBefore) {
        this.startMeeting()
        continue
      }
      // Else every departure before departBefore is gone: a timeline event is next, or the end.
      if (nextTimeline >= end) break
      this.applyTimeline(nextTimeline)
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
        this.joins.tables = this.policyTables.get(this.policy, this.isListCorrected)
        continue
      }
      const site = world.sites.findIndex((s) => s.id === e.siteId)
      if (site < 0) continue
      const { capacity, occupancy, down } = this.joins
      if (e.kind === 'outage') {
        down[site] = 1
        this.disconnect(site, occupancy[site] as number)
      } else if (e.kind === 'restore') down[site] = 0
      else {
        this.tally.settlePeak(site, capacity[site] as number)
        capacity[site] = Math.round(e.capacityParticipants * this.resolved.scenario.demand.scale)
        this.disconnect(site, Math.max(0, (occupancy[site] as number) - capacity[site]))
      }
      this.tally.notePeak(site, this.joins.utilisationOf(site))
    }
  }

  /** Starts the meeting arriving now (read from the demand: a double argument would be boxed), then draws the next arrival. */
  private startMeeting(): void {
    const t = this.demand.nextArrivalMinutes
    const meetingId = this.meetingSeq++
    const cities = this.scratchCity
    const meeting = this.meeting
    this.demand.drawMeeting(cities, meeting)
    const { account, size } = meeting
    const keys = this.keys
    const tally = this.tally

    // Route every participant; only those who connect are in the meeting.
    let carriedHere = 0
    let presentConcern = 0
    for (let p = 0; p < size; p++) {
      const site = this.joins.join(cities[p] as number, account, p)
      this.scratchSite[p] = site
      this.onJoin?.(meetingId, p, cities[p] as number, site)
      if (site >= 0) {
        carriedHere++
        presentConcern |= keys.concernOfCity(cities[p] as number)
      }
    }

    // Keys: every connected participant receives the meeting key from its site's key server.
    let meetingExposed = false
    for (let p = 0; p < size; p++) {
      const site = this.scratchSite[p] as number
      if (site < 0) continue
      const city = cities[p] as number
      const key = keys.keySite[site] as number
      const flow = key * this.cityCount + city
      tally.countDelivery(flow, key)
      const isCross = keys.isCrossBorder(city, account, key)
      const isConcern = keys.isConcern(key, presentConcern)
      if (!isCross && !isConcern) continue
      meetingExposed = true
      this.expose(t, meetingId, p, key, isCross, isConcern, presentConcern)
    }
    if (meetingExposed) {
      tally.step.exposedMeetings++
      tally.step.exposedParticipants += carriedHere
    }

    this.departures.addMeeting(meeting, this.scratchSite, this.siteCount)
    const step = tally.step
    step.meetings++
    step.offered += size
    step.carried += carriedHere
    step.blocked += size - carriedHere
    this.demand.drawNextArrival()
  }

  /**
   * Counts an exposed delivery and keeps its incident when the log wants it, with its meeting's
   * ledger; out of the hot loop, as exposures are the rarer case.
   */
  // prettier-ignore
  private expose(t: number, meetingId: number, slot: number, key: number, isCross: boolean,
    isConcern: boolean, presentConcern: number): void {
    const city = this.scratchCity[slot] as number
    const keys = this.keys
    this.tally.countExposure(
      key * this.cityCount + city,
      key,
      keys.pairOf(city, key),
      isCross,
      isConcern,
    )
    if (!this.incidentLog.wantsNext()) {
      this.incidentLog.count()
      return
    }
    const { size } = this.meeting
    const accountIndex = this.meeting.account
    const account = ACCOUNT_KINDS[accountIndex] as AccountKind
    const cities = this.scratchCity
    this.incidentLog.count(
      buildIncident(this.resolved.world, {
        seq: this.incidentLog.nextSeq,
        timeMinutes: t,
        meetingId,
        account,
        cities,
        sites: this.scratchSite,
        size,
        slot,
        keySite: key,
        failed: this.joins.failedAttempts(slot),
        isViaSecondary: this.joins.isViaSecondary(slot),
        isCrossBorder: isCross,
        isConcern,
      }),
      () =>
        this.ledgers.write({
          meetingId,
          timeMinutes: t,
          endMinutes: this.meeting.endMinutes,
          accountIndex,
          account,
          policy: this.policy,
          // Only where the correction changed routing, so a policy it leaves alone keeps its bytes.
          isListCorrected: this.isListCorrected && isChangedByListCorrection(POLICIES[this.policy]),
          cities,
          sites: this.scratchSite,
          size,
          presentConcern,
        }),
    )
  }

  /** Cuts `count` participants off `site` (outage or capacity cut); they are not re-routed. */
  private disconnect(site: number, count: number): void {
    const removed = this.departures.cut(site, count)
    const occupancy = this.joins.occupancy
    occupancy[site] = (occupancy[site] as number) - removed
    this.tally.step.disconnected += removed
  }

  private closeStep(step: number, start: number): StepRecord {
    const record: StepRecord = {
      step,
      startMinutes: start,
      ...this.tally.closeStep(this.joins),
      policy: this.policy,
      isListCorrected: this.isListCorrected,
    }
    if (this.tally.isStepFlowsKept) this.stepFlows.push(record.flows)
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
      ledgers: this.incidentLog.ledgers(),
      timeline: this.timeline,
    }
  }
}
