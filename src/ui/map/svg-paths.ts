/**
 * Leaflet's SVG renderer writes the `d` of every path it holds at the end of each zoom and of
 * each pan, whether or not the outline changed: an off-screen world copy's empty 'M0 0', a marker
 * a pan did not move. Its `setStyle` writes every style attribute of a path, changed or not, and
 * the map restyles all its countries and markers when a step changes their shading. Chromium
 * restyles every SVG path written to, and a 200-site world holds over a thousand (markers and
 * countries on three world copies): a zoom's end spent about 30 ms restyling outlines that had
 * not changed, and a change of shading 12 ms rewriting the styles of 528 countries. Leaflet has no
 * option for this; its documented `include` lets the renderer skip writes that change nothing.
 */
import L from 'leaflet'
import type { PathOptions } from 'leaflet'

interface RenderedPath {
  readonly _path?: SVGElement
  readonly options: PathOptions
}

type UpdateStyle = (this: L.SVG, layer: RenderedPath) => void

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

/** Makes Leaflet's SVG renderer write a path's outline and style only when they change. */
export function writeSvgPathsOnlyWhenChanged(): void {
  if (isInstalled) return
  isInstalled = true
  const updateStyle = (L.SVG.prototype as unknown as { _updateStyle: UpdateStyle })._updateStyle
  L.SVG.include({
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
