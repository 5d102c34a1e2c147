/**
 * Canvas drawing and hit-testing of a flow draw list (see draw-list.ts) in a view: plain
 * functions over a 2D context, so the Leaflet layer only keeps the view, the canvases and the
 * animation clock.
 */
import type { CityDots } from './city-dots'
import type { ArcItem, FlowDrawList } from './draw-list'
import { worldCopyRange } from './map-data'
import { CLIP_MARGIN_PX, dashPeriodOf, traceClipped } from './clipped-trace'
import type { PathSink } from './clipped-trace'
import { scannedPoints } from './tabled-arc-geometry'
import { FADED_OPACITY, arcStrokeOf } from './map-scales'
import type { ArcKind } from './map-scales'
import type { MapPalette } from './map-theme'

/** Pixels from a thin arc within which the pointer still hits it. */
export const HIT_TOLERANCE_PX = 5

/** Where the canvas stands: its size in CSS pixels and its top-left in world pixels at `scale`. */
export interface CanvasView {
  readonly widthPx: number
  readonly heightPx: number
  readonly originX: number
  readonly originY: number
  /** Pixels per unit of the Web Mercator square at the current zoom. */
  readonly scale: number
}

/** What lies under the pointer. */
export type FlowHit =
  | { readonly kind: 'flow'; readonly arc: ArcItem }
  | { readonly kind: 'city'; readonly cityIndex: number; readonly joins: number }

/** Whether two hits name the same arc or city. */
export function isSameHit(a: FlowHit | null, b: FlowHit | null): boolean {
  if (a === null || b === null) return a === b
  if (a.kind === 'city' && b.kind === 'city') return a.cityIndex === b.cityIndex
  if (a.kind === 'flow' && b.kind === 'flow') return a.arc === b.arc
  return false
}

/**
 * Each world copy of an item the view shows, as the x offset to subtract: pixel = u*scale - ox.
 * Written into `out` when given (emptied first): a loop over thousands of arcs passes one array
 * for all of them, read before the next call, where an array an arc was megabytes of garbage per
 * redraw and hit index in the 200 x 5,000 world.
 */
export function copyOffsets(
  view: CanvasView,
  minU: number,
  maxU: number,
  out: number[] = [],
): number[] {
  const { first, last } = worldCopyRange(
    minU,
    maxU,
    view.originX / view.scale,
    (view.originX + view.widthPx) / view.scale,
  )
  out.length = 0
  for (let k = first; k <= last; k++) out.push(view.originX - k * view.scale)
  return out
}

// The copies of the arc or dot being traced or tested: one array for every call below.
const copiesNow: number[] = []

/** Clears the whole canvas, whatever transform the context has. */
export function clearCanvas(ctx: CanvasRenderingContext2D): void {
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  ctx.restore()
}

/**
 * Adds an arc's path, on every world copy in view, to the context's current path: only its
 * stretches near the canvas (clipped-trace.ts). Give `dashPeriodPx`, the sum of the line dash
 * pattern, for a dashed stroke, so a clipped arc's dashes stand where the whole arc puts them.
 */
export function tracePath(ctx: PathSink, view: CanvasView, arc: ArcItem, dashPeriodPx = 0): void {
  const g = arc.geometry
  const { scale, originY, widthPx, heightPx } = view
  if (
    g.maxV * scale - originY < -CLIP_MARGIN_PX ||
    g.minV * scale - originY > heightPx + CLIP_MARGIN_PX
  )
    return
  const offsets = copyOffsets(view, g.minU, g.maxU, copiesNow)
  // Read once per trace, not kept: the thousand exposures a step dashes kept 1,000 arrays each.
  const points = scannedPoints(g)
  for (let k = 0; k < offsets.length; k++) {
    const frame = { scale, offsetX: offsets[k] as number, offsetY: originY, widthPx, heightPx }
    traceClipped(ctx, points, g.count, frame, dashPeriodPx)
  }
}

/** One stroke of the still arcs: arcs[from..to), all of one kind and one style. */
export interface ArcStrokeRun {
  readonly kind: ArcKind
  readonly from: number
  readonly to: number
}

// Arcs per stroke at most, so a redraw can stop between strokes and go on in the next frame.
const MAX_ARCS_PER_STROKE = 150
// Where one kind has thousands of arcs (imported worlds, never a preset) its wide or dotted
// strokes take the software rasteriser up to 100 ms per 150 arcs: smaller strokes keep each
// slice of a redraw inside a frame.
const MANY_ARCS = 2_000
const MAX_ARCS_PER_STROKE_WHEN_MANY = 30

/**
 * The strokes that draw a list's still arcs, neutral first, concern bands last (on top): one per
 * run of equal style (the list orders arcs so equal styles are adjacent), split every
 * {@link MAX_ARCS_PER_STROKE} arcs.
 */
