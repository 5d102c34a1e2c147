/**
 * The meeting ledger: what the engine did for every participant of one meeting (where each
 * tried to connect and what each attempt met, where it connected, which site delivered its key,
 * and whether that delivery was an exposure). Attempt outcomes depend on every other meeting's
 * load, so a ledger cannot be replayed afterwards: the engine writes it from the join trails of
 * the meeting being started, and only when the incident log keeps an exposure of that meeting.
 * Ledgers live and die with their meetings' kept incidents (incident-log.ts), so memory is bounded
 * by the log's limit, never by the number of meetings.
 *
 * Determinism: a ledger is a pure function of the engine's state at the meeting's start.
 */
import type { DeliveryClassifier } from './keys'
import type { AttemptOutcome, Joins } from './joins'
import type { AccountKind, PolicyId, RegionId, World } from './model'
import { ACCOUNT_KINDS, REGION_IDS } from './model'

/** One connection attempt of a participant: the site tried, which list it came from, and what it met. */
export interface LedgerAttempt {
  readonly siteId: string
  readonly list: 'primary' | 'secondary'
  readonly outcome: AttemptOutcome
}

/** One participant of a ledgered meeting. */
export interface LedgerParticipant {
  /** Slot in the meeting (0 is the host). */
  readonly slot: number
  readonly cityId: string
  /** ISO 3166-1 alpha-2 code of the participant's city. */
  readonly country: string
  /** Every attempt, primaries then secondaries, in order. Empty attempts: no site was tried. */
  readonly attempts: readonly LedgerAttempt[]
  /** The site that took the participant and relays its media; null when every attempt failed. */
  readonly connectedSiteId: string | null
  readonly isViaSecondary: boolean
  /** The site that delivered the meeting key; null when the participant did not connect. */
  readonly keySiteId: string | null
  /** Jurisdiction of the key site (e.g. `CN`); null when the participant did not connect. */
  readonly keyJurisdiction: string | null
  /**
   * Regions of the sites this participant may receive keys from without a cross-border exposure
   * (for a government account, the regions of the sites in its own country, or its home region).
   */
  readonly allowedRegions: readonly RegionId[]
  /** The key came from a site outside the allowed regions. */
  readonly isCrossBorder: boolean
  /** The key came from a jurisdiction of concern where no participant of the meeting is. */
  readonly isConcern: boolean
}

/** The ledger of one meeting that has at least one kept incident. */
export interface MeetingLedger {
  readonly meetingId: number
  /** Minutes since the scenario start at which the meeting started (its participants joined). */
  readonly timeMinutes: number
  /** Minutes since the scenario start at which the meeting ends. */
  readonly endMinutes: number
  readonly account: AccountKind
  /** Policy in force when the meeting started. */
  readonly policy: PolicyId
  /**
   * Whether the backup lists had been corrected (a `list-correction` event) by then, for a policy
   * the correction changes (false for one it leaves alone).
   */
  readonly isListCorrected: boolean
  /** Countries of the connected participants, sorted and distinct. */
  readonly countries: readonly string[]
  /** Every participant slot of the meeting, connected or not, host first. */
  readonly participants: readonly LedgerParticipant[]
}

/** The meeting being started, as the engine holds it when one of its exposures is kept. */
export interface LedgerSource {
  readonly meetingId: number
  readonly timeMinutes: number
  readonly endMinutes: number
  /** Index into `ACCOUNT_KINDS`, and its name. */
  readonly accountIndex: number
  readonly account: AccountKind
  readonly policy: PolicyId
  readonly isListCorrected: boolean
  /** City index per slot. */
  readonly cities: Int32Array
  /** Connected site index per slot (negative: not connected). */
  readonly sites: Int32Array
  readonly size: number
  /** OR of the concern bits of the connected participants' jurisdictions. */
  readonly presentConcern: number
}

/** Writes ledgers from the engine's per-meeting state; holds per-(city, account) regions once. */
export class LedgerWriter {
  private readonly allowedRegions = new Map<number, readonly RegionId[]>()

  constructor(
    private readonly world: World,
    private readonly keys: DeliveryClassifier,
    private readonly joins: Joins,
  ) {}

  /** The ledger of the meeting whose joins the `Joins` trails hold now. */
  write(m: LedgerSource): MeetingLedger {
    const { world, keys } = this
    const participants: LedgerParticipant[] = []
    const countries = new Set<string>()
    for (let slot = 0; slot < m.size; slot++) {
      const cityIndex = m.cities[slot] as number
      const city = world.cities[cityIndex] as { id: string; country: string }
      const site = m.sites[slot] as number
      const key = site >= 0 ? (keys.keySite[site] as number) : -1
      if (site >= 0) countries.add(city.country)
      participants.push({
        slot,
        cityId: city.id,
        country: city.country,
        attempts: this.joins.trailOf(slot).map((a) => ({
          siteId: (world.sites[a.site] as { id: string }).id,
          list: a.isSecondary ? 'secondary' : 'primary',
          outcome: a.outcome,
        })),
        connectedSiteId: site >= 0 ? (world.sites[site] as { id: string }).id : null,
        isViaSecondary: site >= 0 && this.joins.isViaSecondary(slot),
        keySiteId: key >= 0 ? (world.sites[key] as { id: string }).id : null,
        keyJurisdiction:
          key >= 0 ? (world.sites[key] as { jurisdiction: string }).jurisdiction : null,
        allowedRegions: this.regionsOf(cityIndex, m.accountIndex),
        isCrossBorder: key >= 0 && keys.isCrossBorder(cityIndex, m.accountIndex, key),
        isConcern: key >= 0 && keys.isConcern(key, m.presentConcern),
      })
    }
    return {
      meetingId: m.meetingId,
      timeMinutes: m.timeMinutes,
      endMinutes: m.endMinutes,
      account: m.account,
      policy: m.policy,
      isListCorrected: m.isListCorrected,
      countries: [...countries].sort(),
      participants,
    }
  }

  private regionsOf(city: number, account: number): readonly RegionId[] {
    const id = city * ACCOUNT_KINDS.length + account
    let regions = this.allowedRegions.get(id)
    if (!regions) {
      const set = new Set<RegionId>()
      this.world.sites.forEach((s, i) => {
        if (!this.keys.isCrossBorder(city, account, i)) set.add(s.region)
      })
      regions = REGION_IDS.filter((r) => set.has(r))
      this.allowedRegions.set(id, regions)
    }
    return regions
  }
}
