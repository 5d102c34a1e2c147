// @vitest-environment jsdom
import L from 'leaflet'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { BasemapLayer } from '../../../src/ui/map/basemap-layer'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import { MarkLayer } from '../../../src/ui/map/mark-layer'

// jsdom has no canvas: a context whose every method is a no-op.
beforeAll(() => {
  Object.defineProperty(HTMLCanvasElement.prototype, 'getContext', {
    value: () =>
      new Proxy<Record<string | symbol, unknown>>(
        {},
        { get: (t, p) => (p in t ? t[p] : () => {}), set: (t, p, v) => ((t[p] = v), true) },
      ),
    configurable: true,
  })
})

let map: L.Map | null = null
afterEach(() => {
  map?.remove()
  map = null
  document.body.replaceChildren()
})

function mapWith(...layers: L.Layer[]): L.Map {
  const el = document.createElement('div')
  document.body.append(el)
  map = L.map(el, { center: [40, -30], zoom: 2 })
  map.getSize = () => L.point(800, 400)
  for (const layer of layers) layer.addTo(map)
  return map
}

describe('a canvas layer of the map', () => {
  it('hides the circles from the start of a zoom until drawn for its end; the basemap stays', () => {
    const marks = new MarkLayer(() => {})
    const shown = mapWith(new BasemapLayer(), marks)
    marks.setSymbols({
      symbols: [{ country: 'CA', lat: 56, lon: -106, radiusPx: 20, keys: 172 }],
      palette: FALLBACK_PALETTES.light,
    })
    const circles = document.querySelector<HTMLCanvasElement>('canvas.kr-marks')!
    const basemap = document.querySelector<HTMLCanvasElement>('canvas.kr-basemap')!
    expect(circles.dataset.symbols).toBe('1')
    expect(circles.style.visibility).toBe('')
    shown.fire('zoomstart')
    expect(circles.style.visibility).toBe('hidden')
    expect(basemap.style.visibility).toBe('')
    const before = circles.dataset.view
    shown.setZoom(4, { animate: false })
    expect(circles.style.visibility).toBe('')
    expect(circles.dataset.view).not.toBe(before)
    expect(circles.dataset.view?.startsWith('4 ')).toBe(true)
  })
})
