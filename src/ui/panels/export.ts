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

// A spreadsheet runs a cell that starts with one of these as a formula (full-width forms too).
const FORMULA_START = /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/

/**
 * One RFC 4180 cell. Text that a spreadsheet would run as a formula gets a leading ' and
 * quotes, so opening the export never executes a name from an imported file. Numbers we
 * computed are written as they are.
 */
export function csvCell(value: string | number | boolean): string {
  const text = String(value)
  const isFormula = typeof value === 'string' && FORMULA_START.test(text)
  const safe = isFormula ? `'${text}` : text
  return isFormula || /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
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
      .map(csvCell)
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
