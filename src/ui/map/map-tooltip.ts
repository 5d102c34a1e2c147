/**
 * The map's hover tooltips: above the point, centred on it. Leaflet's tooltip measures its box
 * (offsetWidth and offsetHeight) to centre itself at every move, which forces the page to work
 * out its styles and layout inside the pointer's event: about 1.5 ms of each move over the
 * 200 x 5,000 world's arcs. This one leaves the centring to CSS, a translation by its own size,
 * so the page lays it out once, with the frame.
 */
import L from 'leaflet'

class AboveTooltip extends L.Tooltip {
  // Leaflet's own placing (Tooltip.js), for the direction 'top' and no source layer (the map
  // opens these at a point), without reading the box's size.
  _setPosition(pos: L.Point): void {
    const container = this.getElement()
    if (!container) return
    container.classList.add('leaflet-tooltip-top')
    const at = pos.add(L.point(this.options.offset ?? [0, 0]))
    // Leaflet keeps the position (and sets left and top where it cannot translate in 3D).
    L.DomUtil.setPosition(container, at)
    const shift = 'translate(-50%, -100%)'
    container.style.transform = L.Browser.any3d
      ? `translate3d(${at.x}px, ${at.y}px, 0px) ${shift}`
      : shift
  }
}

/** A tooltip for a map's hover, `offsetY` pixels above the point it is opened at. */
export function aboveTooltip(offsetY = 0): L.Tooltip {
  return new AboveTooltip({ direction: 'top', offset: [0, offsetY], className: 'kr-map-tooltip' })
}
