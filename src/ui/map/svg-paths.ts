/**
 * Leaflet's SVG renderer writes the `d` of every path it holds at the end of each zoom and of
 * each pan, whether or not the outline changed: an off-screen world copy's empty 'M0 0', a marker
 * a pan did not move. Its `setStyle` writes every style attribute of a path, changed or not, and
 * the map restyles all its countries and markers when a step changes their shading. Chromium
 * restyles every SVG path written to, and a 200-site world holds over a thousand (markers and
 * countries on three world copies): a zoom's end spent about 30 ms restyling outlines that had
 * not changed, and a change of shading 12 ms rewriting the styles of 528 countries. Leaflet has no
 * option for this; its documented `include` lets the renderer skip writes that change nothing.
 *
 * A view set without animation (a run's framing, a chapter's) ends with zoomend, moveend and
 * viewreset in one task. On zoomend the renderer projects every path for the new view, on moveend
 * it draws them all, and on viewreset it draws them all again, then projects and draws each once
 * more: two projections and three drawings of every country and marker, where one of each is the
 * view. The same `include` lets the view reset do only what the zoomend and moveend before it
 * have not done for the view it resets to: in the 200-site stress world the framing's task took
 * 24 to 49 ms (median 42) before, and 14 to 27 (median 17) after.
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

/** Makes Leaflet's SVG renderer write a path's outline and style only when they change. */
export function writeSvgPathsOnlyWhenChanged(): void {
  if (isInstalled) return
  isInstalled = true
  const svg = L.SVG.prototype as unknown as Record<string, unknown>
  const updateStyle = svg._updateStyle as UpdateStyle
  const onZoomEnd = svg._onZoomEnd as RendererStep
  const updatePaths = svg._updatePaths as RendererStep
  const reset = svg._reset as RendererStep
  L.SVG.include({
    _onZoomEnd(this: RendererInternals): void {
      onZoomEnd.call(this)
      if (this._map) projectedViews.set(this, projectionOf(this._map))
    },
    _updatePaths(this: RendererInternals): void {
      updatePaths.call(this)
      const map = this._map
      // Paths are drawn for the view only where they were projected to it.
      if (map && projectedViews.get(this) === projectionOf(map))
        drawnViews.set(this, drawingOf(this, map))
      else drawnViews.delete(this)
    },
    _reset(this: RendererInternals): void {
      const map = this._map
      if (map && drawnViews.get(this) === drawingOf(this, map)) {
        // The zoomend and moveend of this reset projected and drew every path for this view.
        this._updateTransform(this._center, this._zoom)
        return
      }
      reset.call(this)
      if (!map) return
      projectedViews.set(this, projectionOf(map))
      drawnViews.set(this, drawingOf(this, map))
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
