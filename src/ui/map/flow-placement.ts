/**
 * Where the flow layer's canvas stands on the map: its top-left as a layer point, as a place with
 * the zoom it was drawn at, and in world pixels; and where a zoom animation moves it.
 */
import type L from 'leaflet'
import type { CanvasView } from './flow-draw'

// Extra canvas around the viewport, as a share of its size, so a drag reveals drawn arcs
// before the redraw on moveend (as Leaflet's own renderers do).
const PADDING = 0.1

/**
 * Where a picture stands: the canvas's top-left as a layer point, and as a place with the zoom it
 * was drawn at (for zoom animations: layer points move at each zoom), and in world pixels.
 */
export interface Placement {
  readonly topLeft: L.Point
  readonly topLeftLatLng: L.LatLng
  readonly zoom: number
  readonly view: CanvasView
}

/** The placement of a canvas that covers the map's view now, with its padding. */
export function placementOf(map: L.Map): Placement {
  const size = map.getSize()
  const padX = Math.round(size.x * PADDING)
  const padY = Math.round(size.y * PADDING)
  const topLeft = map.containerPointToLayerPoint([-padX, -padY]).round()
  const origin = map.getPixelOrigin().add(topLeft)
  const view: CanvasView = {
    widthPx: size.x + 2 * padX,
    heightPx: size.y + 2 * padY,
    originX: origin.x,
    originY: origin.y,
    scale: map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom(),
  }
  return { topLeft, topLeftLatLng: map.layerPointToLatLng(topLeft), zoom: map.getZoom(), view }
}

/**
 * Where a picture placed at `placed` lands once the map reaches the animation's target zoom and
 * centre, by public API: Leaflet places the new pixel origin at the new centre's projection less
 * half the view, plus the map pane's offset (its own renderers use private helpers).
 */
export function zoomAnimTransform(
  map: L.Map,
  placed: Placement,
  e: L.ZoomAnimEvent,
): { offset: L.Point; scale: number } {
  const scale = map.getZoomScale(e.zoom, placed.zoom)
  const panePos = map.containerPointToLayerPoint([0, 0]).multiplyBy(-1)
  const newPixelOrigin = map
    .project(e.center, e.zoom)
    .subtract(map.getSize().divideBy(2))
    .add(panePos)
    .round()
  const offset = map.project(placed.topLeftLatLng, e.zoom).subtract(newPixelOrigin)
  return { offset, scale }
}

/**
 * Where a picture placed at `placed` stands in the map's view now, scaled to the map's zoom. A jump
 * (a chapter or a framing without animation) makes Leaflet reset its layer points, so the last
 * picture, shown until the next is drawn, must be put back where its places now are.
 */
export function standInTransform(
  map: L.Map,
  placed: Placement,
): { offset: L.Point; scale: number } {
  return {
    offset: map.latLngToLayerPoint(placed.topLeftLatLng),
    scale: map.getZoomScale(map.getZoom(), placed.zoom),
  }
}

/**
 * `placed` moved to the map's current pixel origin when the map is back at its zoom and its
 * canvas still covers the whole view (a zoom back out, a short pan); null when it does not.
 */
export function keptPlacement(map: L.Map, placed: Placement): Placement | null {
  const shown = map.getPixelBounds()
  const { view } = placed
  if (map.getZoom() !== placed.zoom || !shown.min || !shown.max) return null
  const covers =
    view.originX <= shown.min.x &&
    view.originY <= shown.min.y &&
    view.originX + view.widthPx >= shown.max.x &&
    view.originY + view.heightPx >= shown.max.y
  if (!covers) return null
  const origin = map.getPixelOrigin()
  const topLeft = origin.multiplyBy(-1).add([view.originX, view.originY])
  return { ...placed, topLeft }
}
