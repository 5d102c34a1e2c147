/**
 * Key-delivery arcs and participant cities, drawn imperatively on canvas. The layer reads the
 * store through `subscribe` (no React render per frame), takes the draw list the map's selectors
 * build (draw-list.ts), redraws only when that list or the layers change, and animates exposed
 * arcs with one rAF loop.
 *
 * Two stacked canvases make one layer: the bottom one holds the many neutral arcs, the dotted
 * cross-border arcs and the bands of concern arcs, and is redrawn only on view or data changes;
 * the top one holds the moving dashes of concern arcs (keys from a jurisdiction of concern), city
 * dots and the hover highlight, and is the only thing redrawn per animation frame.
 */
import { createElementObject, createLayerComponent } from '@react-leaflet/core'
import type { LayerProps } from '@react-leaflet/core'
import L from 'leaflet'
import { selectMapRun } from '../../store/selectors'
import type { AppState, AppStore } from '../../store/store'
import type { Selection } from '../../store/url-state'
import { countryName } from './country-name'
import { selectFlowDrawList, selectMapStep } from './draw-list'
import type { ArcItem, FlowDrawList } from './draw-list'
import * as draw from './flow-draw'
import type { CanvasView, FlowHit } from './flow-draw'
import { pathTooltipLines, periodOf } from './map-causes'
import { FALLBACK_PALETTES } from './map-theme'
import type { MapPalette } from './map-theme'

/** Name of the map pane the layer draws in (between the countries and the site markers). */
export const FLOW_PANE = 'kr-flows'

// Extra canvas around the viewport, as a share of its size, so a drag reveals drawn arcs
// before the redraw on moveend (as Leaflet's own renderers do).
const PADDING = 0.1
const DASH_PERIOD_PX = 16
const DASH_SPEED_PX_PER_MS = 0.03
const ANIMATION_INTERVAL_MS = 30
const EMPTY: FlowDrawList = { arcs: [], crossBorderStart: 0, concernStart: 0, cities: [] }

const reducedMotionQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)')
    : null

/** The canvas layer of key-delivery arcs and city dots. Add it to a map; it reads `store`. */
export class FlowLayer extends L.Layer {
  private readonly store: AppStore
  private container: HTMLDivElement | null = null
  private base: HTMLCanvasElement | null = null
  private top: HTMLCanvasElement | null = null
  private baseCtx: CanvasRenderingContext2D | null = null
  private topCtx: CanvasRenderingContext2D | null = null
  private unsubscribe: (() => void) | null = null
  private motionQuery: MediaQueryList | null = null
  private isReducedMotion = false
  private rafId = 0
  private lastAnimationDrawMs = -Infinity
  private palette: MapPalette
  private tooltip: L.Tooltip | null = null
  private hovered: FlowHit | null = null
  // The canvas's top-left as a layer point, and where it stands in world pixels.
  private topLeft = L.point(0, 0)
  private view: CanvasView = { widthPx: 0, heightPx: 0, originX: 0, originY: 0, scale: 256 }
  // What is drawn, compared by reference: the draw list's selectors keep it while nothing
  // drawn changes, even when the store replaces the run object.
  private list: FlowDrawList = EMPTY
  private layers: AppState['layers'] = { flows: true, cities: true, sites: true, countries: true }
  private rebuilds = 0

  constructor(store: AppStore, palette: MapPalette = FALLBACK_PALETTES.dark) {
    super()
    L.Util.setOptions(this, { pane: FLOW_PANE })
    this.store = store
    this.palette = palette
  }

  /** Leaflet map events the layer follows while added (bound to the layer by Leaflet). */
  override getEvents(): Record<string, L.LeafletEventHandlerFn> {
    return {
      viewreset: this.reset,
      moveend: this.reset,
      resize: this.reset,
      zoomanim: this.onZoomAnim as L.LeafletEventHandlerFn,
      mousemove: this.onMouseMove as L.LeafletEventHandlerFn,
      mouseout: this.onMouseOut,
      click: this.onClick as L.LeafletEventHandlerFn,
    }
  }

