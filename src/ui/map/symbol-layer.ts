/**
 * The per-country circles of exposed keys as one canvas (view-canvas-layer.ts), drawn with
 * mark-draw.ts as the exported pictures draw them, above the arcs and below the data-center
 * markers. A streamed step changes every circle (the run's peak sets their scale): one redraw of
 * the canvas, where react-leaflet restyled an SVG circle per country and world copy in a commit.
 * The circles take no pointer events; their counts are labels, read by screen readers. The canvas
 * says how many circles it draws a world copy in `data-symbols`.
 */
import type { CountrySymbol } from './annotation-items'
import type { CanvasView } from './flow-draw'
import type { MapPalette } from './map-theme'
import { drawCountrySymbols } from './mark-draw'
import { ViewCanvasLayer } from './view-canvas-layer'
import type L from 'leaflet'

/** Name of the map pane the circles draw in: above the arcs (450), below the sites (500). */
export const SYMBOL_PANE = 'kr-country-symbols'

export class SymbolLayer extends ViewCanvasLayer {
  private symbols: readonly CountrySymbol[] = []
  private palette: MapPalette | null = null

  constructor() {
    super({
      name: SYMBOL_PANE,
      zIndex: 470,
      className: 'kr-symbols',
      isPassThrough: true,
      isHiddenWhileZooming: true,
    })
  }

  override onAdd(map: L.Map): this {
    super.onAdd(map)
    this.writeCount()
    return this
  }

  /** The circles to draw (none while the legend hides the countries' exposure), in `palette`. */
  setSymbols(symbols: readonly CountrySymbol[], palette: MapPalette): void {
    this.symbols = symbols
    this.palette = palette
    this.writeCount()
    this.changed()
  }

  protected override paint(ctx: CanvasRenderingContext2D, view: CanvasView): void {
    if (this.palette) drawCountrySymbols(ctx, view, this.palette, this.symbols)
  }

  private writeCount(): void {
    if (this.canvas) this.canvas.dataset.symbols = String(this.symbols.length)
  }
}
