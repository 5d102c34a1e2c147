/** Files the user can take away: the incident log as CSV, and a generic download helper. */
import type { World } from '../../sim/model'
import type { RunSummary } from '../../worker/protocol'

const HEADER = [
  'seq',
  'time_utc',
  'meeting',
  'account',
  'host_city',
  'participant_city',
  'participant_country',
  'first_primary_site',
  'primary_attempts',
  'primary_failure',
  'connected_site',
  'key_site',
  'key_jurisdiction',
  'cross_border',
  'concern',
  'meeting_participants',
  'meeting_countries',
  'cause',
]

function cell(value: string | number | boolean): string {
  const text = String(value)
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** The incident log as RFC 4180 CSV, times in UTC ISO form, one row per logged exposure. */
export function incidentsCsv(summary: RunSummary, world: World): string {
  const startMs = Date.parse(`${summary.startDate}T00:00:00Z`)
  const cities = new Map(world.cities.map((c) => [c.id, c]))
  const sites = new Map(world.sites.map((s) => [s.id, s]))
  const rows = summary.incidents.map((i) =>
    [
      i.seq,
      new Date(startMs + i.timeMinutes * 60_000).toISOString(),
      i.meetingId,
      i.account,
      cities.get(i.hostCityId)?.name ?? i.hostCityId,
      cities.get(i.participantCityId)?.name ?? i.participantCityId,
      cities.get(i.participantCityId)?.country ?? '',
      i.firstPrimarySiteId,
      i.primaryAttempts,
      i.primaryFailure,
      i.connectedSiteId,
      i.keySiteId,
      sites.get(i.keySiteId)?.jurisdiction ?? '',
      i.isCrossBorder,
      i.isConcern,
      i.meetingParticipants,
      i.meetingCountries.join(' '),
      i.cause,
    ]
      .map(cell)
      .join(','),
  )
  return [HEADER.join(','), ...rows].join('\r\n') + '\r\n'
}

/** Saves text as a file through a temporary object URL (no network). */
export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }))
  const a = document.createElement('a')
  a.href = url
  a.download = fileName
  a.click()
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