  override onAdd(map: L.Map): this {
    const pane = map.getPane(FLOW_PANE) ?? map.createPane(FLOW_PANE)
    pane.style.zIndex = '450'
    pane.style.pointerEvents = 'none'
    const container = L.DomUtil.create('div', 'kr-flow-layer leaflet-zoom-animated', pane)
    container.setAttribute('aria-hidden', 'true')
    this.base = L.DomUtil.create('canvas', 'kr-flow-canvas', container)
    this.top = L.DomUtil.create('canvas', 'kr-flow-canvas', container)
    for (const canvas of [this.base, this.top]) {
      canvas.style.position = 'absolute'
      canvas.style.left = '0'
      canvas.style.top = '0'
    }
    this.baseCtx = this.base.getContext('2d')
    this.topCtx = this.top.getContext('2d')
    this.container = container
    this.tooltip = L.tooltip({ direction: 'top', offset: [0, -8], className: 'kr-map-tooltip' })

    this.motionQuery = reducedMotionQuery()
    this.isReducedMotion = this.motionQuery?.matches ?? false
    this.motionQuery?.addEventListener('change', this.onMotionChange)
    document.addEventListener('visibilitychange', this.onVisibility)

    this.reset()
    this.unsubscribe = this.store.subscribe((state) => this.sync(state))
    this.sync(this.store.getState(), true)
    return this
  }

  override onRemove(map: L.Map): this {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.stopAnimation()
    this.motionQuery?.removeEventListener('change', this.onMotionChange)
    document.removeEventListener('visibilitychange', this.onVisibility)
    if (this.tooltip) map.closeTooltip(this.tooltip)
    map.getContainer().style.cursor = ''
    this.container?.remove()
    this.container = this.base = this.top = null
    this.baseCtx = this.topCtx = null
    return this
  }

  /** Sets the colours (after a theme change) and redraws. */
  setPalette(palette: MapPalette): void {
    this.palette = palette
    this.drawBase()
    this.drawTop(performance.now())
  }

  /** Arcs drawn now, for tests and the table twin. */
  get drawnArcs(): readonly ArcItem[] {
    return this.list.arcs
  }

  /** How many times a new draw list was taken up, for tests that count redraws. */
  get rebuildCount(): number {
    return this.rebuilds
  }

  /** The arc or city under a container point, or null. Cities win: their dots are on top. */
  hitAt(containerPoint: L.Point): FlowHit | null {
    const map = this._map as L.Map | undefined
    if (!map) return null
    const lp = map.containerPointToLayerPoint(containerPoint)
    return draw.hitTest(
      this.view,
      this.list,
      lp.x - this.topLeft.x,
      lp.y - this.topLeft.y,
      this.layers,
    )
  }

  private sync(state: AppState, force = false): void {
    const list = selectFlowDrawList(state)
    if (!force && list === this.list && state.layers === this.layers) return
    if (list !== this.list) this.rebuilds++
    this.list = list
    this.layers = state.layers
    this.drawBase()
    this.drawTop(performance.now())
    this.refreshHover()
    this.syncAnimation()
  }

