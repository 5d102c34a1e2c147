/**
 * The pointer over the basemap's countries. The tooltip of a shaded country: how many exposed
 * keys reached its participants at the shown step and so far, from which jurisdictions, and the
 * most common logged cause; a click selects the country. An arc, a city or a data-center marker
 * under the pointer has its own tooltip and click, and wins.
 */
import { selectMapRun } from '../../store/selectors'
import { selectMapStepIndex } from './draw-list'
import type L from 'leaflet'
import { aboveTooltip } from './map-tooltip'
import { useEffect } from 'react'
import type { RefObject } from 'react'
import type { AppStore } from '../../store/store'
import { isOnBasemap } from './basemap-layer'
import type { BasemapLayer } from './basemap-layer'
import { countryName } from './country-name'
import { countryCountsOf, countryCountsUpTo } from './country-symbols'
import type { FlowLayer } from './flow-layer'
import { countryTooltipLines } from './map-causes'
import { siteUnder } from './mark-layer'

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

/**
 * The pointer over the basemap: {@link describeCountry} follows it, a pointing hand shows over a
 * country, a marker, an arc or a city, and a click selects the country under it (or clears the
 * selection over the sea). A data-center marker, or an arc or city of the flow layer, under the
 * pointer takes the hover and the click.
 */
export function useCountryPointer(
  map: L.Map,
  store: AppStore,
  flowLayerRef: RefObject<FlowLayer | null>,
  basemapRef: RefObject<BasemapLayer | null>,
): void {
  useEffect(() => {
    const tooltip = aboveTooltip(-10)
    let shown: string | null = null
    const close = (): void => {
      shown = null
      map.closeTooltip(tooltip)
    }
    // What a pointer event on the basemap is over: a data-center marker, or an arc or city of
    // the flow layer (each takes the hover and the click), else a country (alpha-2) or the sea.
    // Null off the basemap.
    const pointed = (
      e: L.LeafletMouseEvent,
    ): { isTaken: boolean; country: string | null } | null => {
      if (!isOnBasemap(e.originalEvent.target)) return null
      const p = e.containerPoint
      if (siteUnder(map, p) || flowLayerRef.current?.hitAt(p))
        return { isTaken: true, country: null }
      return { isTaken: false, country: basemapRef.current?.countryAt(p) || null }
    }
    const onMove = (e: L.LeafletMouseEvent): void => {
      const over = pointed(e)
      const target = e.originalEvent.target
      // The hand shows over a country, a marker, an arc or a city: set on the basemap's canvas,
      // which has nothing inside, where set on the map's box it restyled every label under it.
      if (over && target instanceof HTMLElement) {
        const cursor = over.isTaken || over.country ? 'pointer' : ''
        if (target.style.cursor !== cursor) target.style.cursor = cursor
      }
      const country = over?.country ?? null
      if (!country) return close()
      if (country !== shown) {
        const content = describeCountry(store, country)
        if (!content) return close()
        tooltip.setContent(content)
        shown = country
      }
      tooltip.setLatLng(e.latlng)
      if (!map.hasLayer(tooltip)) map.openTooltip(tooltip)
    }
    // The flow layer leaves a click on the basemap to this.
    const onClick = (e: L.LeafletMouseEvent): void => {
      const over = pointed(e)
      if (!over || over.isTaken) return
      store.getState().select(over.country ? { kind: 'country', id: over.country } : null)
    }
    // The step may change under a still pointer: the next move describes it afresh.
    const unsubscribe = store.subscribe((state, prev) => {
      if (state.timeMinutes !== prev.timeMinutes || state.run !== prev.run) close()
    })
    map.on('mousemove', onMove)
    map.on('mouseout', close)
    map.on('click', onClick)
    return () => {
      unsubscribe()
      map.off('mousemove', onMove)
      map.off('mouseout', close)
      map.off('click', onClick)
      close()
    }
  }, [map, store, flowLayerRef, basemapRef])
}
