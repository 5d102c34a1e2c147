/**
 * Incidents: the record of one exposed delivery, and the bounded log kept while a run goes on. Totals (metrics.ts) are always exact; only
 * the log is sampled, and deterministically (no randomness), so its size never changes the
 * simulation.
 */
import type { FailedAttempt } from './joins'
import { describeCause } from './keys'
import type { MeetingLedger } from './ledger'
import type { AccountKind, Incident, World } from './model'

/**
 * An incident log that keeps at most `limit` incidents spread evenly over the run: it keeps
 * every incident whose number is a multiple of the stride, and when full it drops every other
 * kept incident and doubles the stride. It keeps the ledger of every meeting with a kept
 * incident, and drops it with the meeting's last one. Memory is bounded by the limit, not by the
 * run's size.
 */
export class IncidentLog {
  private readonly kept: Incident[] = []
  private readonly ledgerOf = new Map<number, MeetingLedger>()
  private stride = 1
  private total = 0

  /** @param limit the most incidents kept (0 keeps none, totals still count) */
  constructor(private readonly limit: number) {}

  /** Whether the incident with the next number will be kept (build it only then). */
  wantsNext(): boolean {
    return this.limit > 0 && this.total % this.stride === 0
  }

  /** Number the next incident gets. */
  get nextSeq(): number {
    return this.total
  }

  /**
   * Counts an incident, keeping it when `incident` is given (call `wantsNext` first), with its
   * meeting's ledger, which `ledger` writes unless the log holds it already.
   */
  count(incident?: Incident, ledger?: () => MeetingLedger): void {
    this.total++
    if (!incident) return
    this.kept.push(incident)
    if (ledger && !this.ledgerOf.has(incident.meetingId))
      this.ledgerOf.set(incident.meetingId, ledger())
    if (this.kept.length > this.limit) {
      this.stride *= 2
      let w = 0
      for (const kept of this.kept) if (kept.seq % this.stride === 0) this.kept[w++] = kept
      this.kept.length = w
      const meetings = new Set(this.kept.map((i) => i.meetingId))
      for (const id of [...this.ledgerOf.keys()]) if (!meetings.has(id)) this.ledgerOf.delete(id)
    }
  }

  /** The ledgers of the meetings of the kept incidents, by meeting (time order). */
  ledgers(): MeetingLedger[] {
    return [...this.ledgerOf.values()].sort((a, b) => a.meetingId - b.meetingId)
  }

  /** Every exposure counted, kept or not. */
  get totalCount(): number {
    return this.total
  }

  /** The kept incidents, in time order. */
  incidents(): Incident[] {
    return [...this.kept]
  }
}

/** What the engine knows of one exposed delivery when it builds the incident. */
export interface ExposedDelivery {
  readonly seq: number
  readonly timeMinutes: number
  readonly meetingId: number
  readonly account: AccountKind
  /** City index of each participant slot of the meeting (host first). */
  readonly cities: Int32Array
  /** Site index each slot connected to (negative: not connected). */
  readonly sites: Int32Array
  /** Participant slots of the meeting. */
  readonly size: number
  /** The slot whose delivery was exposed. */
  readonly slot: number
  readonly keySite: number
  /** The slot's failed primary attempts, in order. */
  readonly failed: readonly FailedAttempt[]
  readonly isViaSecondary: boolean
  readonly isCrossBorder: boolean
  readonly isConcern: boolean
}

/** The incident record of an exposed delivery, with its plain-language cause. */
export function buildIncident(world: World, d: ExposedDelivery): Incident {
  const siteOf = (index: number) => world.sites[index] as { id: string; city: string }
  const city = world.cities[d.cities[d.slot] as number] as { id: string }
  const host = world.cities[d.cities[0] as number] as { id: string }
  const connected = siteOf(d.sites[d.slot] as number)
  const key = siteOf(d.keySite)
  const tried = d.failed.map(({ site, reason }) => {
    const s = siteOf(site)
    return { siteId: s.id, city: s.city, reason }
  })
  const countries = new Set<string>()
  let members = 0
  for (let p = 0; p < d.size; p++) {
    if ((d.sites[p] as number) < 0) continue
    members++
    countries.add((world.cities[d.cities[p] as number] as { country: string }).country)
  }
  const last = tried[tried.length - 1]
  return {
    seq: d.seq,
    timeMinutes: d.timeMinutes,
    meetingId: d.meetingId,
    account: d.account,
    hostCityId: host.id,
    participantCityId: city.id,
    firstPrimarySiteId: tried[0]?.siteId ?? '',
    primaryAttempts: tried.length,
    primaryFailure: last?.reason ?? 'full',
    attemptedPrimaries: tried.map(({ siteId, reason }) => ({ siteId, reason })),
    isViaSecondary: d.isViaSecondary,
    connectedSiteId: connected.id,
    keySiteId: key.id,
    isCrossBorder: d.isCrossBorder,
    isConcern: d.isConcern,
    meetingParticipants: members,
    meetingCountries: [...countries].sort(),
    cause: describeCause(tried, d.isViaSecondary, connected.city, key.city),
  }
}
