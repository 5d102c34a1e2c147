/**
 * The tooltip of a shaded country: how many exposed keys reached its participants at the shown
 * step and so far, from which jurisdictions, and the most common logged cause. Follows the
 * pointer over the basemap; an arc, a city or a data-center marker under the pointer has its own
 * tooltip and wins.
 */
import { selectMapRun } from '../../store/selectors'
import { selectMapStepIndex } from './draw-list'
import L from 'leaflet'
import type { Feature } from 'geojson'
import { useEffect } from 'react'
import type { RefObject } from 'react'
import type { AppStore } from '../../store/store'
import { ISO_NUMERIC_TO_ALPHA2 } from './basemap'
import { countryName } from './country-name'
import { countryCountsOf, countryCountsUpTo } from './country-symbols'
import type { FlowLayer } from './flow-layer'
import { countryTooltipLines } from './map-causes'

/**
 * The country (ISO alpha-2) whose basemap path is `target`. Map events name the map as their
 * source, not the path's layer, so paths are looked up in a table of the basemap's layers,
 * rebuilt when a path is not in it (the basemap loads late and re-renders).
 */
function countryLookup(map: L.Map): (target: EventTarget | null) => string | null {
  let byPath = new WeakMap<Element, string>()
  const rebuild = (): void => {
    byPath = new WeakMap()
    map.eachLayer((layer) => {
      const feature = (layer as { feature?: Feature }).feature
      const code = feature ? ISO_NUMERIC_TO_ALPHA2[String(feature.id ?? '')] : undefined
      const el = layer instanceof L.Path ? layer.getElement() : undefined
      if (code && el) byPath.set(el, code)
    })
  }
  return (target) => {
    if (!(target instanceof Element) || !target.closest('.leaflet-kr-countries-pane')) return null
    if (!byPath.has(target)) rebuild()
    return byPath.get(target) ?? null
  }
}

/** Builds the tooltip's content for `country`, or null when no exposed key reached it so far. */
export function describeCountry(store: AppStore, country: string): HTMLElement | null {
  const state = store.getState()
  const run = selectMapRun(state)
  const stepIndex = selectMapStepIndex(state)
  const world = run?.world
  const step = run?.steps[stepIndex] ?? null
  if (!run || !world || !step) return null
  const soFar = countryCountsUpTo(world, run.steps, stepIndex).find((c) => c.country === country)
  if (!soFar) return null
  const lines = countryTooltipLines({
    world,
    country,
    step,
    summary: run.summary,
    stepMinutes: run.stepMinutes,
    thisStep: countryCountsOf(world, step).find((c) => c.country === country),
    soFar,
  })
  const el = document.createElement('div')
  el.append(Object.assign(document.createElement('strong'), { textContent: countryName(country) }))
  for (const line of lines)
    el.append(Object.assign(document.createElement('div'), { textContent: line }))
  return el
}

/** Shows {@link describeCountry} under the pointer on `map`. */
export function useCountryHover(
  map: L.Map,
  store: AppStore,
  flowLayerRef: RefObject<FlowLayer | null>,
): void {
  useEffect(() => {
    const tooltip = L.tooltip({ direction: 'top', offset: [0, -10], className: 'kr-map-tooltip' })
    const countryUnder = countryLookup(map)
    let shown: string | null = null
    const close = (): void => {
      shown = null
      map.closeTooltip(tooltip)
    }
    const onMove = (e: L.LeafletMouseEvent): void => {
      const target = e.originalEvent.target
      const country = countryUnder(target)
      if (
        !country ||
        (target instanceof Element && target.closest('.leaflet-kr-sites-pane')) ||
        flowLayerRef.current?.hitAt(e.containerPoint)
      )
        return close()
      if (country !== shown) {
        const content = describeCountry(store, country)
        if (!content) return close()
        tooltip.setContent(content)
        shown = country
      }
      tooltip.setLatLng(e.latlng)
      if (!map.hasLayer(tooltip)) map.openTooltip(tooltip)
    }
    // The step may change under a still pointer: the next move describes it afresh.
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.timeMinutes !== prev.timeMinutes || state.run !== prev.run) close()
    })
    map.on('mousemove', onMove)
    map.on('mouseout', close)
    return () => {
      unsubscribe()
      map.off('mousemove', onMove)
      map.off('mouseout', close)
      close()
    }
  }, [map, store, flowLayerRef])
}
