/**
 * Derivations of the meeting ledgers a run logged (RunResult.ledgers): the open one, the ones a
 * selection or a country search names, the same meeting under the other policy of a comparison,
 * what changed for each participant, and the call the map draws.
 */
import { greatCirclePath, splitForWorldCopies } from '../sim/geo'
import type { LedgerParticipant, MeetingLedger } from '../sim/ledger'
import type { World } from '../sim/model'
import type { RunSummary } from '../worker/protocol'
import { selectMapRun } from './selectors'
import type { AppState, RunState } from './store'
import type { Selection } from './url-state'

const NO_LEDGERS: readonly MeetingLedger[] = []

/** The ledgers a run logged (none before it finishes). */
export function ledgersOf(summary: RunSummary | null | undefined): readonly MeetingLedger[] {
  return summary?.ledgers ?? NO_LEDGERS
}

/** The ledger of a meeting in a run's log (ledgers are sorted by meeting id), or null. */
export function findLedger(
  summary: RunSummary | null | undefined,
  meetingId: number | null,
): MeetingLedger | null {
  if (meetingId === null) return null
  const ledgers = ledgersOf(summary)
  let lo = 0
  let hi = ledgers.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const l = ledgers[mid] as MeetingLedger
    if (l.meetingId === meetingId) return l
    if (l.meetingId < meetingId) lo = mid + 1
    else hi = mid - 1
  }
  return null
}

/** The ledger open in the run the map shows, or null. */
export function selectOpenLedger(
  state: Pick<AppState, 'run' | 'compare' | 'mapRun' | 'ledgerMeetingId'>,
): MeetingLedger | null {
  return findLedger(selectMapRun(state)?.summary, state.ledgerMeetingId)
}

/** The run of a comparison the map does not show; null when not comparing. */
export function selectOtherRun(
  state: Pick<AppState, 'run' | 'compare' | 'mapRun'>,
): RunState | null {
  if (!state.compare) return null
  return selectMapRun(state) === state.compare ? state.run : state.compare
}

/** How a country search matches: the meeting's countries are exactly these, or include them. */
export type CountryMatch = 'exactly' | 'atLeast'

/** Country codes of a search such as "US+CA", "us, ca" or "US CA": upper-cased, distinct, sorted. */
export function parseCountryQuery(text: string): { countries: string[]; invalid: string[] } {
  const parts = text
    .split(/[\s+,;/]+/)
    .map((p) => p.trim().toUpperCase())
    .filter((p) => p.length > 0)
  const countries = [...new Set(parts.filter((p) => /^[A-Z]{2}$/.test(p)))].sort()
  return { countries, invalid: parts.filter((p) => !/^[A-Z]{2}$/.test(p)) }
}

/**
 * Logged meetings whose connected participants are in exactly `countries` (no other country),
 * or in at least those (others may be present), in meeting order.
 */
export function ledgersByCountries(
  ledgers: readonly MeetingLedger[],
  countries: readonly string[],
  match: CountryMatch,
): MeetingLedger[] {
  if (countries.length === 0) return []
  return ledgers.filter((l) =>
    match === 'exactly'
      ? l.countries.length === countries.length && countries.every((c) => l.countries.includes(c))
      : countries.every((c) => l.countries.includes(c)),
  )
}

/**
 * Logged meetings behind a selection: a site's (a participant connected to it or got its key
 * from it), a city's or a country's (a participant there), an incident's or a route's.
 */
export function ledgersForSelection(
  ledgers: readonly MeetingLedger[],
  selection: Selection | null,
): MeetingLedger[] {
  if (!selection) return []
  const has = (test: (p: LedgerParticipant) => boolean) =>
    ledgers.filter((l) => l.participants.some(test))
  switch (selection.kind) {
    case 'site':
      return has((p) => p.connectedSiteId === selection.id || p.keySiteId === selection.id)
    case 'city':
      return has((p) => p.cityId === selection.id)
    case 'country':
      return has((p) => p.country === selection.id)
    case 'flow':
      return has((p) => p.keySiteId === selection.siteId && p.cityId === selection.cityId)
    case 'incident': {
      const ref = selection.ref
      return 'meetingId' in ref ? ledgers.filter((l) => l.meetingId === ref.meetingId) : []
    }
  }
}

/** Whether a participant's key delivery was an exposure of either kind. */
export function isExposedParticipant(p: LedgerParticipant): boolean {
  return p.isCrossBorder || p.isConcern
}

