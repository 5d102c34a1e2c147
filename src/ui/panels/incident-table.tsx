import { useId, useMemo, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { incidentSelectionOf, isSelectedIncident } from '../../store/incident-identity'
import { selectMapRun, shownPolicyLabel } from '../../store/selectors'
import { incidentCountries, incidentRows } from '../../store/incident-selectors'
import type { IncidentQuery } from '../../store/incident-selectors'
import { useAppStore } from '../store-context'
import { accountLabel } from './exposure-text'
import { downloadText } from './export'
import { incidentsCsv, runFileStem } from '../../sim/exports'
import { SortIcon } from '../controls/icons'
import { formatCount, formatShortTime } from './format'
import { ObservedRows } from './observed-rows'
import { RunHeading } from './run-heading'

const PAGE = 100

const COLUMNS: ReadonlyArray<readonly [IncidentQuery['sortBy'], string]> = [
  ['time', 'Time (UTC)'],
  ['city', 'Participant city'],
  ['keySite', 'Key site'],
]

/**
 * How many incidents the table lists: "1,526 incidents", "Showing the first 100 of 1,526
 * incidents", and with a filter "12 of 1,526 incidents match".
 */
export function shownText(matching: number, total: number, limit: number): string {
  const isFiltered = matching !== total
  if (matching > limit)
    return isFiltered
      ? `Showing the first ${formatCount(limit)} of ${formatCount(matching)} matching incidents (${formatCount(total)} in the log).`
      : `Showing the first ${formatCount(limit)} of ${formatCount(total)} incidents.`
  return isFiltered
    ? `${formatCount(matching)} of ${formatCount(total)} incidents match.`
    : `${formatCount(total)} ${total === 1 ? 'incident' : 'incidents'}.`
}

/**
 * The exposure log of the run the map shows: sortable, filterable; a row selects the incident
 * and moves the clock.
 */
export function IncidentTable() {
  const { summary, world, startDate, policyLabel, selection, select, setTime, pause } = useAppStore(
    useShallow((s) => ({
      summary: selectMapRun(s)?.summary ?? null,
      world: selectMapRun(s)?.world ?? null,
      startDate: selectMapRun(s)?.startDate ?? '',
      policyLabel: shownPolicyLabel(s),
      selection: s.selection,
      select: s.select,
      setTime: s.setTime,
      pause: s.pause,
    })),
  )
  const [query, setQuery] = useState<IncidentQuery>({
    sortBy: 'time',
    isDescending: false,
    text: '',
    kind: 'all',
    country: '',
  })
  const [limit, setLimit] = useState(PAGE)
  const rows = useMemo(() => incidentRows(summary, world, query), [summary, world, query])
  const filterId = useId()
  const kindId = useId()
  const countryId = useId()

  if (!summary) return <p role="status">The incident log appears when the run finishes.</p>

  const sortBy = (key: IncidentQuery['sortBy']): void =>
    setQuery((q) => ({ ...q, sortBy: key, isDescending: q.sortBy === key && !q.isDescending }))

  return (
    <section aria-labelledby="kr-incidents-h" className="kr-card">
      <RunHeading id="kr-incidents-h" title="Key exposures" policyLabel={policyLabel} />
      <p className="kr-hint">
        {summary.incidents.length < summary.totals.exposedDeliveries
          ? 'A sample spread evenly over the run'
          : 'Every exposure of the run'}
        : a participant received the meeting key from a site outside its allowed regions or in a
        jurisdiction of concern.
      </p>
      <div className="kr-filters">
        <div className="kr-field">
          <label htmlFor={filterId}>Filter incidents</label>
          <input
            id={filterId}
            type="search"
            value={query.text}
            placeholder="City, site, cause…"
            onChange={(e) => {
              setLimit(PAGE)
              setQuery((q) => ({ ...q, text: e.target.value }))
            }}
          />
        </div>
        <div className="kr-field">
          <label htmlFor={kindId}>Kind</label>
          <select
            id={kindId}
            value={query.kind}
            onChange={(e) => {
              setLimit(PAGE)
              setQuery((q) => ({ ...q, kind: e.target.value as IncidentQuery['kind'] }))
            }}
          >
            <option value="all">All</option>
            <option value="crossBorder">Cross-border</option>
            <option value="concern">Jurisdiction of concern</option>
          </select>
        </div>
        <div className="kr-field">
          <label htmlFor={countryId}>Meeting country</label>
          <select
            id={countryId}
            value={query.country}
            onChange={(e) => {
              setLimit(PAGE)
              setQuery((q) => ({ ...q, country: e.target.value }))
            }}
          >
            <option value="">All</option>
            {incidentCountries(summary).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
      </div>
      <p role="status" className="kr-hint">
        {shownText(rows.length, summary.incidents.length, limit)}
      </p>
      <div className="kr-table-scroll">
        <table className="kr-table kr-incidents">
          <thead>
            <tr>
              {COLUMNS.map(([key, label]) => (
                <th
                  key={key}
                  scope="col"
                  aria-sort={
                    query.sortBy === key
                      ? query.isDescending
                        ? 'descending'
                        : 'ascending'
                      : 'none'
                  }
                >
                  <button type="button" className="kr-sort" onClick={() => sortBy(key)}>
                    {label}
                    {query.sortBy === key && (
                      <>
                        {' '}
                        <SortIcon isDescending={query.isDescending} />
                      </>
                    )}
                  </button>
                </th>
              ))}
              <th scope="col">Meeting countries</th>
              <th scope="col">Kind and cause</th>
            </tr>
          </thead>
          <tbody>
            <ObservedRows />
            {rows.slice(0, limit).map((r) => (
              <tr
                key={r.incident.seq}
                aria-selected={isSelectedIncident(selection, r.incident)}
                className={isSelectedIncident(selection, r.incident) ? 'kr-selected' : undefined}
                onClick={() => {
                  pause()
                  select(incidentSelectionOf(r.incident))
                  setTime(r.incident.timeMinutes)
                }}
              >
                <td>
                  <button
                    type="button"
                    className="kr-link-button"
                    aria-label={`Select the exposure of a ${r.cityName} participant, key from ${r.keySiteName}, ${formatShortTime(startDate, r.incident.timeMinutes)} UTC`}
                  >
                    {formatShortTime(startDate, r.incident.timeMinutes)}
                  </button>
                </td>
                <td>{r.cityName}</td>
                <td>
                  {r.keySiteName} ({r.keyJurisdiction})
                </td>
                <td>{r.incident.meetingCountries.join(', ')}</td>
                <td className="kr-cause-cell">
                  {r.incident.isConcern ? (
                    <span
                      className="kr-tag kr-tag-exposed"
                      title={
                        r.incident.isCrossBorder ? 'Also outside the allowed regions' : undefined
                      }
                    >
                      Concern
                    </span>
                  ) : (
                    <span className="kr-tag">Cross-border</span>
                  )}
                  <span className="kr-account"> · {accountLabel(r.incident.account)}</span>{' '}
                  <span className="kr-cause-text">{r.incident.cause}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {rows.length > limit && (
        <button type="button" onClick={() => setLimit((l) => l + PAGE * 5)}>
          Show more incidents
        </button>
      )}
      {world && (
        <button
          type="button"
          onClick={() =>
            downloadText(
              `${runFileStem(summary.scenarioId, summary.seed, summary.initialPolicy)}-incidents.csv`,
              incidentsCsv(summary, world),
              'text/csv',
            )
          }
        >
          Download the incident log (CSV)
        </button>
      )}
    </section>
  )
}
