/**
 * Where a participant connects: the sites' state (capacity, occupancy, down) and one join, which
 * tries the primaries of the policy in force nearest first, then draws secondaries without
 * replacement (routing.ts compiles the lists). Every join's attempts are kept per participant
 * slot of the meeting, primaries and secondaries alike, so an exposure's incident and its meeting's
 * ledger can name what each attempt met. Only the current meeting's trail is held: the ledger
 * copies it when an incident of the meeting is kept.
 *
 * Determinism: the only randomness is the routing stream handed in; a site below the failure
 * curve's threshold never draws, so an uncongested run does not shift the stream.
 */
import type { RunTally } from './tally'
import type { FailureReason, World } from './model'
import { ACCOUNT_KINDS } from './model'
import type { Random } from './random'
import type { RoutingTables } from './routing'
import { fibreRttMs, greatCircleKm } from './geo'
import type { Scenario } from './scenario'

const ACCOUNTS = ACCOUNT_KINDS.length
const FAILURE_REASONS: readonly FailureReason[] = ['full', 'down', 'congested']
/** Outcome codes in the trail: 0 to 2 index FAILURE_REASONS, 3 is a connection. */
const FULL = 0
const DOWN = 1
const CONGESTED = 2
const CONNECTED = 3
/** Flag of an outcome code for an attempt on the secondary list. */
const SECONDARY = 4

/** What one connection attempt met: connected, or why not. */
export type AttemptOutcome = 'connected' | FailureReason

/** One connection attempt of a join: the site index, which list it came from, and its outcome. */
export interface TrailAttempt {
  readonly site: number
  readonly isSecondary: boolean
  readonly outcome: AttemptOutcome
}

/** A failed primary attempt: the site index and why it failed. */
export interface FailedAttempt {
  readonly site: number
  readonly reason: FailureReason
}

/** The sites of one run and the joins to them. */
export class Joins {
  /** Capacity of each site, in simulated (scaled) participants. */
  readonly capacity: Float64Array
  /** Concurrent participants at each site. */
  readonly occupancy: Float64Array
  /** 1 while a site is down. */
  readonly down: Uint8Array
  /** Routing tables of the policy in force (the engine switches them on policy events). */
  tables: RoutingTables

  private readonly siteCount: number
  private readonly rttMs: Float64Array // city * sites + site
  private readonly primaryAttempts: number
  private readonly secondaryPicks: number
  private readonly failureThreshold: number
  private readonly maxFailureProbability: number
  private readonly failureExponent: number
  /** Per participant slot: failed primary attempts. */
  private readonly attempts: Int32Array
  /** Per participant slot: 1 when it connected through the secondary list, 0 through a primary. */
  private readonly viaSecondary: Uint8Array
  /** Per participant slot: every site tried, in order, and its outcome code (see CONNECTED). */
  private readonly trailSites: Int32Array
  private readonly trailOutcomes: Uint8Array
  private readonly trailLength: Int32Array
  private readonly trailStride: number
  private readonly picked = new Int32Array(32)

  constructor(
    world: World,
    scenario: Scenario,
    tables: RoutingTables,
    private readonly random: Random,
    private readonly tally: RunTally,
  ) {
    const scale = scenario.demand.scale
    this.siteCount = world.sites.length
    this.capacity = Float64Array.from(world.sites, (s) =>
      Math.round(s.capacityParticipants * scale),
    )
    this.occupancy = new Float64Array(this.siteCount)
    this.down = new Uint8Array(this.siteCount)
    this.tables = tables
    this.rttMs = new Float64Array(world.cities.length * this.siteCount)
    world.cities.forEach((c, ci) =>
      world.sites.forEach((s, si) => {
        this.rttMs[ci * this.siteCount + si] = fibreRttMs(greatCircleKm(c.lat, c.lon, s.lat, s.lon))
      }),
    )
    const routing = scenario.routing
    this.primaryAttempts = routing.primaryAttempts
    this.secondaryPicks = routing.secondaryPicks
    this.failureThreshold = routing.failureCurve.thresholdUtilisation
    this.maxFailureProbability = routing.failureCurve.maxFailureProbability
    this.failureExponent = routing.failureCurve.exponent
    const maxP = scenario.demand.maxParticipants
    this.attempts = new Int32Array(maxP)
    this.viaSecondary = new Uint8Array(maxP)
    this.trailStride = routing.primaryAttempts + routing.secondaryPicks
    this.trailSites = new Int32Array(maxP * this.trailStride)
    this.trailOutcomes = new Uint8Array(maxP * this.trailStride)
    this.trailLength = new Int32Array(maxP)
  }

  /**
   * One participant's join, kept for slot `slot` of its meeting: primaries nearest first for up
   * to `primaryAttempts`, then `secondaryPicks` secondaries drawn without replacement. Returns the
   * site index or -1.
   */
  join(city: number, account: number, slot: number): number {
    const table = city * ACCOUNTS + account
    const primary = this.tables.primary[table] as Int16Array
    const primaryCount = primary.length
    const attempts = primaryCount > 0 ? this.primaryAttempts : 0
    const base = slot * this.trailStride
    const trailSites = this.trailSites
    const trailOutcomes = this.trailOutcomes
    let trail = 0
    for (let a = 0; a < attempts; a++) {
      const site = primary[a < primaryCount ? a : a % primaryCount] as number
      const outcome = this.tryConnect(site)
      trailSites[base + trail] = site
      trailOutcomes[base + trail++] = outcome
      if (outcome === CONNECTED) {
        this.trailLength[slot] = trail
        this.connect(site)
        this.attempts[slot] = a
        this.viaSecondary[slot] = 0
        return site
      }
    }
    this.attempts[slot] = attempts
    this.viaSecondary[slot] = 1
    return this.joinSecondary(city, table, slot, trail)
  }

