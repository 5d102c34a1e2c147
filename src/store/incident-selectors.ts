/**
 * The incident log and key paths as the tables and the keyboard routes list them, filtered and
 * sorted; memoised on the run's summary, world and step.
 */
import { weakMapMemoize } from 'reselect'
import type { Incident, World } from '../sim/model'
import type { RunSummary } from '../worker/protocol'
import { isIncidentOf } from './incident-identity'
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