/** One participant of a meeting under two policies, and what differs. */
export interface ParticipantChange {
  readonly slot: number
  readonly cityId: string
  readonly shown: LedgerParticipant
  readonly other: LedgerParticipant | null
  /** What differs: 'connected site', 'key site', 'exposure', 'attempts'; empty when nothing. */
  readonly changes: readonly string[]
}

/** Each participant of `shown` beside the same slot of `other` (same meeting, another policy). */
export function participantChanges(
  shown: MeetingLedger,
  other: MeetingLedger | null,
): ParticipantChange[] {
  return shown.participants.map((p) => {
    const o = other?.participants[p.slot] ?? null
    const changes: string[] = []
    if (o) {
      if (o.connectedSiteId !== p.connectedSiteId) changes.push('connected site')
      if (o.keySiteId !== p.keySiteId) changes.push('key site')
      if (o.isCrossBorder !== p.isCrossBorder || o.isConcern !== p.isConcern)
        changes.push('exposure')
      if (o.attempts.length !== p.attempts.length) changes.push('attempts')
    }
    return { slot: p.slot, cityId: p.cityId, shown: p, other: o, changes }
  })
}

/** A line of the drawn call: degrees, already split for the world copies. */
export interface CallLine {
  readonly kind: 'link' | 'key'
  /** 'concern' and 'crossBorder' are exposures; 'normal' a delivery within the allowed regions. */
  readonly exposure: 'concern' | 'crossBorder' | 'normal'
  readonly paths: readonly (readonly [number, number])[][]
}

/** A place of the drawn call: a participant's city or a site the call uses. */
export interface CallPlace {
  readonly kind: 'city' | 'site'
  readonly name: string
  readonly lat: number
  readonly lon: number
  readonly isExposed: boolean
}

/** What the map draws for a meeting: its places, a link from each participant to its site, its key paths. */
export interface CallGeometry {
  readonly meetingId: number
  readonly places: readonly CallPlace[]
  /** Links first, then key paths, exposures last so they are drawn on top. */
  readonly lines: readonly CallLine[]
}

const ORDER = { normal: 0, crossBorder: 1, concern: 2 } as const

/** The call of a meeting, for the map (and the exported picture). */
export function callGeometry(ledger: MeetingLedger, world: World): CallGeometry {
  const sites = new Map(world.sites.map((s) => [s.id, s]))
  const cities = new Map(world.cities.map((c) => [c.id, c]))
  const places = new Map<string, CallPlace>()
  const lines = new Map<string, CallLine>()
  const arc = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
    splitForWorldCopies(greatCirclePath(a, b, 32)).map((path) =>
      path.map((p) => [p.lat, p.lon] as const),
    )
  for (const p of ledger.participants) {
    const city = cities.get(p.cityId)
    if (!city) continue
    const exposure = p.isConcern ? 'concern' : p.isCrossBorder ? 'crossBorder' : 'normal'
    const placed = places.get(`city:${city.id}`)
    places.set(`city:${city.id}`, {
      kind: 'city',
      name: city.name,
      lat: city.lat,
      lon: city.lon,
      isExposed: (placed?.isExposed ?? false) || exposure !== 'normal',
    })
    const connected = p.connectedSiteId === null ? undefined : sites.get(p.connectedSiteId)
    const key = p.keySiteId === null ? undefined : sites.get(p.keySiteId)
    for (const [site, kind] of [
      [connected, 'link'],
      [key, 'key'],
    ] as const) {
      if (!site) continue
      const id = `site:${site.id}`
      const seen = places.get(id)
      places.set(id, {
        kind: 'site',
        name: site.city,
        lat: site.lat,
        lon: site.lon,
        isExposed: (seen?.isExposed ?? false) || (kind === 'key' && exposure !== 'normal'),
      })
      const lineId = `${kind}:${site.id}>${city.id}`
      const line = lines.get(lineId)
      const lineExposure = kind === 'link' ? 'normal' : exposure
      if (!line || ORDER[lineExposure] > ORDER[line.exposure])
        lines.set(lineId, { kind, exposure: lineExposure, paths: arc(city, site) })
    }
  }
  const sorted = [...lines.values()].sort(
    (a, b) =>
      (a.kind === 'link' ? 0 : 1) - (b.kind === 'link' ? 0 : 1) ||
      ORDER[a.exposure] - ORDER[b.exposure],
  )
  return { meetingId: ledger.meetingId, places: [...places.values()], lines: sorted }
}
