/**
 * A Leaflet layer that draws on one canvas for the view at the end of each pan, zoom or jump, and
 * between views moves and scales its last drawing with the map, as the flow layer's picture does.
 * The basemap (basemap-layer.ts) and the marks over the flows (mark-layer.ts) are drawn this way:
 * one canvas each, where Leaflet's SVG kept a path per country or marker and world copy, projected
 * them anew at each zoom and had Chromium restyle them. The canvas says what view it drew in
 * `data-view` (zoom and pixel origin).
 */
import L from 'leaflet'
import type { CanvasView } from './flow-draw'
import { placementOf, standInTransform, zoomAnimTransform } from './flow-placement'
import type { Placement } from './flow-placement'

/** Where a container point lies in world pixels at the map's zoom, and that zoom's scale. */
export interface WorldPoint {
  readonly x: number
  readonly y: number
  /** Pixels per unit of the Web Mercator square. */
  readonly scale: number
}

/** Pane, stacking and class of a layer's canvas. */
export interface CanvasPane {
  readonly name: string
  readonly zIndex: number
  readonly className: string
  /** Whether pointer events pass through to the layers below (the layer hit-tests by itself). */
  readonly isPassThrough: boolean
  /**
   * Whether the canvas hides from the start of a zoom or flight until it is drawn for the view
   * where it ends, as the labels do, rather than move and scale with the map. In Chromium's
   * software compositing every canvas costs a blend of its whole area in each frame of a zoom,
   * empty or not, where a sparse SVG layer cost little: the markers' and circles' canvases,
   * scaled with the zoom, made its worst frames 83 to 117 ms in the 200 x 5,000 stress world
   * where they were 33 to 67 ms without them.
   */
  readonly isHiddenWhileZooming: boolean
}

export abstract class ViewCanvasLayer extends L.Layer {
  protected canvas: HTMLCanvasElement | null = null
  private ctx: CanvasRenderingContext2D | null = null
  private placed: Placement | null = null
  // The view and content of the drawing on the canvas, so an event that changes neither draws nothing.
  private drawn = ''
  private version = 0

  constructor(private readonly where: CanvasPane) {
    super()
    L.Util.setOptions(this, { pane: where.name })
  }

  /** Draws the content for `view` on a cleared canvas (CSS pixels). */
  protected abstract paint(ctx: CanvasRenderingContext2D, view: CanvasView): void

  /** Leaflet map events the layer follows while added (bound to the layer by Leaflet). */
  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      viewreset: this.reset,
      moveend: this.reset,
      resize: this.reset,
      zoomstart: this.onZoomStart,
      zoom: this.standIn,
      zoomanim: this.onZoomAnim as L.LeafletEventHandlerFn,
    }
  }

  /** Whether the canvas is hidden for a zoom or flight under way (see `isHiddenWhileZooming`). */
  protected get isHidden(): boolean {
    return this.canvas?.style.visibility === 'hidden'
  }

  override onAdd(map: L.Map): this {
    const { name, zIndex, className, isPassThrough } = this.where
    const pane = map.getPane(name) ?? map.createPane(name)
    pane.style.zIndex = String(zIndex)
    if (isPassThrough) pane.style.pointerEvents = 'none'
    const canvas = L.DomUtil.create('canvas', `${className} leaflet-zoom-animated`, pane)
    canvas.style.cssText = 'position:absolute;left:0;top:0'
    canvas.setAttribute('aria-hidden', 'true')
    this.canvas = canvas
    this.ctx = canvas.getContext('2d')
    this.reset()
    return this
  }

  override onRemove(_map: L.Map): this {
    this.canvas?.remove()
    this.canvas = this.ctx = this.placed = null
    this.drawn = ''
    return this
  }

  /** Draws again for the same view: what the layer shows has changed. */
  protected changed(): void {
    this.version++
    this.draw()
  }

  /** Where a container point lies in world pixels, or null while the layer is not on a map. */
  protected worldPointOf(containerPoint: L.Point): WorldPoint | null {
    const map = this._map as L.Map | undefined
    if (!map) return null
    const scale = map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom()
    const world = map.containerPointToLayerPoint(containerPoint).add(map.getPixelOrigin())
    return { x: world.x, y: world.y, scale }
  }

  private readonly reset = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.canvas) return
    this.placed = placementOf(map)
    this.draw()
    this.canvas.style.visibility = ''
  }

  private readonly onZoomStart = (): void => {
    if (this.canvas && this.where.isHiddenWhileZooming) this.canvas.style.visibility = 'hidden'
  }

  private draw(): void {
    const { canvas, ctx, placed } = this
    if (!canvas || !ctx || !placed) return
    const { view, topLeft } = placed
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    const key = `${placed.zoom} ${view.originX} ${view.originY} ${view.widthPx} ${view.heightPx} ${dpr} ${this.version}`
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
    this.paint(ctx, view)
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
