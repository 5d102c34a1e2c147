/**
 * The incident log and key paths as the tables and the keyboard routes list them, filtered and
 * sorted; memoised on the run's summary, world and step.
 */
import { weakMapMemoize } from 'reselect'
import type { Incident, StepRecord, World } from '../sim/model'
import type { RunSummary } from '../worker/protocol'
import { isIncidentOf } from './incident-identity'
import { currentStep } from './selectors'
import type { RunState } from './store'
import type { Selection } from './url-state'

/** How an incident table is sorted and filtered. */
export interface IncidentQuery {
  readonly sortBy: 'time' | 'city' | 'keySite'
  readonly isDescending: boolean
  readonly text: string
  readonly kind: 'all' | 'crossBorder' | 'concern'
  /** Only meetings with a participant in this country (ISO code); '' for all. */
  readonly country: string
}

/** An incident with the names the table shows. */
export interface IncidentRow {
  readonly incident: Incident
  readonly cityName: string
  readonly keySiteName: string
  readonly keyJurisdiction: string
}

const incidentRowsOf = weakMapMemoize(
  (summary: RunSummary, world: World): readonly IncidentRow[] => {
    const cities = new Map(world.cities.map((c) => [c.id, c.name]))
    const sites = new Map(world.sites.map((s) => [s.id, s]))
    const rows = summary.incidents.map((incident) => {
      const site = sites.get(incident.keySiteId)
      return {
        incident,
        cityName: cities.get(incident.participantCityId) ?? incident.participantCityId,
        keySiteName: site?.city ?? incident.keySiteId,
        keyJurisdiction: site?.jurisdiction ?? '',
      }
    })
    return rows
  },
)

/** The countries of the logged meetings, sorted, for the table's country filter. */
export const incidentCountries = weakMapMemoize((summary: RunSummary): readonly string[] =>
  [...new Set(summary.incidents.flatMap((i) => i.meetingCountries))].sort(),
)

/** The incident log of a finished run, filtered and sorted for the table. */
export function incidentRows(
  summary: RunSummary | null,
  world: World | null,
  query: IncidentQuery,
): readonly IncidentRow[] {
  if (!summary || !world) return []
  const text = query.text.trim().toLowerCase()
  const rows = incidentRowsOf(summary, world).filter(
    (r) =>
      (query.kind === 'all' ||
        (query.kind === 'crossBorder' ? r.incident.isCrossBorder : r.incident.isConcern)) &&
      (query.country === '' || r.incident.meetingCountries.includes(query.country)) &&
      (text === '' ||
        [r.cityName, r.keySiteName, r.keyJurisdiction, r.incident.account, r.incident.cause]
          .concat(r.incident.meetingCountries)
          .join(' ')
          .toLowerCase()
          .includes(text)),
  )
  const key = (r: IncidentRow): string | number =>
    query.sortBy === 'time'
      ? r.incident.timeMinutes
      : query.sortBy === 'city'
        ? r.cityName
        : r.keySiteName
  const sign = query.isDescending ? -1 : 1
  return rows.sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const order =
      typeof ka === 'number' && typeof kb === 'number'
        ? ka - kb
        : String(ka).localeCompare(String(kb))
    return sign * order || a.incident.seq - b.incident.seq
  })
}

/**
 * The logged incidents behind a selection: for a site, those it issued the key for, connected
 * or was tried first; for a city or country, those of its participants; for a route, those on
 * it. The log is sampled when large, so this lists examples, not the total.
 */
export function incidentsForSelection(
  incidents: readonly Incident[],
  selection: Selection | null,
  world: World | null,
): readonly Incident[] {
  if (!selection || !world) return []
  switch (selection.kind) {
    case 'site':
      return incidents.filter(
        (i) =>
          i.keySiteId === selection.id ||
          i.connectedSiteId === selection.id ||
          i.firstPrimarySiteId === selection.id,
      )
    case 'city':
      return incidents.filter(
        (i) => i.participantCityId === selection.id || i.hostCityId === selection.id,
      )
    case 'country': {
      const cities = new Set(
        world.cities.filter((c) => c.country === selection.id).map((c) => c.id),
      )
      return incidents.filter((i) => cities.has(i.participantCityId))
    }
    case 'flow':
      return incidents.filter(
        (i) => i.keySiteId === selection.siteId && i.participantCityId === selection.cityId,
      )
    case 'incident':
      return incidents.filter((i) => isIncidentOf(selection.ref, i))
  }
}