  /** The secondaries of a join whose primaries failed (apart, so that `join` stays small). */
  private joinSecondary(city: number, table: number, slot: number, primaryTrail: number): number {
    const primary = this.tables.primary[table] as Int16Array
    const base = slot * this.trailStride
    const trailSites = this.trailSites
    const trailOutcomes = this.trailOutcomes
    let trail = primaryTrail
    const secondary = this.tables.secondary[table] as Int16Array
    const n = secondary.length
    const picks = Math.min(this.secondaryPicks, n)
    // Draw distinct indices one at a time: the first uniformly, the second uniformly among the
    // rest (skipping the first), any further by rejection; picks are few.
    for (let k = 0; k < picks; k++) {
      let idx: number
      if (k === 0) idx = Math.floor(this.random.next() * n)
      else if (k === 1) {
        idx = Math.floor(this.random.next() * (n - 1))
        if (idx >= (this.picked[0] as number)) idx++
      } else idx = this.pickDistinct(n, k)
      this.picked[k] = idx
      const site = secondary[idx] as number
      const outcome = this.tryConnect(site)
      trailSites[base + trail] = site
      trailOutcomes[base + trail++] = SECONDARY | outcome
      this.trailLength[slot] = trail
      if (outcome === CONNECTED) {
        this.connect(site)
        const step = this.tally.step
        step.redirected++
        // Added round trip against the participant's first choice of primary.
        const ref = primary.length > 0 ? (primary[0] as number) : site
        step.addedRttMs +=
          (this.rttMs[city * this.siteCount + site] as number) -
          (this.rttMs[city * this.siteCount + ref] as number)
        return site
      }
    }
    this.trailLength[slot] = trail
    return -1
  }

  /** The failed primary attempts of the join kept in `slot`, in order. */
  failedAttempts(slot: number): FailedAttempt[] {
    const out: FailedAttempt[] = []
    for (const a of this.trailOf(slot).slice(0, this.attempts[slot]))
      out.push({ site: a.site, reason: a.outcome === 'connected' ? 'full' : a.outcome })
    return out
  }

  /** Every attempt of the join kept in `slot`, primaries then secondaries, in order. */
  trailOf(slot: number): TrailAttempt[] {
    const base = slot * this.trailStride
    const out: TrailAttempt[] = []
    for (let a = 0; a < (this.trailLength[slot] as number); a++) {
      const code = this.trailOutcomes[base + a] as number
      const reason = code & 3
      out.push({
        site: this.trailSites[base + a] as number,
        isSecondary: (code & SECONDARY) !== 0,
        outcome: reason === CONNECTED ? 'connected' : (FAILURE_REASONS[reason] ?? 'full'),
      })
    }
    return out
  }

  /** Whether the join kept in `slot` connected through the secondary list. */
  isViaSecondary(slot: number): boolean {
    return this.viaSecondary[slot] === 1
  }

  /** Occupancy over capacity (0 for an empty site, 1 for a full one). */
  utilisationOf(site: number): number {
    const cap = this.capacity[site] as number
    const occ = this.occupancy[site] as number
    return cap > 0 ? occ / cap : occ > 0 ? 1 : 0
  }

  /** Draws an index in [0, n) not among the first `k` picks (rejection; k is small). */
  private pickDistinct(n: number, k: number): number {
    for (;;) {
      const idx = Math.floor(this.random.next() * n)
      let clash = false
      for (let j = 0; j < k; j++) if (this.picked[j] === idx) clash = true
      if (!clash) return idx
    }
  }

  /**
   * The outcome code of an attempt on `site`: CONNECTED when it takes the participant, else the
   * index of the reason in FAILURE_REASONS. Draws a number only above the threshold.
   */
  private tryConnect(site: number): number {
    if (this.down[site] === 1) return DOWN
    const cap = this.capacity[site] as number
    const occ = this.occupancy[site] as number
    if (occ >= cap) return FULL
    const threshold = this.failureThreshold
    const u = occ / cap
    // A draw only above the threshold, so an uncongested site never shifts the routing stream.
    if (u > threshold && threshold < 1) {
      // congestionFailureProbability (routing.ts) written out, its guards being the `if` above: a
      // call returning a double boxed it on every congested attempt. Same operations, same bits.
      const x = Math.min(1, (u - threshold) / (1 - threshold))
      const p = this.maxFailureProbability * Math.pow(x, this.failureExponent)
      if (this.random.next() < p) return CONGESTED
    }
    return CONNECTED
  }

  private connect(site: number): void {
    const occ = (this.occupancy[site] as number) + 1
    this.occupancy[site] = occ
    // Only reached when occ - 1 < capacity, so the capacity is at least 1 here.
    const peak = this.tally.stepPeakOccupancy
    if (occ > (peak[site] as number)) peak[site] = occ
    const carried = this.tally.siteCarried
    carried[site] = (carried[site] as number) + 1
  }
}
