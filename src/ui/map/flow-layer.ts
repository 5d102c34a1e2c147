/**
 * Key-delivery arcs and participant cities, drawn imperatively on canvas. The layer reads the
 * store through `subscribe` (no React render per frame), takes the draw list of draw-list.ts,
 * bundles its normal paths for the zoom where thousands overlap (flow-bundles.ts), redraws only
 * when that list, the layers or the view change, and animates exposed arcs.
 * Stacked canvases make one layer: the bottom one holds the still picture (normal arcs and
 * bundles, the dotted cross-border arcs, the bands of concern arcs, city dots), redrawn on view or
 * data changes (still-draw-off-thread.ts) while the last one stands in; above it are the moving
 * dashes of concern arcs, traced once per picture and moved by a worker on a canvas of their own,
 * and the top canvas with the hover highlight (flow-top.ts). Pointer hits go through a grid
 * index (hit-index.ts, loaded by flow-warm-up.ts). `data-picture`: 'ready' or not.
 */
import L from 'leaflet'
import { aboveTooltip } from './map-tooltip'
import { selectMapRun } from '../../store/selectors'
import type { AppState, AppStore } from '../../store/store'
import { selectStepDrawList } from './draw-list'
import type { StepDrawList } from './draw-list'
import { emptyArcTable } from './arc-table'
import { NO_CITY_DOTS } from './city-dots'
import { setAggregationStatement } from './flow-aggregation'
import { MAX_ANIMATED_EXPOSURES, ShownLists, aggregationStatement } from './flow-bundles'
import type { ShownDrawList } from './flow-bundles'
import * as draw from './flow-draw'
import type { FlowHit } from './flow-draw'
import { flowTooltipElement } from './flow-tooltip'
import type { HitIndex } from './hit-index'
import { FALLBACK_PALETTES } from './map-theme'
import type { MapPalette } from './map-theme'
import { FlowTop } from './flow-top'
import { keptPlacement, placementOf, standInTransform, zoomAnimTransform } from './flow-placement'
import type { Placement } from './flow-placement'
import { StillPainter, isLargeList } from './still-draw-off-thread'
import type { StillScene } from './still-draw'
import { hitsIfLoaded, loadedHits, warmUpAfter } from './flow-warm-up'
import { clickFlowHit } from './flow-click'
import { siteUnder } from './mark-layer'
import { StepShaping } from './step-shaping'

/** Name of the map pane the layer draws in (between the countries and the site markers). */
export const FLOW_PANE = 'kr-flows'

const EMPTY: StepDrawList = {
  arcs: emptyArcTable(0),
  crossBorderStart: 0,
  concernStart: 0,
  cities: NO_CITY_DOTS,
}
const EMPTY_SHOWN: ShownDrawList = { ...EMPTY, arcs: [], bundledPaths: 0, bundles: 0 }
// A pointer rests before the grid of a new picture is built, so a redraw's frames stay short.
const HIT_INDEX_DELAY_MS = 60
// Quiet time after a zoom before its picture is drawn.
const ZOOM_SETTLE_MS = 150

/** The canvas layer of key-delivery arcs and city dots. Add it to a map; it reads `store`. */
export class FlowLayer extends L.Layer {
  private readonly store: AppStore
  private container: HTMLDivElement | null = null
  private base: HTMLCanvasElement | null = null
  private top: FlowTop | null = null
  private unsubscribe: (() => void) | null = null
  private palette: MapPalette
  private tooltip: L.Tooltip | null = null
  private hovered: FlowHit | null = null
  // Where the shown picture stands, and what it draws.
  private placed: Placement = {
    topLeft: L.point(0, 0),
    topLeftLatLng: L.latLng(0, 0),
    zoom: 0,
    view: { widthPx: 0, heightPx: 0, originX: 0, originY: 0, scale: 256 },
  }
  private shown: ShownDrawList = EMPTY_SHOWN
  private hitIndex: HitIndex | null = null
  private hitIndexTimer: ReturnType<typeof setTimeout> | null = null
  private settleTimer: ReturnType<typeof setTimeout> | null = null
  // The picture being drawn, applied when its last slice is done.
  private pending: Placement | null = null
  private drawnScene: StillScene | null = null
  private hasZoomed = false
  private readonly still = new StillPainter((back, scene) => this.applyStill(back, scene))
  private readonly shaping = new StepShaping()
  // What is drawn, compared by reference: the draw list's selectors keep it while nothing
  // drawn changes, even when the store replaces the run object.
  private list: StepDrawList = EMPTY
  // Kept per zoom; a large list is bundled in slices, and drawn once it is.
  private readonly shownLists = new ShownLists(() => {
    if (this._map) this.redraw()
  })
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
      zoomstart: this.onZoomStart,
      movestart: this.onMoveStart,
      moveend: this.reset,
      resize: this.reset,
      zoomanim: this.onZoomAnim as L.LeafletEventHandlerFn,
      zoom: this.standIn,
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
    this.base.style.cssText = 'position:absolute;left:0;top:0'
    this.top = new FlowTop(container)
    this.container = container
    this.tooltip = aboveTooltip(-8)