/** One key path of a step: a key site handing keys to a city's participants. */
export interface KeyPathRow {
  readonly siteId: string
  readonly cityId: string
  readonly siteName: string
  readonly cityName: string
  readonly deliveries: number
  /** Deliveries that were an exposure of either kind. */
  readonly exposures: number
  /** Of those, deliveries from a jurisdiction of concern. */
  readonly concern: number
}

/** The most key paths a list offers: enough for a keyboard route, few enough to read. */
export const MAX_KEY_PATHS = 20

const EMPTY_PATHS: readonly KeyPathRow[] = []
const allKeyPaths = weakMapMemoize((step: StepRecord, world: World): readonly KeyPathRow[] =>
  step.flows
    .filter((f) => f.deliveries > 0)
    .map((f) => {
      const site = world.sites[f.siteIndex]
      const city = world.cities[f.cityIndex]
      return {
        siteId: site?.id ?? String(f.siteIndex),
        cityId: city?.id ?? String(f.cityIndex),
        siteName: site?.city ?? String(f.siteIndex),
        cityName: city?.name ?? String(f.cityIndex),
        deliveries: f.deliveries,
        exposures: f.exposures,
        concern: f.concern,
      }
    })
    .sort(
      (a, b) =>
        b.concern - a.concern ||
        b.exposures - a.exposures ||
        b.deliveries - a.deliveries ||
        a.siteName.localeCompare(b.siteName) ||
        a.cityName.localeCompare(b.cityName),
    ),
)

/**
 * The key paths of the step the map shows, for a keyboard route to them: paths with keys from a
 * jurisdiction of concern first, then other exposures, then by keys delivered; at most `limit`.
 * Stable per (step, world, limit).
 */
export function keyPathsAt(
  run: RunState | null,
  minutes: number,
  limit: number = MAX_KEY_PATHS,
): readonly KeyPathRow[] {
  const step = currentStep(run, minutes)
  if (!step || !run?.world) return EMPTY_PATHS
  const all = allKeyPaths(step, run.world)
  if (all.length <= limit) return all
  return limitedPaths(all, limit)
}

const limitedPaths = weakMapMemoize(
  (all: readonly KeyPathRow[], limit: number): readonly KeyPathRow[] =>
    all.slice(0, Math.max(0, limit)),
)

/** A city that received keys in a step, with what it received. */
export interface CityDeliveryRow {
  readonly cityId: string
  readonly cityName: string
  readonly deliveries: number
  readonly exposures: number
  readonly concern: number
}

const EMPTY_CITIES: readonly CityDeliveryRow[] = []

/**
 * Every city whose participants received keys in the step the map shows, ordered like
 * {@link keyPathsAt} (concern, other exposures, keys). Stable per (step, world).
 */
export function citiesWithDeliveriesAt(
  run: RunState | null,
  minutes: number,
): readonly CityDeliveryRow[] {
  const step = currentStep(run, minutes)
  if (!step || !run?.world) return EMPTY_CITIES
  return cityRowsOf(allKeyPaths(step, run.world))
}

const cityRowsOf = weakMapMemoize((paths: readonly KeyPathRow[]): readonly CityDeliveryRow[] => {
  const byCity = new Map<string, CityDeliveryRow>()
  for (const p of paths) {
    const prev = byCity.get(p.cityId)
    byCity.set(p.cityId, {
      cityId: p.cityId,
      cityName: p.cityName,
      deliveries: (prev?.deliveries ?? 0) + p.deliveries,
      exposures: (prev?.exposures ?? 0) + p.exposures,
      concern: (prev?.concern ?? 0) + p.concern,
    })
  }
  const rows = [...byCity.values()].sort(
    (a, b) =>
      b.concern - a.concern ||
      b.exposures - a.exposures ||
      b.deliveries - a.deliveries ||
      a.cityName.localeCompare(b.cityName),
  )
  return rows
})
