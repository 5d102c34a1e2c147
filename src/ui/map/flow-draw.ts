/**
 * Canvas drawing and hit-testing of a flow draw list (see draw-list.ts) in a view: plain
 * functions over a 2D context, so the Leaflet layer only keeps the view, the canvases and the
 * animation clock.
 */
import type { ArcItem, CityItem, FlowDrawList } from './draw-list'
import { distanceToPolylinePx, worldCopyRange } from './map-data'
import { FADED_OPACITY, arcStrokeOf } from './map-scales'
import type { ArcKind } from './map-scales'
import type { MapPalette } from './map-theme'

const HIT_TOLERANCE_PX = 5

/** Dash and gap, in pixels, of the moving dashes over concern arcs. */
export const DASH_PATTERN: readonly number[] = [6, 10]

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

/** Each world copy of an item the view shows, as the x offset to subtract: pixel = u*scale - ox. */
export function copyOffsets(view: CanvasView, minU: number, maxU: number): number[] {
  const { first, last } = worldCopyRange(
    minU,
    maxU,
    view.originX / view.scale,
    (view.originX + view.widthPx) / view.scale,
  )
  const out: number[] = []
  for (let k = first; k <= last; k++) out.push(view.originX - k * view.scale)
  return out
}

/** Clears the whole canvas, whatever transform the context has. */
export function clearCanvas(ctx: CanvasRenderingContext2D): void {
  ctx.save()
  ctx.setTransform(1, 0, 0, 1, 0, 0)
  ctx.clearRect(0, 0, ctx.canvas.width, ctx.canvas.height)
  ctx.restore()
}

/** Adds an arc's path, on every world copy in view, to the context's current path. */
export function tracePath(ctx: CanvasRenderingContext2D, view: CanvasView, arc: ArcItem): void {
  const g = arc.geometry
  const { scale, originY } = view
  if (g.maxV * scale - originY < -8 || g.minV * scale - originY > view.heightPx + 8) return
  const p = g.points
  for (const ox of copyOffsets(view, g.minU, g.maxU)) {
    ctx.moveTo((p[0] ?? 0) * scale - ox, (p[1] ?? 0) * scale - originY)
    for (let i = 1; i < g.count; i++)
      ctx.lineTo((p[2 * i] ?? 0) * scale - ox, (p[2 * i + 1] ?? 0) * scale - originY)
  }
}

// Strokes arcs[from..to), all of one kind, in runs of equal style: one beginPath/stroke per run.
function strokeArcs(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  arcs: readonly ArcItem[],
  [from, to]: readonly [number, number],
  kind: ArcKind,
): void {
  let i = from
  while (i < to) {
    const head = arcs[i]
    if (!head) break
    const stroke = arcStrokeOf(kind, head.widthPx)
    ctx.strokeStyle = palette[stroke.colour]
    ctx.lineCap = stroke.lineCap
    ctx.setLineDash(stroke.dash as number[])
    ctx.globalAlpha = head.isFaded ? stroke.alpha * FADED_OPACITY : stroke.alpha
    ctx.lineWidth = head.widthPx
    ctx.beginPath()
    let j = i
    for (; j < to; j++) {
      const arc = arcs[j]
      if (!arc || arc.isFaded !== head.isFaded || arc.widthPx !== head.widthPx) break
      tracePath(ctx, view, arc)
    }
    ctx.stroke()
    i = j
  }
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
  const { arcs, crossBorderStart, concernStart } = list
  ctx.lineJoin = 'miter'
  strokeArcs(ctx, view, palette, arcs, [0, crossBorderStart], 'normal')
  strokeArcs(ctx, view, palette, arcs, [crossBorderStart, concernStart], 'crossBorder')
  strokeArcs(ctx, view, palette, arcs, [concernStart, arcs.length], 'concern')
}

/**
 * The moving dashes of concern arcs: one-pixel lines, because the software rasteriser strokes
 * those several times faster than wide ones (measured: 23 vs 60 fps with 330 exposed arcs); the
 * width that encodes the count is the band drawn once underneath.
 */
