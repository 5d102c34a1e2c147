/**
 * The country basemap as one canvas: the countries projected once (projected-basemap.ts) are
 * filled and outlined for the view at the end of each pan, zoom or jump, in one pass of a few
 * milliseconds, where Leaflet's GeoJSON layer kept 528 SVG paths (176 countries on three world
 * copies), projected their 30,000 points into new objects at each zoom and had Chromium restyle
 * them. Between views the last drawing is moved and scaled as the map moves, as the flow layer's
 * is. `countryAt` tells which country is under a point, for the pointer. The canvas says what it
 * shows in `data-countries` (how many it holds) and `data-view` (zoom and pixel origin drawn).
 */
import L from 'leaflet'
import type { CountryPaint } from './country-style'
import { placementOf, standInTransform, zoomAnimTransform } from './flow-placement'
import type { Placement } from './flow-placement'
import { countryAt, drawBasemap } from './projected-basemap'
import type { ProjectedCountry } from './projected-basemap'

/** Name of the map pane the basemap draws in, below the flows (450) and the sites. */
export const BASEMAP_PANE = 'kr-countries'

/**
 * Whether a pointer event over `target` is on the basemap itself: the events of the markers,
 * symbols and labels drawn over it are theirs.
 */
export function isOnBasemap(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest(`.leaflet-${BASEMAP_PANE}-pane`) !== null
}

/** Paints every country alike until the map gives the paint. */
const NO_PAINT: CountryPaint = {
  stroke: '#888',
  strokeWidthPx: 0.6,
  fill: '#444',
  strokeOpacity: 1,
}

/** The canvas layer of country outlines. Add it to a map, then give it countries and paint. */
export class BasemapLayer extends L.Layer {
  private canvas: HTMLCanvasElement | null = null
  private ctx: CanvasRenderingContext2D | null = null
  private countries: readonly ProjectedCountry[] = []
  private paintOf: (code: string) => CountryPaint = () => NO_PAINT
  private placed: Placement | null = null
  // The view and paint of the drawing on the canvas, so an event that changes neither draws nothing.
  private drawn = ''
  private paintVersion = 0

  constructor() {
    super()
    L.Util.setOptions(this, { pane: BASEMAP_PANE })
  }

  /** Leaflet map events the layer follows while added (bound to the layer by Leaflet). */
  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      viewreset: this.reset,
      moveend: this.reset,
      resize: this.reset,
      zoom: this.standIn,
      zoomanim: this.onZoomAnim as L.LeafletEventHandlerFn,
    }
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPane(BASEMAP_PANE) ?? map.createPane(BASEMAP_PANE)
    pane.style.zIndex = '350'
    const canvas = L.DomUtil.create('canvas', 'kr-basemap leaflet-zoom-animated', pane)
    canvas.style.cssText = 'position:absolute;left:0;top:0'
    canvas.setAttribute('aria-hidden', 'true')
    canvas.dataset.countries = String(this.countries.length)
    this.canvas = canvas
    this.ctx = canvas.getContext('2d')
    this.reset()
    return this
  }

  override onRemove(): this {
    this.canvas?.remove()
    this.canvas = this.ctx = this.placed = null
    this.drawn = ''
    return this
  }

  /** The countries to draw (none until the basemap has loaded). */
  setCountries(countries: readonly ProjectedCountry[]): void {
    this.countries = countries
    if (this.canvas) this.canvas.dataset.countries = String(countries.length)
    this.paintVersion++
    this.draw()
  }

  /** How each country is painted, by ISO alpha-2 ('' for an area without one). */
  setPaint(paintOf: (code: string) => CountryPaint): void {
    this.paintOf = paintOf
    this.paintVersion++
    this.draw()
  }

  /** The ISO alpha-2 of the country drawn under a container point ('' for one without), or null. */
  countryAt(containerPoint: L.Point): string | null {
    const map = this._map as L.Map | undefined
    if (!map) return null
    const scale = map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom()
    const world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin())
    return countryAt(this.countries, world.x / scale, world.y / scale)?.code ?? null
  }

  private readonly reset = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.canvas) return
    this.placed = placementOf(map)
    this.draw()
  }

  private draw(): void {
    const { canvas, ctx, placed } = this
    if (!canvas || !ctx || !placed) return
    const { view, topLeft } = placed
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    const key = `${placed.zoom} ${view.originX} ${view.originY} ${view.widthPx} ${view.heightPx} ${dpr} ${this.paintVersion}`
    L.DomUtil.setPosition(canvas, topLeft)
    if (key === this.drawn) return
    this.drawn = key
    const width = Math.max(1, Math.round(view.widthPx * dpr))
    const height = Math.max(1, Math.round(view.heightPx * dpr))
    if (canvas.width !== width || canvas.height !== height) {
      canvas.width = width
      canvas.height = height
      canvas.style.width = `${view.widthPx}px`
      canvas.style.height = `${view.heightPx}px`
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0)
    ctx.clearRect(0, 0, view.widthPx, view.heightPx)
    drawBasemap(ctx, view, this.countries, this.paintOf)
    canvas.dataset.view = `${placed.zoom} ${view.originX} ${view.originY}`
  }

  // Until the view is drawn, the last drawing stands where its places now are (each frame of a
  // flight, a jump).
  private readonly standIn = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.canvas || !this.placed) return
    const { offset, scale } = standInTransform(map, this.placed)
    L.DomUtil.setTransform(this.canvas, offset, scale)
  }

  private readonly onZoomAnim = (e: L.ZoomAnimEvent): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.canvas || !this.placed) return
    const { offset, scale } = zoomAnimTransform(map, this.placed, e)
    L.DomUtil.setTransform(this.canvas, offset, scale)
  }
}
