/**
 * Leaflet's SVG renderer writes the `d` of every path it holds at the end of each zoom and of
 * each pan, whether or not the outline changed: an off-screen world copy's empty 'M0 0', a marker
 * a pan did not move. Its `setStyle` writes every style attribute of a path, changed or not, and
 * the map restyles all its markers when a step changes their shading. Chromium restyles every SVG
 * path written to, and a 200-site world holds 687 marker paths on three world copies (the
 * countries, 528 paths more, were SVG too until they became one canvas, basemap-layer.ts): a
 * zoom's end spent about 30 ms restyling outlines that had not changed. Leaflet has no option for
 * this; its documented `include` lets the renderer skip writes that change nothing.
 *
 * A view set without animation (a run's framing, a chapter's) ends with zoomend, moveend and
 * viewreset in one task. On zoomend the renderer projects every path for the new view, on moveend
 * it draws them all, and on viewreset it draws them all again, then projects and draws each once
 * more: two projections and three drawings of every marker, where one of each is the view. Here
 * a renderer answers those events by drawing the view once, in a task of its own, and meanwhile
 * moves and scales its last drawing onto the new view, as Leaflet does while a zoom is animated.
 * In the 200-site stress world (countries and sites then both SVG) the framing's task took 24 to
 * 49 ms (median 42) with the three drawings and 14 to 27 (median 17) with one; the sites'
 * renderer (1 to 8 ms) projects in a task after it, and draws in the task after that.
 */
import L from 'leaflet'
import type { PathOptions } from 'leaflet'

interface RenderedPath {
  readonly _path?: SVGElement
  readonly options: PathOptions
}

type UpdateStyle = (this: L.SVG, layer: RenderedPath) => void

/** The parts of Leaflet's renderer (its private methods) a view reset is made of. */
interface RendererInternals {
  readonly options: L.RendererOptions
  readonly _map: L.Map | undefined
  readonly _center: L.LatLng
  readonly _zoom: number
  _updateTransform(center: L.LatLng, zoom: number): void
}

type RendererStep = (this: RendererInternals) => void

let isInstalled = false
// What was last written to each path: its `d` (reading it back with getAttribute cost 5 ms a
// zoom), and the style options its attributes were written from.
const writtenPaths = new WeakMap<SVGElement, string>()
const writtenStyles = new WeakMap<SVGElement, string>()

/** The options Leaflet's SVG renderer writes a path's style attributes from, as one string. */
function styleKeyOf(o: PathOptions): string {
  return [
    o.stroke,
    o.color,
    o.opacity,
    o.weight,
    o.lineCap,
    o.lineJoin,
    o.dashArray,
    o.dashOffset,
    o.fill,
    o.fillColor,
    o.fillOpacity,
    o.fillRule,
  ].join('|')
}

/** Where a renderer's paths were last projected to (zoom, pixel origin) and drawn for (bounds). */
const projectedViews = new WeakMap<object, string>()
const drawnViews = new WeakMap<object, string>()

/** The view a renderer's paths are projected to: the map's zoom and pixel origin. */
function projectionOf(map: L.Map): string {
  const origin = map.getPixelOrigin()
  return `${map.getZoom()} ${origin.x} ${origin.y}`
}

/**
 * The view a renderer's paths are drawn for: their projection and the part of the layer plane the
 * renderer clips them to (the map's size plus the renderer's padding, as Leaflet works it out).
 */
function drawingOf(renderer: RendererInternals, map: L.Map): string {
  const size = map.getSize()
  const min = map.containerPointToLayerPoint(size.multiplyBy(-(renderer.options.padding ?? 0)))
  return `${projectionOf(map)} ${Math.round(min.x)} ${Math.round(min.y)} ${size.x} ${size.y}`
}

/** The renderers whose new view is drawn in a task to come. */
const pendingDrawings = new WeakSet<object>()

/**
 * Projects a renderer's paths for the map's view if they are not, or else draws them for it if
 * they are not: the renderer's zoomend, then its moveend, each skipped where done already.
 * Returns whether the drawing is still to do.
 */
function drawView(
  renderer: RendererInternals,
  project: RendererStep,
  update: RendererStep,
): boolean {
  const map = renderer._map
  // A zoom animated meanwhile ends with events of its own, which draw its view.
  if (!map || (map as unknown as { _animatingZoom?: boolean })._animatingZoom) return false
  const projection = projectionOf(map)
  if (projectedViews.get(renderer) !== projection) {
    project.call(renderer)
    projectedViews.set(renderer, projection)
    return true
  }
  const drawing = drawingOf(renderer, map)
  if (drawnViews.get(renderer) === drawing) {
    // Drawn for this view: only the scaling of the meanwhile goes.
    renderer._updateTransform(renderer._center, renderer._zoom)
    return false
  }
  update.call(renderer)
  drawnViews.set(renderer, drawing)
  return false
}

/** Makes Leaflet's SVG renderer write a path's outline and style only when they change. */
export function writeSvgPathsOnlyWhenChanged(): void {
  if (isInstalled) return
  isInstalled = true
  const svg = L.SVG.prototype as unknown as Record<string, unknown>
  const updateStyle = svg._updateStyle as UpdateStyle
  const getEvents = svg.getEvents as (this: L.SVG) => Record<string, L.LeafletEventHandlerFn>
  const onZoomEnd = svg._onZoomEnd as RendererStep
  const update = svg._update as RendererStep
  L.SVG.include({
    getEvents(this: L.SVG & { _drawViewSoon: L.LeafletEventHandlerFn }) {
      // Leaflet calls these with the renderer as `this`.
      const later = this._drawViewSoon
      return { ...getEvents.call(this), zoomend: later, moveend: later, viewreset: later }
    },
    _drawViewSoon(this: RendererInternals & { _drawViewSoon(): void }): void {
      const map = this._map
      if (!map) return
      // Until it is drawn, the last drawing is moved and scaled onto the view.
      this._updateTransform(map.getCenter(), map.getZoom())
      if (pendingDrawings.has(this)) return
      pendingDrawings.add(this)
      setTimeout(() => {
        pendingDrawings.delete(this)
        // Projected in one task, drawn in the next: the countries' renderer took up to 37 ms for
        // both in one (200-site stress world, untraced).
        if (drawView(this, onZoomEnd, update)) this._drawViewSoon()
      }, 0)
    },
    _setPath(layer: RenderedPath, d: string): void {
      const path = layer._path
      if (!path || writtenPaths.get(path) === d) return
      writtenPaths.set(path, d)
      path.setAttribute('d', d)
    },
    _updateStyle(this: L.SVG, layer: RenderedPath): void {
      const path = layer._path
      if (!path) return
      const key = styleKeyOf(layer.options)
      if (writtenStyles.get(path) === key) return
      writtenStyles.set(path, key)
      updateStyle.call(this, layer)
    },
  })
}
