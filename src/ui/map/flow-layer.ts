/**
 * Key-delivery arcs and participant cities, drawn imperatively on canvas. The layer reads the
 * store through `subscribe` (no React render per frame), rebuilds its draw list only when the
 * shown step, selection or layers change, and animates exposed arcs with one rAF loop.
 *
 * Two stacked canvases make one layer: the bottom one holds the many neutral arcs, the dotted
 * cross-border arcs and the bands of concern arcs, and is redrawn only on view or data changes;
 * the top one holds the moving dashes of concern arcs (keys from a jurisdiction of concern), city
 * dots and the hover highlight, and is the only thing redrawn per animation frame.
 */
import L from 'leaflet'
import type { StepRecord, World } from '../../sim/model'
import type { AppState, AppStore, RunState } from '../../store/store'
import { incidentOnStep } from '../../store/incident-identity'
import type { Selection } from '../../store/url-state'
import type { RunSummary } from '../../worker/protocol'
import {
  aggregateStepFlows,
  arcGeometry,
  arcKindOf,
  cityJoinsOf,
  distanceToPolylinePx,
  focusOf,
  pairKey,
  runMaxima,
  worldCopyRange,
} from './map-data'
import type { ArcGeometry } from './map-data'
import { countryName } from './country-name'
import { pathTooltipLines, periodOf } from './map-causes'
import {
  EXPOSED_MIN_WIDTH_PX,
  FADED_OPACITY,
  arcStrokeOf,
  cityRadiusPx,
  flowWidthPx,
  mapRunOf,
  mapStepIndexOf,
  mercatorU,
  mercatorV,
} from './map-scales'
import { FALLBACK_PALETTES } from './map-theme'
import type { MapPalette } from './map-theme'
import type { ArcKind } from './map-scales'

/** Name of the map pane the layer draws in (between the countries and the site markers). */
export const FLOW_PANE = 'kr-flows'

// Extra canvas around the viewport, as a share of its size, so a drag reveals drawn arcs
// before the redraw on moveend (as Leaflet's own renderers do).
const PADDING = 0.1
const DASH: number[] = [6, 10]
const DASH_PERIOD_PX = 16
const DASH_SPEED_PX_PER_MS = 0.03
const HIT_TOLERANCE_PX = 5
const ANIMATION_INTERVAL_MS = 30

/** One arc of the shown step, with what drawing and hit-testing need. */
export interface ArcItem {
  readonly siteIndex: number
  readonly cityIndex: number
  readonly deliveries: number
  readonly exposures: number
  readonly concern: number
  readonly kind: ArcKind
  readonly geometry: ArcGeometry
  readonly widthPx: number
  readonly isFaded: boolean
}

interface CityItem {
  readonly cityIndex: number
  readonly u: number
  readonly v: number
  readonly joins: number
  readonly radiusPx: number
  readonly isFaded: boolean
}

/** What lies under the pointer. */
export type FlowHit =
  | { readonly kind: 'flow'; readonly arc: ArcItem }
  | { readonly kind: 'city'; readonly cityIndex: number; readonly joins: number }

const reducedMotionQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)')
    : null

