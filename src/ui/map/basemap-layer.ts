/**
 * The country basemap as one canvas (view-canvas-layer.ts): the countries projected once
 * (projected-basemap.ts) are filled and outlined for the view at the end of each pan, zoom or
 * jump, in one pass of a few milliseconds, where Leaflet's GeoJSON layer kept 528 SVG paths (176
 * countries on three world copies). `countryAt` tells which country is under a point, for the
 * pointer. The canvas says how many countries it holds in `data-countries`.
 */
import type { CountryPaint } from './country-style'
import type { CanvasView } from './flow-draw'
import { countryAt, drawBasemap } from './projected-basemap'
import type { ProjectedCountry } from './projected-basemap'
import { ViewCanvasLayer } from './view-canvas-layer'
import type L from 'leaflet'

/** Name of the map pane the basemap draws in, below the flows (450) and the sites. */
export const BASEMAP_PANE = 'kr-countries'

/**
 * Whether a pointer event over `target` is on the basemap itself: the events of the symbols and
 * labels drawn over it are theirs (the flows' and sites' canvases let events through).
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
export class BasemapLayer extends ViewCanvasLayer {
  private countries: readonly ProjectedCountry[] = []
  private paintOf: (code: string) => CountryPaint = () => NO_PAINT

  constructor() {
    super({
      name: BASEMAP_PANE,
      zIndex: 350,
      className: 'kr-basemap',
      isPassThrough: false,
      isHiddenWhileZooming: false,
    })
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map)
    if (this.canvas) this.canvas.dataset.countries = String(this.countries.length)
    return this
  }

  /** The countries to draw (none until the basemap has loaded). */
  setCountries(countries: readonly ProjectedCountry[]): void {
    this.countries = countries
    if (this.canvas) this.canvas.dataset.countries = String(countries.length)
    this.changed()
  }

  /** How each country is painted, by ISO alpha-2 ('' for an area without one). */
  setPaint(paintOf: (code: string) => CountryPaint): void {
    this.paintOf = paintOf
    this.changed()
  }

  /** The ISO alpha-2 of the country drawn under a container point ('' for one without), or null. */
  countryAt(containerPoint: L.Point): string | null {
    const at = this.worldPointOf(containerPoint)
    if (!at) return null
    return countryAt(this.countries, at.x / at.scale, at.y / at.scale)?.code ?? null
  }

  protected override paint(ctx: CanvasRenderingContext2D, view: CanvasView): void {
    drawBasemap(ctx, view, this.countries, this.paintOf)
  }
}
