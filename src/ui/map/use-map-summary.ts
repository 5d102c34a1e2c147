/**
 * The map's screen-reader summary for the shown step, with what the map aggregates at the current
 * zoom (see flow-aggregation.ts) so a listener, like a viewer, is told about bundled paths.
 */
import { useDeferredValue, useMemo } from 'react'
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import { selectExposedCountries, selectMapStep, selectMapStepMinutes } from './draw-list'
import { useAggregationStatement } from './flow-aggregation'
import { mapSummaryText } from './map-summary'

/** The summary paragraph of the map as shown now. */
export function useMapSummaryText(): string {
  // A step's text reads every flow of it: written in a later render than the step's arrival.
  const world = useDeferredValue(useAppStore((s) => selectMapRun(s)?.world ?? null))
  const step = useDeferredValue(useAppStore(selectMapStep))
  const stepMinutes = useAppStore(selectMapStepMinutes)
  const startDate = useAppStore((s) => selectMapRun(s)?.startDate ?? '')
  const exposedCountries = useAppStore(selectExposedCountries)
  // The map re-renders for many reasons while a run streams; the text reads a whole step.
  const text = useMemo(
    () => mapSummaryText({ world, step, stepMinutes, startDate, exposedCountries }),
    [world, step, stepMinutes, startDate, exposedCountries],
  )
  const aggregation = useAggregationStatement()
  return aggregation ? `${text} ${aggregation}` : text
}
