/**
 * The map's screen-reader summary for the shown step, with what the map aggregates at the current
 * zoom (see flow-aggregation.ts) so a listener, like a viewer, is told about bundled paths.
 */
import { selectMapRun } from '../../store/selectors'
import { useAppStore } from '../store-context'
import { selectExposedCountries, selectMapStep, selectMapStepMinutes } from './draw-list'
import { useAggregationStatement } from './flow-aggregation'
import { mapSummaryText } from './map-summary'

/** The summary paragraph of the map as shown now. */
export function useMapSummaryText(): string {
  const text = mapSummaryText({
    world: useAppStore((s) => selectMapRun(s)?.world ?? null),
    step: useAppStore(selectMapStep),
    stepMinutes: useAppStore(selectMapStepMinutes),
    startDate: useAppStore((s) => selectMapRun(s)?.startDate ?? ''),
    exposedCountries: useAppStore(selectExposedCountries),
  })
  const aggregation = useAggregationStatement()
  return aggregation ? `${text} ${aggregation}` : text
}