export function drawDashes(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  list: FlowDrawList,
): void {
  ctx.strokeStyle = palette.fg
  ctx.lineWidth = 1
  for (const isFaded of [true, false]) {
    ctx.globalAlpha = isFaded ? FADED_OPACITY : 1
    ctx.beginPath()
    for (let i = list.concernStart; i < list.arcs.length; i++) {
      const arc = list.arcs[i]
      if (arc && arc.isFaded === isFaded) tracePath(ctx, view, arc)
    }
    ctx.stroke()
  }
  ctx.globalAlpha = 1
}

function traceDot(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  c: CityItem,
  radiusPx: number,
): number[] {
  const offsets = copyOffsets(view, c.u, c.u)
  for (const ox of offsets) {
    ctx.moveTo(c.u * view.scale - ox + radiusPx, c.v * view.scale - view.originY)
    ctx.arc(c.u * view.scale - ox, c.v * view.scale - view.originY, radiusPx, 0, 2 * Math.PI)
  }
  return offsets
}

/** City dots (size for joins), and a ring round the hovered one. */
export function drawCities(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  palette: MapPalette,
  cities: readonly CityItem[],
  hoveredCity: number | null,
): void {
  ctx.lineWidth = 1
  ctx.strokeStyle = palette.bg
  ctx.fillStyle = palette.accent
  for (const c of cities) {
    ctx.globalAlpha = c.isFaded ? FADED_OPACITY : c.joins > 0 ? 0.9 : 0.45
    ctx.beginPath()
    traceDot(ctx, view, c, c.radiusPx)
    ctx.fill()
    if (c.joins > 0) ctx.stroke()
  }
  const hovered = hoveredCity === null ? undefined : cities[hoveredCity]
  if (hovered) {
    ctx.globalAlpha = 1
    ctx.strokeStyle = palette.fg
    ctx.lineWidth = 2
    ctx.beginPath()
    traceDot(ctx, view, hovered, hovered.radiusPx + 2)
    ctx.stroke()
  }
  ctx.globalAlpha = 1
}

/**
 * The arc or city at canvas point (x, y), or null. Cities win (their dots are on top); of two
 * arcs about as near, the one drawn on top.
 */
export function hitTest(
  view: CanvasView,
  list: FlowDrawList,
  x: number,
  y: number,
  layers: { readonly flows: boolean; readonly cities: boolean },
): FlowHit | null {
  const { scale, originY } = view
  if (layers.cities) {
    for (let i = list.cities.length - 1; i >= 0; i--) {
      const c = list.cities[i]
      if (!c || c.joins <= 0) continue
      for (const ox of copyOffsets(view, c.u, c.u)) {
        if (Math.hypot(c.u * scale - ox - x, c.v * scale - originY - y) <= c.radiusPx + 2)
          return { kind: 'city', cityIndex: c.cityIndex, joins: c.joins }
      }
    }
  }
  if (!layers.flows) return null
  let best: ArcItem | null = null
  let bestDistance = Infinity
  for (let i = list.arcs.length - 1; i >= 0; i--) {
    const arc = list.arcs[i]
    if (!arc) continue
    const g = arc.geometry
    const tolerance = Math.max(HIT_TOLERANCE_PX, arc.widthPx / 2 + 3)
    if (y < g.minV * scale - originY - tolerance || y > g.maxV * scale - originY + tolerance)
      continue
    for (const ox of copyOffsets(view, g.minU, g.maxU)) {
      if (x < g.minU * scale - ox - tolerance || x > g.maxU * scale - ox + tolerance) continue
      const d = distanceToPolylinePx(x, y, g.points, g.count, scale, ox, originY)
      if (d <= tolerance && d < bestDistance - 0.5) {
        best = arc
        bestDistance = d
      }
    }
  }
  return best ? { kind: 'flow', arc: best } : null
}
