/**
 * What a click on the flow layer does: a city or a key path is selected, a bundle is zoomed into
 * (enough to split most bundles), and a click on nothing clears the selection; one on the basemap
 * is left to the country pointer, which selects the country under it or clears the selection.
 */
import type L from 'leaflet'
import { selectMapRun } from '../../store/selectors'
import type { AppStore } from '../../store/store'
import type { Selection } from '../../store/url-state'
import type { FlowHit } from './flow-draw'
import { isOnBasemap } from './basemap-layer'

// Zoom levels a click on a bundle adds, enough to split most bundles.
const BUNDLE_CLICK_ZOOM = 2

/** Acts on a click at `e` over `hit` (null: nothing of the layer under the pointer). */
export function clickFlowHit(
  store: AppStore,
  map: L.Map | undefined,
  hit: FlowHit | null,
  e: L.LeafletMouseEvent,
): void {
  const select = (selection: Selection | null): void => store.getState().select(selection)
  const world = selectMapRun(store.getState())?.world
  if (hit && world) {
    if (hit.kind === 'city') {
      const city = world.cities[hit.cityIndex]
      if (city) select({ kind: 'city', id: city.id })
    } else if ('bundle' in hit.arc) {
      map?.setView(e.latlng, Math.min(map.getMaxZoom(), map.getZoom() + BUNDLE_CLICK_ZOOM))
    } else {
      const site = world.sites[hit.arc.siteIndex]
      const city = world.cities[hit.arc.cityIndex]
      if (site && city) select({ kind: 'flow', siteId: site.id, cityId: city.id })
    }
    return
  }
  // A marker's click is its own (an observation's), and one on the basemap is the
  // country pointer's (country-hover.ts).
  const target = e.originalEvent.target
  if (target instanceof Element && target.classList.contains('leaflet-interactive')) return
  if (isOnBasemap(target)) return
  select(null)
}