export function arcStrokeRuns(list: FlowDrawList): ArcStrokeRun[] {
  const { arcs, crossBorderStart, concernStart } = list
  const runs: ArcStrokeRun[] = []
  const spans: Array<[ArcKind, number, number]> = [
    ['normal', 0, crossBorderStart],
    ['crossBorder', crossBorderStart, concernStart],
    ['concern', concernStart, arcs.length],
  ]
  for (const [kind, start, end] of spans) {
    const most = end - start > MANY_ARCS ? MAX_ARCS_PER_STROKE_WHEN_MANY : MAX_ARCS_PER_STROKE
    let i = start
    while (i < end) {
      const head = arcs[i] as ArcItem
      let j = i + 1
      while (j < end && j - i < most) {
        const arc = arcs[j] as ArcItem
        if (arc.isFaded !== head.isFaded || arc.widthPx !== head.widthPx) break
        j++
      }
      runs.push({ kind, from: i, to: j })
      i = j
    }
  }
  return runs
}

/** Strokes one run of {@link arcStrokeRuns}. */
export function strokeRun(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  arcs: readonly ArcItem[],
  run: ArcStrokeRun,
): void {
  const head = arcs[run.from]
  if (!head) return
  const stroke = arcStrokeOf(run.kind, head.widthPx)
  ctx.lineJoin = 'miter'
  ctx.strokeStyle = palette[stroke.colour]
  ctx.lineCap = stroke.lineCap
  ctx.setLineDash(stroke.dash as number[])
  ctx.globalAlpha = head.isFaded ? stroke.alpha * FADED_OPACITY : stroke.alpha
  ctx.lineWidth = head.widthPx
  ctx.beginPath()
  const period = dashPeriodOf(stroke.dash)
  for (let j = run.from; j < run.to; j++) tracePath(ctx, view, arcs[j] as ArcItem, period)
  ctx.stroke()
  ctx.globalAlpha = 1
  ctx.setLineDash([])
  ctx.lineCap = 'butt'
}

/** The still part: every arc's stroke, neutral first, concern bands last (on top). */
export function drawArcs(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  list: FlowDrawList,
): void {
  for (const run of arcStrokeRuns(list)) strokeRun(ctx, view, palette, list.arcs, run)
}

/** The halo under the hovered arc's dashes (drawn under what the top canvas already holds). */
export function drawArcHighlight(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  arc: ArcItem,
): void {
  ctx.strokeStyle = palette.fg
  ctx.globalAlpha = 0.9
  ctx.lineWidth = arc.widthPx + 3
  ctx.lineCap = 'round'
  ctx.beginPath()
  tracePath(ctx, view, arc)
  ctx.globalCompositeOperation = 'destination-over'
  ctx.stroke()
  ctx.globalCompositeOperation = 'source-over'
  ctx.globalAlpha = 1
}

function traceDot(
  ctx: CanvasRenderingContext2D | Path2D,
  view: CanvasView,
  u: number,
  v: number,
  radiusPx: number,
): void {
  const offsets = copyOffsets(view, u, u, copiesNow)
  const y = v * view.scale - view.originY
  for (let k = 0; k < offsets.length; k++) {
    const x = u * view.scale - (offsets[k] as number)
    ctx.moveTo(x + radiusPx, y)
    ctx.arc(x, y, radiusPx, 0, 2 * Math.PI)
  }
}

// The three groups of dots, drawn in this order: 0 empty, 1 faded, 2 with joins.
const DOT_GROUPS = [
  { alpha: 0.45, hasRing: false },
  { alpha: FADED_OPACITY, hasRing: true },
  { alpha: 0.9, hasRing: true },
] as const

const dotGroupOf = (dots: CityDots, i: number): number =>
  dots.isFaded[i] === 1 ? 1 : (dots.joins[i] as number) > 0 ? 2 : 0

/**
 * City dots (size for joins), batched: one path per opacity (5,000 separate fills cost more than
 * the dots), rings on dots with joins; and a ring round the hovered one.
 */
export function drawCities(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  dots: CityDots,
  hoveredCity: number | null,
): void {
  ctx.lineWidth = 1
  ctx.strokeStyle = palette.bg
  ctx.fillStyle = palette.accent
  const { u, v, radiusPx, joins } = dots
  DOT_GROUPS.forEach((group, g) => {
    ctx.globalAlpha = group.alpha
    ctx.beginPath()
    for (let i = 0; i < dots.length; i++)
      if (dotGroupOf(dots, i) === g)
        traceDot(ctx, view, u[i] as number, v[i] as number, radiusPx[i] as number)
    ctx.fill()
    if (!group.hasRing) return
    ctx.beginPath()
    for (let i = 0; i < dots.length; i++)
      if (dotGroupOf(dots, i) === g && (joins[i] as number) > 0)
        traceDot(ctx, view, u[i] as number, v[i] as number, radiusPx[i] as number)
    ctx.stroke()
  })
  if (hoveredCity !== null && hoveredCity >= 0 && hoveredCity < dots.length)
    drawCityRing(ctx, view, palette, dots, hoveredCity)
  ctx.globalAlpha = 1
}

/** The ring round a hovered city dot, dot `i` of `dots`. */
export function drawCityRing(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  dots: CityDots,
  i: number,
): void {
  ctx.globalAlpha = 1
  ctx.strokeStyle = palette.fg
  ctx.lineWidth = 2
  ctx.beginPath()
  traceDot(ctx, view, dots.u[i] as number, dots.v[i] as number, (dots.radiusPx[i] as number) + 2)
  ctx.stroke()
}