  private readonly reset = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.container || !this.base || !this.top) return
    const size = map.getSize()
    const padX = Math.round(size.x * PADDING)
    const padY = Math.round(size.y * PADDING)
    this.topLeft = map.containerPointToLayerPoint([-padX, -padY]).round()
    L.DomUtil.setPosition(this.container, this.topLeft)
    const origin = map.getPixelOrigin().add(this.topLeft)
    const view = {
      widthPx: size.x + 2 * padX,
      heightPx: size.y + 2 * padY,
      originX: origin.x,
      originY: origin.y,
      scale: map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom(),
    }
    this.view = view
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    for (const canvas of [this.base, this.top]) {
      canvas.width = Math.max(1, Math.round(view.widthPx * dpr))
      canvas.height = Math.max(1, Math.round(view.heightPx * dpr))
      canvas.style.width = `${view.widthPx}px`
      canvas.style.height = `${view.heightPx}px`
    }
    for (const ctx of [this.baseCtx, this.topCtx]) ctx?.setTransform(dpr, 0, 0, dpr, 0, 0)
    this.drawBase()
    this.drawTop(performance.now())
  }

  // Where the canvas's top-left lands once the map reaches the animation's target zoom and
  // centre, by public API: Leaflet places the new pixel origin at the new centre's projection
  // less half the view, plus the map pane's offset (its own renderers use private helpers).
  private readonly onZoomAnim = (e: L.ZoomAnimEvent): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.container) return
    const scale = map.getZoomScale(e.zoom, map.getZoom())
    const panePos = map.containerPointToLayerPoint([0, 0]).multiplyBy(-1)
    const newPixelOrigin = map
      .project(e.center, e.zoom)
      .subtract(map.getSize().divideBy(2))
      .add(panePos)
      .round()
    const topLeftLatLng = map.layerPointToLatLng(this.topLeft)
    const offset = map.project(topLeftLatLng, e.zoom).subtract(newPixelOrigin)
    L.DomUtil.setTransform(this.container, offset, scale)
  }

  private drawBase(): void {
    const ctx = this.baseCtx
    if (!ctx) return
    draw.clearCanvas(ctx)
    if (this.layers.flows) draw.drawArcs(ctx, this.view, this.palette, this.list)
  }

  private drawTop(nowMs: number): void {
    const ctx = this.topCtx
    if (!ctx) return
    draw.clearCanvas(ctx)
    const { list, view, palette } = this
    if (this.layers.flows && list.concernStart < list.arcs.length) {
      ctx.lineCap = 'butt'
      ctx.lineJoin = 'miter'
      ctx.setLineDash(draw.DASH_PATTERN as number[])
      ctx.lineDashOffset = this.isReducedMotion
        ? 0
        : -((nowMs * DASH_SPEED_PX_PER_MS) % DASH_PERIOD_PX)
      draw.drawDashes(ctx, view, palette, list)
      ctx.setLineDash([])
    }
    const hovered = this.hovered
    if (hovered?.kind === 'flow' && this.layers.flows) {
      ctx.strokeStyle = palette.fg
      ctx.globalAlpha = 0.9
      ctx.lineWidth = hovered.arc.widthPx + 3
      ctx.lineCap = 'round'
      ctx.beginPath()
      draw.tracePath(ctx, view, hovered.arc)
      ctx.globalCompositeOperation = 'destination-over'
      ctx.stroke()
      ctx.globalCompositeOperation = 'source-over'
      ctx.globalAlpha = 1
    }
    const hoveredCity = hovered?.kind === 'city' ? hovered.cityIndex : null
    if (this.layers.cities) draw.drawCities(ctx, view, palette, list.cities, hoveredCity)
  }

  private shouldAnimate(): boolean {
    return (
      this.topCtx !== null &&
      this.layers.flows &&
      this.list.concernStart < this.list.arcs.length &&
      !this.isReducedMotion &&
      !(typeof document !== 'undefined' && document.hidden) &&
      typeof requestAnimationFrame === 'function'
    )
  }

  private readonly tick = (nowMs: number): void => {
    this.rafId = 0
    // Software-rastered canvases (no GPU on many briefing laptops) cannot afford to re-stroke
    // hundreds of dashed arcs every 16 ms; 30 updates a second still reads as smooth motion.
    if (nowMs - this.lastAnimationDrawMs >= ANIMATION_INTERVAL_MS) {
      this.lastAnimationDrawMs = nowMs
      this.drawTop(nowMs)
    }
    if (this.shouldAnimate()) this.rafId = requestAnimationFrame(this.tick)
  }

  private syncAnimation(): void {
    if (this.shouldAnimate()) {
      if (this.rafId === 0) this.rafId = requestAnimationFrame(this.tick)
    } else this.stopAnimation()
  }

  private stopAnimation(): void {
    if (this.rafId !== 0 && typeof cancelAnimationFrame === 'function')
      cancelAnimationFrame(this.rafId)
    this.rafId = 0
  }

  private readonly onMotionChange = (e: MediaQueryListEvent): void => {
    this.isReducedMotion = e.matches
    this.drawTop(performance.now())
    this.syncAnimation()
  }

  private readonly onVisibility = (): void => this.syncAnimation()

  private describe(hit: FlowHit): HTMLElement {
    const state = this.store.getState()
    const run = selectMapRun(state)
    const world = run?.world ?? null
    const stepMinutes = run?.stepMinutes ?? 60
    const el = document.createElement('div')
    const title = document.createElement('strong')
    let lines: string[]
    if (hit.kind === 'city') {
      const city = world?.cities[hit.cityIndex]
      title.textContent = city ? `${city.name}, ${countryName(city.country)}` : 'City'
      lines = [`${hit.joins.toLocaleString('en-US')} participants joined ${periodOf(stepMinutes)}`]
    } else {
      title.textContent = `${world?.sites[hit.arc.siteIndex]?.city ?? '?'} → ${world?.cities[hit.arc.cityIndex]?.name ?? '?'}`
      const step = selectMapStep(state)
      const summary = run?.summary ?? null
      lines = pathTooltipLines({ ...hit.arc, world, step, summary, stepMinutes })
    }
    el.append(title)
    for (const line of lines)
      el.append(Object.assign(document.createElement('div'), { textContent: line }))
    return el
  }

  private showHover(hit: FlowHit | null, latlng: L.LatLng | null): void {
    const map = this._map as L.Map | undefined
    if (!map || !this.tooltip) return
    const changed = !draw.isSameHit(hit, this.hovered)
    this.hovered = hit
    map.getContainer().style.cursor = hit ? 'pointer' : ''
    if (!hit) {
      map.closeTooltip(this.tooltip)
    } else {
      if (changed) this.tooltip.setContent(this.describe(hit))
      if (latlng) this.tooltip.setLatLng(latlng)
      if (!map.hasLayer(this.tooltip)) map.openTooltip(this.tooltip)
    }
    if (changed && !this.rafId) this.drawTop(performance.now())
  }

  // After the step changes under a still pointer, the hovered arc may be gone.
  private refreshHover(): void {
    if (!this.hovered) return
    this.hovered = null
    this.showHover(null, null)
  }

  private readonly onMouseMove = (e: L.LeafletMouseEvent): void => {
    const target = e.originalEvent.target
    if (target instanceof Element && target.closest('.leaflet-kr-sites-pane')) {
      this.showHover(null, null)
      return
    }
    this.showHover(this.hitAt(e.containerPoint), e.latlng)
  }

  private readonly onMouseOut = (): void => this.showHover(null, null)

  private readonly onClick = (e: L.LeafletMouseEvent): void => {
    const select = (selection: Selection | null): void => this.store.getState().select(selection)
    const hit = this.hitAt(e.containerPoint)
    const world = selectMapRun(this.store.getState())?.world
    if (hit && world) {
      if (hit.kind === 'city') {
        const city = world.cities[hit.cityIndex]
        if (city) select({ kind: 'city', id: city.id })
      } else {
        const site = world.sites[hit.arc.siteIndex]
        const city = world.cities[hit.arc.cityIndex]
        if (site && city) select({ kind: 'flow', siteId: site.id, cityId: city.id })
      }
      return
    }
    // A click on a country reaches the map after the country's own handler selected it.
    const target = e.originalEvent.target
    if (target instanceof Element && target.classList.contains('leaflet-interactive')) return
    select(null)
  }
}

interface FlowLayerProps extends LayerProps {
  readonly store: AppStore
  readonly palette: MapPalette
}

/**
 * The flow layer as a react-leaflet component: created once on mount, its palette applied on
 * change; the ref is the layer, for hit-testing by the country layers.
 */
export const FlowLayerComponent = createLayerComponent<FlowLayer, FlowLayerProps>(
  (props, context) => createElementObject(new FlowLayer(props.store, props.palette), context),
  (layer, props, prev) => {
    if (props.palette !== prev.palette) layer.setPalette(props.palette)
  },
)
