/**
 * Leaflet's SVG renderer writes the `d` of every path it holds at the end of each zoom and of
 * each pan, whether or not the outline changed: an off-screen world copy's empty 'M0 0', a marker
 * a pan did not move. Chromium restyles every SVG path whose `d` is written, changed or not, and
 * a 200-site world holds over a thousand such paths (markers and countries on three world
 * copies), so a zoom's end spent about 30 ms restyling outlines that mostly had not changed.
 * Leaflet has no option for this; its documented `include` lets the renderer skip equal writes.
 */
import L from 'leaflet'

interface RenderedPath {
  readonly _path?: SVGElement
}

let isInstalled = false
// The `d` last written to each path: reading it back with getAttribute cost 5 ms a zoom.
const written = new WeakMap<SVGElement, string>()

/** Makes Leaflet's SVG renderer write a path's `d` only when it differs from the one it has. */
export function writeSvgPathsOnlyWhenChanged(): void {
  if (isInstalled) return
  isInstalled = true
  L.SVG.include({
    _setPath(layer: RenderedPath, d: string): void {
      const path = layer._path
      if (!path || written.get(path) === d) return
      written.set(path, d)
      path.setAttribute('d', d)
    },
  })
}