    const state = this.store.getState()
    this.list = selectStepDrawList(state)
    this.layers = state.layers
    this.shaping.tookUp(state)
    this.unsubscribe = this.store.subscribe((state) => this.sync(state))
    this.reset()
    return this
  }

  override onRemove(map: L.Map): this {
    this.unsubscribe?.()
    this.unsubscribe = null
    this.top?.dispose()
    this.shaping.cancel()
    this.still.cancel()
    this.shownLists.forget()
    for (const timer of [this.hitIndexTimer, this.settleTimer])
      if (timer !== null) clearTimeout(timer)
    setAggregationStatement('')
    if (this.tooltip) map.closeTooltip(this.tooltip)
    this.container?.remove()
    this.container = this.base = this.top = null
    return this
  }

  /** Sets the colours (after a theme change) and redraws. */
  setPalette(palette: MapPalette): void {
    this.palette = palette
    this.redraw()
  }

  /** Key paths of the shown step, bundled or not, for tests. */
  get pathCount(): number {
    return this.list.arcs.length
  }

  /** The arcs as drawn at the current zoom, bundles in place of the paths they hold. */
  get shownList(): ShownDrawList {
    return this.shown
  }

  /** How many times a new draw list was taken up, for tests that count redraws. */
  get rebuildCount(): number {
    return this.rebuilds
  }

  /**
   * The city, exposed arc, or normal arc or bundle under a container point, or null. Cities win:
   * their dots are on top. None while the picture of a new zoom is still being drawn.
   */
  hitAt(containerPoint: L.Point): FlowHit | null {
    const map = this._map as L.Map | undefined
    const hits = loadedHits()
    if (!map || !hits || map.getZoom() !== this.placed.zoom) return null
    this.hitIndex ??= hits.buildHitIndex(this.placed.view, this.shown)
    const lp = map.containerPointToLayerPoint(containerPoint)
    return hits.hitTestIndexed(
      this.hitIndex,
      lp.x - this.placed.topLeft.x,
      lp.y - this.placed.topLeft.y,
      this.layers,
    )
  }

  private sync(state: AppState): void {
    warmUpAfter(selectMapRun(state))
    const current = (): AppState => this.store.getState()
    this.shaping.whenShaped(state, () => this.take(current()), current)
  }

  private take(state: AppState): void {
    const list = selectStepDrawList(state)
    if (list === this.list && state.layers === this.layers) return
    if (list !== this.list) {
      this.rebuilds++
      this.shownLists.forget()
    }
    this.list = list
    this.layers = state.layers
    this.refreshHover()
    // While a zoom or flight goes on, or settles, the picture of where it stops is drawn then.
    if (this.settleTimer !== null || this.hasZoomed) return
    if (!isLargeList(list)) return this.redraw()
    // A large list is bundled in a task of its own, not in the one that selected it.
    this.pending ??= this.placed
    this.markPicture()
    setTimeout(() => this._map && this.settleTimer === null && !this.hasZoomed && this.redraw(), 0)
  }

  private readonly reset = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.container) return
    const target = placementOf(map)
    this.top?.hold(false)
    if (this.settleTimer !== null) clearTimeout(this.settleTimer)
    this.settleTimer = null
    const scene = this.drawnScene
    const isCurrent =
      scene?.list === this.shownLists.kept(scene?.view.scale ?? -1) &&
      scene?.layers === this.layers &&
      scene.palette === this.palette
    const kept = isCurrent && this.hasZoomed ? keptPlacement(map, this.placed) : null
    this.hasZoomed = false
    if (kept) {
      // Zoomed back to the picture on screen, which still covers the view: it stays.
      this.still.cancel()
      this.pending = null
      this.placed = kept
      L.DomUtil.setPosition(this.container, kept.topLeft)
    } else {
      this.standIn()
      // The first picture, and one after a pan or resize, are drawn at once; a new zoom's takes
      // several frames, so it waits until the wheel or the buttons stop zooming.
      if (target.zoom === this.placed.zoom || this.placed.view.widthPx === 0) this.redraw(target)
      else {
        this.still.cancel()
        this.settleTimer = setTimeout(() => {
          this.settleTimer = null
          this.redraw(target)
        }, ZOOM_SETTLE_MS)
      }
    }
    this.markPicture()
  }

  private markPicture(): void {
    const isReady = !this.hasZoomed && !this.settleTimer && !this.pending && !this.still.isBusy
    if (this.container) this.container.dataset.picture = isReady ? 'ready' : 'drawing'
  }

  // Starts the still picture of `target`; the layer shows the last one until it is done.
  private redraw(target: Placement = this.pending ?? this.placed): void {
    this.pending = target
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    const list = this.shownLists.at(this.list, target.view.scale)
    if (!list) return
    this.still.start({ view: target.view, list, palette: this.palette, layers: this.layers, dpr })
    this.markPicture()
  }

  private applyStill(back: HTMLCanvasElement | null, scene: StillScene): HTMLCanvasElement | null {
    const { top, pending } = this
    const old = this.base
    if (!old || !top || !this.container || !pending) return null
    const { view, dpr, palette, layers } = scene
    if (back) {
      back.className = old.className
      back.style.cssText = old.style.cssText
      old.replaceWith(back)
      this.base = back
    }
    const base = back ?? old
    base.style.width = `${view.widthPx}px`
    base.style.height = `${view.heightPx}px`
    L.DomUtil.setPosition(this.container, pending.topLeft)
    this.placed = pending
    this.pending = null
    this.drawnScene = scene
    const shown = scene.list as ShownDrawList
    this.shown = shown
    const topScene = { view, palette, layers, cities: shown.cities }
    const flows = layers.flows ? shown : null
    const dashes = top.show(topScene, dpr, flows, MAX_ANIMATED_EXPOSURES)
    setAggregationStatement(layers.flows ? aggregationStatement(shown, dashes) : '')
    this.hitIndex = null
    this.indexWhenStill()
    this.markPicture()
    return back ? old : null
  }

  /**
   * Builds the new picture's hit index when the pointer could ask, and in a task of its own finds
   * the arcs in the middle of the view: the index of 60,000 paths takes 15 to 25 ms to make.
   */
  private indexWhenStill(): void {
    if (this.hitIndexTimer !== null) clearTimeout(this.hitIndexTimer)
    this.hitIndexTimer = setTimeout(() => {
      const hits = hitsIfLoaded()
      this.hitIndexTimer = null
      if (!hits || this.hitIndex) return
      const index = hits.buildHitIndex(this.placed.view, this.shown)
      this.hitIndex = index
      this.hitIndexTimer = setTimeout(() => {
        this.hitIndexTimer = null
        if (this.hitIndex === index) hits.primeHitIndex(index)
      }, 0)
    }, HIT_INDEX_DELAY_MS)
  }

  // Until the next picture is drawn the last stands in, where its places now are: a jump or each
  // frame of a flight (a chapter, a framing, a pinch) moves Leaflet's layer points and the zoom.
  private readonly standIn = (): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.container) return
    const { offset, scale } = standInTransform(map, this.placed)
    L.DomUtil.setTransform(this.container, offset, scale)
  }

  // The picture may be of an earlier zoom while the next one is drawn: it moves by its own place.
  private readonly onZoomAnim = (e: L.ZoomAnimEvent): void => {
    const map = this._map as L.Map | undefined
    if (!map || !this.container) return
    this.still.cancel()
    this.pending = null
    const { offset, scale } = zoomAnimTransform(map, this.placed, e)
    L.DomUtil.setTransform(this.container, offset, scale)
    this.hasZoomed = true
    this.markPicture()
  }

  private showHover(hit: FlowHit | null, latlng: L.LatLng | null): void {
    const map = this._map as L.Map | undefined
    if (!map || !this.tooltip) return
    const changed = !draw.isSameHit(hit, this.hovered)
    this.hovered = hit
    if (!hit) {
      map.closeTooltip(this.tooltip)
    } else {
      if (changed) this.tooltip.setContent(flowTooltipElement(this.store.getState(), hit))
      if (latlng) this.tooltip.setLatLng(latlng)
      if (!map.hasLayer(this.tooltip)) map.openTooltip(this.tooltip)
    }
    if (changed) this.top?.hover(hit)
  }

  // After the step changes under a still pointer, the hovered arc may be gone.
  private refreshHover(): void {
    if (!this.hovered) return
    this.hovered = null
    this.showHover(null, null)
  }

  private readonly onMouseMove = (e: L.LeafletMouseEvent): void => {
    // A data-center marker above the arcs has the pointer.
    if (siteUnder(this._map, e.containerPoint)) return this.showHover(null, null)
    this.showHover(this.hitAt(e.containerPoint), e.latlng)
  }

  private readonly onMouseOut = (): void => this.showHover(null, null)

  private readonly onClick = (e: L.LeafletMouseEvent): void => {
    if (siteUnder(this._map, e.containerPoint)) return
    clickFlowHit(this.store, this._map, this.hitAt(e.containerPoint), e)
  }

  // A zoom or flight: the picture on screen stands in, scaled, until the map stops.
  private readonly onZoomStart = (): void => {
    this.hasZoomed = true
  }

  // A drag or zoom draws nothing until it ends: its picture would be of a view already left.
  // The dashes hold still meanwhile.
  private readonly onMoveStart = (): void => {
    this.top?.hold(true)
    this.still.cancel()
    this.markPicture()
  }
}
