import { memo, useEffect, useMemo, useState } from 'react'
import type { StepRecord, World } from '../../sim/model'
import { currentStep, selectMapRun } from '../../store/selectors'
import { CHART_REDRAW_MS, useThrottled } from '../charts/use-throttled-run'
import {
  MAX_CITY_ROWS,
  MAX_KEY_PATHS,
  citiesWithDeliveriesOf,
  keyPathsOf,
} from '../../store/key-paths'
import type { CityDeliveries, KeyPathRow } from '../../store/key-paths'
import type { Selection } from '../../store/url-state'
import { useAppStore } from '../store-context'
import { formatCount } from './format'

const isSame = (a: Selection | null, b: Selection): boolean =>
  a !== null && JSON.stringify(a) === JSON.stringify(b)

/** A step with its run's world and step length, so they always change together. */
interface ShownStep {
  readonly world: World | null
  readonly step: StepRecord | null
  readonly stepMinutes: number
}

// Only "no step" passes at once: there are no lists to work out for it.
const isNone = ({ step }: ShownStep): boolean => step === null

const NO_PATHS: readonly KeyPathRow[] = []
const NO_CITIES: CityDeliveries = { rows: [], total: 0 }

/** A step's lists, with the step they were worked out for. */
interface Lists {
  readonly from: ShownStep
  readonly paths: readonly KeyPathRow[]
  readonly cities: CityDeliveries
}

function listsOf(from: ShownStep): Lists {
  const { world, step } = from
  return {
    from,
    paths: world && step ? keyPathsOf(step, world, MAX_KEY_PATHS) : NO_PATHS,
    cities: world && step ? citiesWithDeliveriesOf(step, world, MAX_CITY_ROWS) : NO_CITIES,
  }
}

/**
 * The lists of `shown`, worked out in a task of their own (a timer's) before the render that shows
 * them: at the 200 x 5,000 world's busy steps, the two lists and their render took 25-44 ms in one
 * task, profiled, the first times they ran. On mount they are worked out at once.
 */
function useListsLater(shown: ShownStep): Lists {
  const [lists, setLists] = useState(() => listsOf(shown))
  useEffect(() => {
    if (lists.from === shown) return
    const timer = setTimeout(() => setLists(listsOf(shown)), 0)
    return () => clearTimeout(timer)
  }, [shown, lists])
  return lists
}

/**
 * The shown step's key paths and the cities they reach, as buttons: the keyboard's way to what
 * the map draws (the map's flows and city dots answer only to a pointer).
 */
export function KeyPaths() {
  // The lists follow the shown step at most twice a second, worked out in a timer's task and
  // shown in a render of their own. Rendered with each snapshot, they made the task that took it
  // 100-180 ms in the 200 x 5,000 world; deferred, they still ran in such a task when profiled:
  // React redoes a deferred render as a blocking one when the store changes during it, which a
  // streaming run does several times a second. The list component is memoised: a render that
  // changes neither the lists nor the selection skips it.
  const run = useAppStore(selectMapRun)
  const world = run?.world ?? null
  const runStepMinutes = run?.stepMinutes ?? 60
  const liveStep = useAppStore((s) => currentStep(selectMapRun(s), s.timeMinutes))
  const live = useMemo(
    (): ShownStep => ({ world, step: liveStep, stepMinutes: runStepMinutes }),
    [world, liveStep, runStepMinutes],
  )
  const { from, paths, cities } = useListsLater(useThrottled(live, CHART_REDRAW_MS, isNone))
  const selection = useAppStore((s) => s.selection)
  const select = useAppStore((s) => s.select)
  return (
    <KeyPathLists
      paths={paths}
      cities={cities}
      stepMinutes={from.stepMinutes}
      selection={selection}
      select={select}
    />
  )
}

interface KeyPathListsProps {
  readonly paths: readonly KeyPathRow[]
  readonly cities: CityDeliveries
  readonly stepMinutes: number
  readonly selection: Selection | null
  readonly select: (selection: Selection | null) => void
}

const KeyPathLists = memo(function KeyPathLists({
  paths,
  cities,
  stepMinutes,
  selection,
  select,
}: KeyPathListsProps) {
  const span = stepMinutes === 60 ? 'this hour' : 'in this step'
  return (
    <section aria-labelledby="kr-paths-h" className="kr-card">
      <h2 id="kr-paths-h">Key paths {span}</h2>
      {paths.length === 0 ? (
        <p className="kr-hint">No keys were delivered {span}.</p>
      ) : (
        <>
          <p className="kr-hint">
            Key site → participants’ city, paths with keys from a jurisdiction of concern first
            {cities.total > paths.length ? `; the top ${paths.length}` : ''}.
          </p>
          <ul className="kr-path-list">
            {paths.map((p) => {
              const flow: Selection = { kind: 'flow', siteId: p.siteId, cityId: p.cityId }
              return (
                <li
                  key={`${p.siteId}>${p.cityId}`}
                  className={p.exposures > 0 ? 'kr-path-exposed' : undefined}
                >
                  <button
                    type="button"
                    className="kr-link-button"
                    aria-pressed={isSame(selection, flow)}
                    onClick={() => select(flow)}
                  >
                    {p.siteName} → {p.cityName}: {formatCount(p.deliveries)}{' '}
                    {p.deliveries === 1 ? 'key' : 'keys'}
                    {p.exposures > 0 ? `, ${formatCount(p.exposures)} exposed` : ''}
                    {p.concern > 0 && p.concern < p.exposures
                      ? ` (${formatCount(p.concern)} from a jurisdiction of concern)`
                      : ''}
                  </button>
                </li>
              )
            })}
          </ul>
          <h3 className="kr-subhead" id="kr-path-cities-h">
            Cities receiving keys {span}
          </h3>
          {cities.total > cities.rows.length ? (
            <p className="kr-hint">
              The first {formatCount(cities.rows.length)} of {formatCount(cities.total)}, in the
              same order.
            </p>
          ) : null}
          <ul className="kr-city-chips" aria-labelledby="kr-path-cities-h">
            {cities.rows.map((c) => {
              const city: Selection = { kind: 'city', id: c.cityId }
              return (
                <li key={c.cityId}>
                  <button
                    type="button"
                    className={c.exposures > 0 ? 'kr-chip kr-chip-exposed' : 'kr-chip'}
                    aria-pressed={isSame(selection, city)}
                    aria-label={`${c.cityName}: ${formatCount(c.deliveries)} ${c.deliveries === 1 ? 'key' : 'keys'}${c.exposures > 0 ? `, ${formatCount(c.exposures)} exposed` : ''}`}
                    onClick={() => select(city)}
                  >
                    {c.cityName}
                  </button>
                </li>
              )
            })}
          </ul>
        </>
      )}
    </section>
  )
})