type MapWithPrivateZoom = L.Map & {
  _latLngToNewLayerPoint(latlng: L.LatLng, zoom: number, center: L.LatLng): L.Point
}

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
  private palette: MapPalette = FALLBACK_PALETTES.dark
  private tooltip: L.Tooltip | null = null
  private hovered: FlowHit | null = null

  // View: canvas size in CSS pixels, its top-left as a layer point, and the projection.
  private widthPx = 0
  private heightPx = 0
  private topLeft = L.point(0, 0)
  private originX = 0
  private originY = 0
  private scale = 256

  // Inputs last seen, compared by reference to skip work: what is drawn, never the run object,
  // which the store replaces for reasons that change nothing here.
  private stepMinutes = 60
  private world: World | null = null
  private step: StepRecord | null = null
  private selection: Selection | null = null
  private summary: RunSummary | null = null
  private showFlows = true
  private showCities = true

  private arcCache = new Map<number, ArcGeometry>()
  private maxPair = 1
  private maxCity = 1
  private scannedRunId = -1
  private scannedSteps = 0
  private arcs: ArcItem[] = []
  // arcs[0..crossBorderStart) are neutral, then cross-border-only, then from concernStart on,
  // keys from a jurisdiction of concern (drawn last, on top).
  private crossBorderStart = 0
  private concernStart = 0
  private cities: CityItem[] = []
  private rebuilds = 0

  constructor(store: AppStore) {
    super()
    L.Util.setOptions(this, { pane: FLOW_PANE })
    this.store = store
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
    return this.arcs
  }

  /** The arc or city under a container point, or null. Cities win: their dots are on top. */
  hitAt(containerPoint: L.Point): FlowHit | null {
    const map = this._map as L.Map | undefined
    if (!map || !this.world) return null
    const lp = map.containerPointToLayerPoint(containerPoint)
    const x = lp.x - this.topLeft.x
    const y = lp.y - this.topLeft.y
    const viewMinU = this.originX / this.scale
    const viewMaxU = (this.originX + this.widthPx) / this.scale
    if (this.showCities) {
      for (let i = this.cities.length - 1; i >= 0; i--) {
        const c = this.cities[i]
        if (!c || c.joins <= 0) continue
        const { first, last } = worldCopyRange(c.u, c.u, viewMinU, viewMaxU)
        for (let k = first; k <= last; k++) {
          const d = Math.hypot(
            (c.u + k) * this.scale - this.originX - x,
            c.v * this.scale - this.originY - y,
          )
          if (d <= c.radiusPx + 2) return { kind: 'city', cityIndex: c.cityIndex, joins: c.joins }
        }
      }
    }
    if (!this.showFlows) return null
    let best: ArcItem | null = null
    let bestDistance = Infinity
    for (let i = this.arcs.length - 1; i >= 0; i--) {
      const arc = this.arcs[i]
      if (!arc) continue
      const g = arc.geometry
      const tolerance = Math.max(HIT_TOLERANCE_PX, arc.widthPx / 2 + 3)
      const { first, last } = worldCopyRange(g.minU, g.maxU, viewMinU, viewMaxU)
      for (let k = first; k <= last; k++) {
        const ox = this.originX - k * this.scale
        if (
          x < g.minU * this.scale - ox - tolerance ||
          x > g.maxU * this.scale - ox + tolerance ||
          y < g.minV * this.scale - this.originY - tolerance ||
          y > g.maxV * this.scale - this.originY + tolerance
        )
          continue
        const d = distanceToPolylinePx(x, y, g.points, g.count, this.scale, ox, this.originY)
        // Prefer the arc drawn on top when two are about as near.
        if (d <= tolerance && d < bestDistance - 0.5) {
          best = arc
          bestDistance = d
        }
      }
    }
    return best ? { kind: 'flow', arc: best } : null
  }

  private sync(state: AppState, force = false): void {
    const run = mapRunOf(state)
    const stepIndex = mapStepIndexOf(state)
    const world = run?.world ?? null
    const step = run && stepIndex >= 0 ? (run.steps[stepIndex] ?? null) : null
    const summary = run?.summary ?? null
    const { selection } = state
    const { flows: showFlows, cities: showCities } = state.layers
    const isScaleChanged = this.updateMaxima(run)
    if (
      !force &&
      !isScaleChanged &&
      world === this.world &&
      step === this.step &&
      summary === this.summary &&
      selection === this.selection &&
      showFlows === this.showFlows &&
      showCities === this.showCities
    )
      return
    if (world !== this.world) this.arcCache.clear()
    this.stepMinutes = run?.stepMinutes ?? 60
    this.world = world
    this.step = step
    this.summary = summary
    this.selection = selection
    this.showFlows = showFlows
    this.showCities = showCities
    this.rebuild()
    this.drawBase()
    this.drawTop(performance.now())
    this.refreshHover()
    this.syncAnimation()
  }

  /** Extends the run's largest pair and city over new steps; true when either grew. */
  private updateMaxima(run: RunState | null): boolean {
    if (!run) return false
    const before = { pair: this.maxPair, city: this.maxCity }
    if (run.runId !== this.scannedRunId || run.steps.length < this.scannedSteps) {
      this.scannedRunId = run.runId
      this.scannedSteps = 0
      this.maxPair = 1
      this.maxCity = 1
    }
    if (run.steps.length !== this.scannedSteps) {
      const m = runMaxima(run.steps.slice(this.scannedSteps))
      this.maxPair = Math.max(this.maxPair, m.pair)
      this.maxCity = Math.max(this.maxCity, m.city)
      this.scannedSteps = run.steps.length
    }
    return this.maxPair !== before.pair || this.maxCity !== before.city
  }

  /** How many times the draw list was rebuilt, for tests that count redraws. */
  get rebuildCount(): number {
    return this.rebuilds
  }

  private geometryOf(siteIndex: number, cityIndex: number): ArcGeometry | null {
    const world = this.world
    if (!world) return null
    const key = siteIndex * world.cities.length + cityIndex
    let g = this.arcCache.get(key)
    if (!g) {
      const site = world.sites[siteIndex]
      const city = world.cities[cityIndex]
      if (!site || !city) return null
      g = arcGeometry(site, city)
      this.arcCache.set(key, g)
    }
    return g
  }

  private rebuild(): void {
    this.rebuilds++
    const world = this.world
    this.arcs = []
    this.cities = []
    this.crossBorderStart = 0
    this.concernStart = 0
    if (!world) return
    const flows = this.step?.flows ?? []
    const pairs = aggregateStepFlows(flows, world.sites.length, world.cities.length)
    const incident = incidentOnStep(this.summary, this.selection, this.step, this.stepMinutes)
    const focus = focusOf(this.selection, world, pairs, incident)
    const quantise = (w: number): number => Math.round(w * 4) / 4
    const groups: Record<ArcKind, ArcItem[]> = { normal: [], crossBorder: [], concern: [] }
    for (const p of pairs) {
      const geometry = this.geometryOf(p.siteIndex, p.cityIndex)
      const site = world.sites[p.siteIndex]
      const city = world.cities[p.cityIndex]
      if (!geometry || !site || !city) continue
      const kind = arcKindOf(p)
      const widthPx = quantise(
        Math.max(EXPOSED_MIN_WIDTH_PX[kind], flowWidthPx(p.deliveries, this.maxPair)),
      )
      const isFaded = focus !== null && !focus.pairs.has(pairKey(site.id, city.id))
      groups[kind].push({ ...p, kind, geometry, widthPx, isFaded })
    }
    const extra = focus?.extraPair
    if (extra) {
      const siteIndex = world.sites.findIndex((s) => s.id === extra.siteId)
      const cityIndex = world.cities.findIndex((c) => c.id === extra.cityId)
      const isSame = (a: ArcItem): boolean => a.siteIndex === siteIndex && a.cityIndex === cityIndex
      const isDrawn = groups.crossBorder.some(isSame) || groups.concern.some(isSame)
      const geometry = isDrawn ? null : this.geometryOf(siteIndex, cityIndex)
      if (geometry) {
        groups.normal = groups.normal.filter((a) => !isSame(a))
        const kind: ArcKind = incident && !incident.isConcern ? 'crossBorder' : 'concern'
        groups[kind].push({
          siteIndex,
          cityIndex,
          deliveries: 0,
          exposures: 1,
          concern: kind === 'concern' ? 1 : 0,
          kind,
          geometry,
          widthPx: 2.5,
          isFaded: false,
        })
      }
    }
    // Faded first and thin first, so emphasised and heavy arcs end on top; equal styles end up
    // adjacent, which lets one stroke draw a whole run of them.
    const order = (a: ArcItem, b: ArcItem): number =>
      Number(!a.isFaded) - Number(!b.isFaded) || a.widthPx - b.widthPx
    for (const group of Object.values(groups)) group.sort(order)
    this.arcs = [...groups.normal, ...groups.crossBorder, ...groups.concern]
    this.crossBorderStart = groups.normal.length
    this.concernStart = groups.normal.length + groups.crossBorder.length

    const joins = cityJoinsOf(flows, world.cities.length)
    this.cities = world.cities.map((city, cityIndex) => {
      const n = joins[cityIndex] ?? 0
      return {
        cityIndex,
        u: mercatorU(city.lon),
        v: mercatorV(city.lat),
        joins: n,
        radiusPx: cityRadiusPx(n, this.maxCity),
        isFaded:
          focus !== null && !focus.cityIds.has(city.id) && !focus.countries.has(city.country),
      }
    })
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
    this.originX = origin.x
    this.originY = origin.y
    this.scale = map.options.crs?.scale(map.getZoom()) ?? 256 * 2 ** map.getZoom()
    this.widthPx = size.x + 2 * padX
    this.heightPx = size.y + 2 * padY
    const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1
    for (const canvas of [this.base, this.top]) {
      canvas.width = Math.max(1, Math.round(this.widthPx * dpr))
      canvas.height = Math.max(1, Math.round(this.heightPx * dpr))
      canvas.style.width = `${this.widthPx}px`
      canvas.style.height = `${this.heightPx}px`
    }
    for (const ctx of [this.baseCtx, this.topCtx]) ctx?.setTransform(dpr, 0, 0, dpr, 0, 0)
    this.drawBase()
    this.drawTop(performance.now())
  }

  private readonly onZoomAnim = (e: L.ZoomAnimEvent): void => {
    const map = this._map as MapWithPrivateZoom | undefined
    if (!map || !this.container) return
    const scale = map.getZoomScale(e.zoom, map.getZoom())
    const topLeftLatLng = map.layerPointToLatLng(this.topLeft)
    const offset = map._latLngToNewLayerPoint(topLeftLatLng, e.zoom, e.center)
    L.DomUtil.setTransform(this.container, offset, scale)
  }

  private tracePath(ctx: CanvasRenderingContext2D, arc: ArcItem): void {
    const g = arc.geometry
    const viewMinU = this.originX / this.scale
    const viewMaxU = (this.originX + this.widthPx) / this.scale
    const minY = g.minV * this.scale - this.originY
    const maxY = g.maxV * this.scale - this.originY
    if (maxY < -8 || minY > this.heightPx + 8) return
    const { first, last } = worldCopyRange(g.minU, g.maxU, viewMinU, viewMaxU)
    const p = g.points
    for (let k = first; k <= last; k++) {
      const ox = this.originX - k * this.scale
      ctx.moveTo((p[0] ?? 0) * this.scale - ox, (p[1] ?? 0) * this.scale - this.originY)
      for (let i = 1; i < g.count; i++) {
        ctx.lineTo(
          (p[2 * i] ?? 0) * this.scale - ox,
          (p[2 * i + 1] ?? 0) * this.scale - this.originY,
        )
      }
    }
  }

  // Strokes arcs[from..to), all of one kind, in runs of equal style: one beginPath/stroke per run.
  private strokeArcs(ctx: CanvasRenderingContext2D, from: number, to: number, kind: ArcKind): void {
    let i = from
    while (i < to) {
      const head = this.arcs[i]
      if (!head) break
      const stroke = arcStrokeOf(kind, head.widthPx)
      ctx.strokeStyle = this.palette[stroke.colour]
      ctx.lineCap = stroke.lineCap
      ctx.setLineDash(stroke.dash as number[])
      ctx.globalAlpha = head.isFaded ? stroke.alpha * FADED_OPACITY : stroke.alpha
      ctx.lineWidth = head.widthPx
      ctx.beginPath()
      let j = i
      for (; j < to; j++) {
        const arc = this.arcs[j]
        if (!arc || arc.isFaded !== head.isFaded || arc.widthPx !== head.widthPx) break
        this.tracePath(ctx, arc)
      }
      ctx.stroke()
      i = j
    }
    ctx.globalAlpha = 1
    ctx.setLineDash([])
    ctx.lineCap = 'butt'
  }

  // The moving dashes of concern arcs: one-pixel lines, because the software rasteriser strokes
  // those several times faster than wide ones (measured: 23 vs 60 fps with 330 exposed arcs);
  // the width that encodes the count is the band drawn once on the bottom canvas.
  private strokeDashes(ctx: CanvasRenderingContext2D): void {
    ctx.strokeStyle = this.palette.fg
    ctx.lineWidth = 1
    for (const isFaded of [true, false]) {
      ctx.globalAlpha = isFaded ? FADED_OPACITY : 1
      ctx.beginPath()
      for (let i = this.concernStart; i < this.arcs.length; i++) {
        const arc = this.arcs[i]
        if (arc && arc.isFaded === isFaded) this.tracePath(ctx, arc)
      }
      ctx.stroke()
    }
    ctx.globalAlpha = 1
  }

  private clear(ctx: CanvasRenderingContext2D): void {
    ctx.save()
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
    ctx.restore()
  }

  private drawBase(): void {
    const ctx = this.baseCtx
    if (!ctx) return
    this.clear(ctx)
    if (!this.showFlows) return
    ctx.lineCap = 'butt'
    ctx.lineJoin = 'miter'
    ctx.setLineDash([])
    this.strokeArcs(ctx, 0, this.crossBorderStart, 'normal')
    this.strokeArcs(ctx, this.crossBorderStart, this.concernStart, 'crossBorder')
    this.strokeArcs(ctx, this.concernStart, this.arcs.length, 'concern')
  }

  private drawTop(nowMs: number): void {
    const ctx = this.topCtx
    if (!ctx) return
    this.clear(ctx)
    if (this.showFlows && this.concernStart < this.arcs.length) {
      ctx.lineCap = 'butt'
      ctx.lineJoin = 'miter'
      ctx.setLineDash(DASH)
      ctx.lineDashOffset = this.isReducedMotion
        ? 0
        : -((nowMs * DASH_SPEED_PX_PER_MS) % DASH_PERIOD_PX)
      this.strokeDashes(ctx)
      ctx.setLineDash([])
    }
    const hovered = this.hovered
    if (hovered?.kind === 'flow' && this.showFlows) {
      ctx.strokeStyle = this.palette.fg
      ctx.globalAlpha = 0.9
      ctx.lineWidth = hovered.arc.widthPx + 3
      ctx.lineCap = 'round'
      ctx.beginPath()
      this.tracePath(ctx, hovered.arc)
      ctx.globalCompositeOperation = 'destination-over'
      ctx.stroke()
      ctx.globalCompositeOperation = 'source-over'
      ctx.globalAlpha = 1
    }
    if (this.showCities) this.drawCities(ctx)
  }

  private drawCities(ctx: CanvasRenderingContext2D): void {
    const viewMinU = this.originX / this.scale
    const viewMaxU = (this.originX + this.widthPx) / this.scale
    ctx.lineWidth = 1
    ctx.strokeStyle = this.palette.bg
    ctx.fillStyle = this.palette.accent
    for (const c of this.cities) {
      ctx.globalAlpha = c.isFaded ? FADED_OPACITY : c.joins > 0 ? 0.9 : 0.45
      const y = c.v * this.scale - this.originY
      const { first, last } = worldCopyRange(c.u, c.u, viewMinU, viewMaxU)
      for (let k = first; k <= last; k++) {
        ctx.beginPath()
        ctx.arc((c.u + k) * this.scale - this.originX, y, c.radiusPx, 0, 2 * Math.PI)
        ctx.fill()
        if (c.joins > 0) ctx.stroke()
      }
    }
    const hovered = this.hovered
    if (hovered?.kind === 'city') {
      const c = this.cities[hovered.cityIndex]
      if (c) {
        ctx.globalAlpha = 1
        ctx.strokeStyle = this.palette.fg
        ctx.lineWidth = 2
        const { first, last } = worldCopyRange(c.u, c.u, viewMinU, viewMaxU)
        for (let k = first; k <= last; k++) {
          ctx.beginPath()
          ctx.arc(
            (c.u + k) * this.scale - this.originX,
            c.v * this.scale - this.originY,
            c.radiusPx + 2,
            0,
            2 * Math.PI,
          )
          ctx.stroke()
        }
      }
    }
    ctx.globalAlpha = 1
  }

  private shouldAnimate(): boolean {
    return (
      this.topCtx !== null &&
      this.showFlows &&
      this.concernStart < this.arcs.length &&
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
    const world = this.world
    const el = document.createElement('div')
    const title = document.createElement('strong')
    let lines: string[]
    if (hit.kind === 'city') {
      const city = world?.cities[hit.cityIndex]
      title.textContent = city ? `${city.name}, ${countryName(city.country)}` : 'City'
      lines = [
        `${hit.joins.toLocaleString('en-US')} participants joined ${periodOf(this.stepMinutes)}`,
      ]
    } else {
      title.textContent = `${world?.sites[hit.arc.siteIndex]?.city ?? '?'} → ${world?.cities[hit.arc.cityIndex]?.name ?? '?'}`
      lines = pathTooltipLines({
        ...hit.arc,
        world,
        step: this.step,
        summary: this.summary,
        stepMinutes: this.stepMinutes,
      })
    }
    el.append(title)
    for (const line of lines)
      el.append(Object.assign(document.createElement('div'), { textContent: line }))
    return el
  }

  private isSameHit(a: FlowHit | null, b: FlowHit | null): boolean {
    if (a === null || b === null) return a === b
    if (a.kind === 'city' && b.kind === 'city') return a.cityIndex === b.cityIndex
    if (a.kind === 'flow' && b.kind === 'flow') return a.arc === b.arc
    return false
  }

  private showHover(hit: FlowHit | null, latlng: L.LatLng | null): void {
    const map = this._map as L.Map | undefined
    if (!map || !this.tooltip) return
    const changed = !this.isSameHit(hit, this.hovered)
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
    const world = this.world
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
