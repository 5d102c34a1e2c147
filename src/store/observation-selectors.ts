/**
 * Observations as the views need them: placed in the world of the run the map shows, with the
 * minute of the run each falls on, which of them the shown time has reached, every problem by
 * line, and those a briefing chapter's time covers. Memoised, so the map, the table and the
 * captions share one placement.
 */
import { createSelector } from 'reselect'
import type { Chapter } from '../sim/briefing'
import { utcDayMs, utcTimeMs } from '../sim/dates'
import { placeObservations } from '../sim/observations-place'
import type { PlacedObservation } from '../sim/observations-place'
import type { ObservationError } from '../sim/observations'
import type { World } from '../sim/model'
import { selectMapRun, shownStepEndMinutes } from './selectors'
import type { AppState } from './store'

type ObservationState = Pick<
  AppState,
  'run' | 'compare' | 'mapRun' | 'timeMinutes' | 'observationRows' | 'observationReadErrors'
>

/** An observation placed, with the minute of the run it falls on (may lie outside the run). */
export interface ShownObservation {
  readonly observation: PlacedObservation
  /** Minutes since the run's start; negative before it. */
  readonly minutes: number
  /** Whether the run's days include it. */
  readonly isInRun: boolean
}

/** The placed observations and the rows that could not be placed, in line order. */
export interface ObservationsView {
  readonly world: World | null
  readonly items: readonly ShownObservation[]
  readonly errors: readonly ObservationError[]
}

const EMPTY: ObservationsView = { world: null, items: [], errors: [] }

const selectWorld = (s: ObservationState): World | null => selectMapRun(s)?.world ?? null
const selectStart = (s: ObservationState): string => selectMapRun(s)?.startDate ?? ''
const selectRunMinutes = (s: ObservationState): number => {
  const run = selectMapRun(s)
  return run ? run.stepCount * run.stepMinutes : 0
}

/** The observations placed in the map run's world, sorted by time (ties in line order). */
export const selectObservations = createSelector(
  [
    (s: ObservationState) => s.observationRows,
    (s: ObservationState) => s.observationReadErrors,
    selectWorld,
    selectStart,
    selectRunMinutes,
  ],
  (rows, readErrors, world, startDate, runMinutes): ObservationsView => {
    if (rows.length === 0 && readErrors.length === 0) return EMPTY
    if (!world) return { world, items: [], errors: readErrors }
    const placed = placeObservations(rows, world)
    const startMs = utcDayMs(startDate)
    const items = placed.observations
      .map((observation) => {
        const minutes = (observation.timeMs - startMs) / 60_000
        return { observation, minutes, isInRun: minutes >= 0 && minutes < runMinutes }
      })
      .sort((a, b) => a.minutes - b.minutes || a.observation.line - b.observation.line)
    const errors = [...readErrors, ...placed.errors].sort((a, b) => a.line - b.line)
    return { world, items, errors }
  },
)

/**
 * How many of the (time-sorted) observations the shown time has reached: those before the end
 * of the step on screen. A number, so a view redraws only when one more is reached.
 */
export function selectReachedObservations(s: ObservationState): number {
  const end = shownStepEndMinutes(selectMapRun(s), s.timeMinutes)
  if (end === null) return 0
  const { items } = selectObservations(s)
  let count = 0
  while (count < items.length && (items[count] as ShownObservation).minutes < end) count++
  return count
}

/**
 * The observations a chapter's time covers: those within its range, or on the UTC day of its
 * time (an observation often gives only a date).
 */
export function chapterObservations(
  items: readonly ShownObservation[],
  view: Pick<Chapter['view'], 'time' | 'range'>,
): readonly PlacedObservation[] {
  let from: number
  let to: number
  if (view.range) {
    from = utcTimeMs(view.range.from)
    to = utcTimeMs(view.range.to)
  } else if (view.time) {
    from = utcDayMs(view.time.slice(0, 10))
    to = from + 86_400_000 - 1
  } else return []
  return items.map((i) => i.observation).filter((o) => o.timeMs >= from && o.timeMs <= to)
}
