/**
 * A spatial grid of the shapes drawn in one view, so a pointer move tests the few arcs and dots
 * near it rather than scanning 60,000 of them (a scan took tens of milliseconds per move). City
 * dots are binned when the index is made; arcs by the bounding box of each world copy, and into
 * a grid cell the first time the pointer enters it (binning every segment of 10,000 arcs at once
 * would be a task of over 100 ms after each redraw). What a cell keeps of its arcs, and how a
 * move measures them, is in hit-cells.ts. Cell coordinates are canvas pixels.
 */
import type { FlowDrawList } from './draw-list'
import type { ShownArc } from './flow-bundles'
import { HIT_TOLERANCE_PX, copyOffsets } from './flow-draw'
import type { CanvasView, FlowHit } from './flow-draw'
import {
  CELL_PX,
  CURVE_NUMBERS,
  arcsInCell,
  copiesByBlock,
  nearestInCell,
  writeCurve,
} from './hit-cells'
import type { CellArcs, CopyBlocks } from './hit-cells'
import { doubled } from '../../sim/typed-arrays'

// A city dot is hit a little outside its rim, as before the index.
const CITY_SLACK_PX = 2

/** Shapes of one view by grid cell: arcs and city dots (indices into the list's arrays). */
export interface HitIndex {
  readonly view: CanvasView
  readonly list: FlowDrawList
  readonly columns: number
  readonly rows: number
  /** Per drawn copy of an arc: its index, its x offset, and its box (with the hit tolerance). */
  readonly copies: {
    readonly arc: Int32Array
    readonly ox: Float64Array
    readonly box: Float64Array
  }
  /** The copies whose box meets each block of 4 x 4 cells: those a cell's first visit tests. */
  readonly blocks: CopyBlocks
  /**
   * Per arc with a copy in view, its curve on the unit square (u0, v0, cu, cv, u1, v1), how far
   * its drawn points stray from it (chordSlack, curve-box.ts; NaN for an arc whose points must be
   * read, one clamped to the map's square), and its hit tolerance in pixels.
   */
  readonly curves: Float64Array
  readonly arcsByCell: Array<CellArcs | undefined>
  readonly citiesByCell: ReadonlyArray<readonly number[] | undefined>
  /**
   * The last point asked about and its answer: a pointer move asks twice, for the flow layer's
   * tooltip and for the country under the pointer (country-hover.ts).
   */
  last: { x: number; y: number; flows: boolean; cities: boolean; hit: FlowHit | null } | null
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

// The world copies of the arc or dot being indexed: one array for all of them (copyOffsets).
const copiesSeen: number[] = []

/** Indexes the arcs and city dots of `list` that land on the canvas of `view`. */
export function buildHitIndex(view: CanvasView, list: FlowDrawList): HitIndex {
  const columns = Math.max(1, Math.ceil(view.widthPx / CELL_PX))
  const rows = Math.max(1, Math.ceil(view.heightPx / CELL_PX))
  const citiesByCell = new Array<number[] | undefined>(columns * rows)
  const { scale, originY } = view
  // Typed from the start, grown by doubling: three lists of numbers pushed to and copied into
  // typed arrays made a few MB of garbage per index in the 200 x 5,000 world.
  let arcOf = new Int32Array(list.arcs.length + 16)
  let oxOf = new Float64Array(arcOf.length)
  let boxOf = new Float64Array(4 * arcOf.length)
  let count = 0
  const curves = new Float64Array(CURVE_NUMBERS * list.arcs.length)
  for (let i = 0; i < list.arcs.length; i++) {
    const arc = list.arcs[i] as ShownArc
    const g = arc.geometry
    const t = toleranceOf(arc)
    const top = g.minV * scale - originY - t
    const bottom = g.maxV * scale - originY + t
    if (bottom < 0 || top > view.heightPx) continue
    writeCurve(g, t, curves, CURVE_NUMBERS * i)
    const seen = copyOffsets(view, g.minU, g.maxU, copiesSeen)
    for (let k = 0; k < seen.length; k++) {
      const ox = seen[k] as number
      const left = g.minU * scale - ox - t
      const right = g.maxU * scale - ox + t
      if (right < 0 || left > view.widthPx) continue
      if (count === arcOf.length)
        [arcOf, oxOf, boxOf] = [doubled(arcOf), doubled(oxOf), doubled(boxOf)]
      arcOf[count] = i
      oxOf[count] = ox
      boxOf[4 * count] = left
      boxOf[4 * count + 1] = top
      boxOf[4 * count + 2] = right
      boxOf[4 * count + 3] = bottom
      count++
    }
  }
  const dots = list.cities
  for (let i = 0; i < dots.length; i++) {
    if ((dots.joins[i] as number) <= 0) continue
    const u = dots.u[i] as number
    const r = (dots.radiusPx[i] as number) + CITY_SLACK_PX
    const y = (dots.v[i] as number) * scale - originY
    const seen = copyOffsets(view, u, u, copiesSeen)
    for (let k = 0; k < seen.length; k++) {
      const x = u * scale - (seen[k] as number)
      addBox(citiesByCell, columns, rows, i, x - r, y - r, x + r, y + r)
    }
  }
  const copies = {
    arc: arcOf.subarray(0, count),
    ox: oxOf.subarray(0, count),
    box: boxOf.subarray(0, 4 * count),
  }
  const blocks = copiesByBlock(copies.box, columns, rows)
  const arcsByCell = new Array<CellArcs | undefined>(columns * rows)
  return {
    view,
    list,
    columns,
    rows,
    copies,
    blocks,
    curves,
    arcsByCell,
    citiesByCell,
    last: null,
  }
}

/**
 * Finds the arcs near the middle of the view (where a framing centres its paths) before any
 * pointer asks, while the map is idle: the code a pointer move runs is then compiled before the
 * first move, which took 10 to 20 ms in the 200 x 5,000 world where later first visits took 1 to 5.
 */
export function primeHitIndex(index: HitIndex): void {
  hitTestAt(index, index.view.widthPx / 2, index.view.heightPx / 2, { flows: true, cities: true })
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
  const { last } = index
  if (last?.x === x && last.y === y && last.flows === layers.flows && last.cities === layers.cities)
    return last.hit
  const hit = hitTestAt(index, x, y, layers)
  index.last = { x, y, flows: layers.flows, cities: layers.cities, hit }
  return hit
}

function hitTestAt(
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
      const at = near[j] ?? -1
      if (at < 0 || at >= list.cities.length) continue
      // Read from the dots' arrays: an object a city near the pointer is garbage a move.
      const dots = list.cities
      const u = dots.u[at] as number
      const dy = (dots.v[at] as number) * view.scale - view.originY - y
      const reach = (dots.radiusPx[at] as number) + CITY_SLACK_PX
      for (const ox of copyOffsets(view, u, u, copiesSeen)) {
        const dx = u * view.scale - ox - x
        if (dx * dx + dy * dy <= reach * reach)
          return { kind: 'city', cityIndex: at, joins: dots.joins[at] as number }
      }
    }
  }
  if (!layers.flows) return null
  const near = arcsInCell(index, k)
  const arc =
    nearestInCell(index, near, x, y, list.crossBorderStart, list.arcs.length) ??
    nearestInCell(index, near, x, y, 0, list.crossBorderStart)
  return arc ? { kind: 'flow', arc } : null
}
