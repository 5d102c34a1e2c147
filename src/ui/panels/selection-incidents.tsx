import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Incident, World } from '../../sim/model'
import { incidentsForSelection } from '../../store/incident-selectors'
import type { RunState } from '../../store/store'
import type { Selection } from '../../store/url-state'
import { incidentSelectionOf } from '../../store/incident-identity'
import { useAppStore } from '../store-context'
import { accountLabel } from './exposure-text'
import { formatCount, formatShortTime } from './format'

const SHOWN = 12
const NO_INCIDENTS: readonly Incident[] = []

/**
 * The logged exposures behind the selection, each with its cause; a click goes to its moment
 * and selects it (which replaces this list: `onPicked` moves focus somewhere that stays).
 */
export function SelectionIncidents({
  selection,
  run,
  onPicked,
}: {
  selection: Selection
  run: RunState
  onPicked?: () => void
}) {
  const { select, setTime } = useAppStore(
    useShallow((s) => ({ select: s.select, setTime: s.setTime })),
  )
  const incidents = run.summary?.incidents
  const matching = useMemo(
    () => incidentsForSelection(incidents ?? NO_INCIDENTS, selection, run.world),
    [incidents, selection, run.world],
  )
  if (!incidents) return null
  const cities = new Map((run.world as World).cities.map((c) => [c.id, c.name]))
  return (
    <section aria-label="Exposures behind the selection" className="kr-selection-incidents">
      <h4>Exposures behind it</h4>
      {matching.length === 0 ? (
        <p>No logged exposure involves it.</p>
      ) : (
        <>
          <p className="kr-hint">
            {formatCount(matching.length)} of the {formatCount(incidents.length)} logged exposures
            {matching.length > SHOWN ? `; the first ${SHOWN}` : ''}. The log is a sample spread over
            the run; totals are in Figures.
          </p>
          <ol className="kr-incident-list">
            {matching.slice(0, SHOWN).map((i) => (
              <li key={i.seq}>
                <button
                  type="button"
                  className="kr-link-button"
                  onClick={() => {
                    setTime(i.timeMinutes)
                    select(incidentSelectionOf(i))
                    onPicked?.()
                  }}
                >
                  {formatShortTime(run.startDate, i.timeMinutes)} UTC,{' '}
                  {cities.get(i.participantCityId) ?? i.participantCityId}
                </button>{' '}
                ({accountLabel(i.account)}
                {i.isConcern ? ', concern' : ', cross-border'}): {i.cause}
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  )
}
