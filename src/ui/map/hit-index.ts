/**
 * A spatial grid of the shapes drawn in one view, so a pointer move tests the few arcs and dots
 * near it rather than scanning 60,000 of them (a scan took tens of milliseconds per move). Built
 * once per drawn list and view; cell coordinates are canvas pixels.
 */
import type { FlowDrawList } from './draw-list'
import type { ShownArc } from './flow-bundles'
import { HIT_TOLERANCE_PX, copyOffsets } from './flow-draw'
import type { CanvasView, FlowHit } from './flow-draw'
import { distanceToPolylinePx } from './map-data'

const CELL_PX = 32
// A city dot is hit a little outside its rim, as before the index.
const CITY_SLACK_PX = 2

/** Shapes of one view by grid cell: arcs and city dots (indices into the list's arrays). */
export interface HitIndex {
  readonly view: CanvasView
  readonly list: FlowDrawList
  readonly columns: number
  readonly rows: number
  readonly arcsByCell: ReadonlyArray<readonly number[] | undefined>
  readonly citiesByCell: ReadonlyArray<readonly number[] | undefined>
}

const toleranceOf = (arc: ShownArc): number => Math.max(HIT_TOLERANCE_PX, arc.widthPx / 2 + 3)

function addBox(
  cells: (number[] | undefined)[],
  columns: number,
  rows: number,
  item: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
): void {
  const c0 = Math.max(0, Math.floor(left / CELL_PX))
  const c1 = Math.min(columns - 1, Math.floor(right / CELL_PX))
  const r0 = Math.max(0, Math.floor(top / CELL_PX))
  const r1 = Math.min(rows - 1, Math.floor(bottom / CELL_PX))
  for (let r = r0; r <= r1; r++)
    for (let c = c0; c <= c1; c++) {
      const k = r * columns + c
      const cell = (cells[k] ??= [])
      // Consecutive segments of one arc mostly share cells: keep each arc once per cell.
      if (cell[cell.length - 1] !== item) cell.push(item)
    }
}

/** Indexes every arc segment and city dot of `list` that lands on the canvas of `view`. */
export function buildHitIndex(view: CanvasView, list: FlowDrawList): HitIndex {
  const columns = Math.max(1, Math.ceil(view.widthPx / CELL_PX))
  const rows = Math.max(1, Math.ceil(view.heightPx / CELL_PX))
  const arcsByCell = new Array<number[] | undefined>(columns * rows)
  const citiesByCell = new Array<number[] | undefined>(columns * rows)
  const { scale, originY } = view
  list.arcs.forEach((arc: ShownArc, i) => {
    const g = arc.geometry
    const t = toleranceOf(arc)
    if (g.maxV * scale - originY < -t || g.minV * scale - originY > view.heightPx + t) return
    for (const ox of copyOffsets(view, g.minU, g.maxU)) {
      let ax = (g.points[0] ?? 0) * scale - ox
      let ay = (g.points[1] ?? 0) * scale - originY
      for (let s = 1; s < g.count; s++) {
        const bx = (g.points[2 * s] ?? 0) * scale - ox
        const by = (g.points[2 * s + 1] ?? 0) * scale - originY
        const left = Math.min(ax, bx) - t
        const top = Math.min(ay, by) - t
        const right = Math.max(ax, bx) + t
        const bottom = Math.max(ay, by) + t
        if (right >= 0 && bottom >= 0 && left <= view.widthPx && top <= view.heightPx)
          addBox(arcsByCell, columns, rows, i, left, top, right, bottom)
        ax = bx
        ay = by
      }
    }
  })
  list.cities.forEach((c, i) => {
    if (c.joins <= 0) return
    const r = c.radiusPx + CITY_SLACK_PX
    const y = c.v * scale - originY
    for (const ox of copyOffsets(view, c.u, c.u)) {
      const x = c.u * scale - ox
      addBox(citiesByCell, columns, rows, i, x - r, y - r, x + r, y + r)
    }
  })
  return { view, list, columns, rows, arcsByCell, citiesByCell }
}

function nearestArc(
  index: HitIndex,
  candidates: readonly number[],
  x: number,
  y: number,
  from: number,
  to: number,
): ShownArc | null {
  const { view, list } = index
  let best: ShownArc | null = null
  let bestIndex = -1
  let bestDistance = Infinity
  for (const i of candidates) {
    if (i < from || i >= to) continue
    const arc = list.arcs[i]
    if (!arc) continue
    const g = arc.geometry
    const t = toleranceOf(arc)
    for (const ox of copyOffsets(view, g.minU, g.maxU)) {
      const d = distanceToPolylinePx(x, y, g.points, g.count, view.scale, ox, view.originY)
      // Of two arcs about as near, the one drawn on top (the later one).
      const isBetter = d < bestDistance - 0.5 || (d < bestDistance + 0.5 && i > bestIndex)
      if (d <= t && isBetter) {
        best = arc
        bestIndex = i
        bestDistance = Math.min(d, bestDistance)
      }
    }
  }
  return best
}

/**
 * The city dot or arc at canvas point (x, y), or null. Cities win (their dots are on top), then
 * exposed arcs, then normal arcs and bundles: a bundle never hides an exposure under it.
 */
export function hitTestIndexed(
  index: HitIndex,
  x: number,
  y: number,
  layers: { readonly flows: boolean; readonly cities: boolean },
): FlowHit | null {
  const { view, list, columns, rows } = index
  const c = Math.floor(x / CELL_PX)
  const r = Math.floor(y / CELL_PX)
  if (c < 0 || r < 0 || c >= columns || r >= rows) return null
  const k = r * columns + c
  if (layers.cities) {
    const near = index.citiesByCell[k] ?? []
    for (let j = near.length - 1; j >= 0; j--) {
      const city = list.cities[near[j] ?? -1]
      if (!city) continue
      const cy = city.v * view.scale - view.originY
      for (const ox of copyOffsets(view, city.u, city.u))
        if (Math.hypot(city.u * view.scale - ox - x, cy - y) <= city.radiusPx + CITY_SLACK_PX)
          return { kind: 'city', cityIndex: city.cityIndex, joins: city.joins }
    }
  }
  if (!layers.flows) return null
  const near = index.arcsByCell[k] ?? []
  const arc =
    nearestArc(index, near, x, y, list.crossBorderStart, list.arcs.length) ??
    nearestArc(index, near, x, y, 0, list.crossBorderStart)
  return arc ? { kind: 'flow', arc } : null
}
