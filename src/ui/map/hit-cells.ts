/**
 * The arcs near one cell of the hit index's grid (hit-index.ts), found on the pointer's first
 * visit to the cell: per world copy near it, the chord of the copy's stretch there and how far the
 * copy's drawn points may stray from that chord. A cell near a busy site holds thousands of
 * copies (4,000 in the 200 x 5,000 world); a pointer move measures its distance to each chord, a
 * few arithmetic steps, and the drawn segments of the stretch only for the copies a chord leaves
 * in reach. Measuring each copy's curve instead took 1 to 5 ms a move in such a cell.
 */
import type { ShownArc } from './flow-bundles'
import type { HitIndex } from './hit-index'
import type { ArcGeometry } from './map-data'
import { isInsideMapV, writeCurveNumbers } from './arc-shape'
import { chordSlack, curveSpanInBox, valueAt } from './curve-box'
import { distanceToPolylinePx } from './map-data'
import { scannedPoints } from './tabled-arc-geometry'
import { doubled } from '../../sim/typed-arrays'

/** The side of a grid cell, in canvas pixels. */
export const CELL_PX = 32

/** The world copies of arcs near one grid cell, found on the pointer's first visit to it. */
export interface CellArcs {
  /** Indices into the index's copies, ascending: in drawing order. */
  readonly copy: Int32Array
  /**
   * Per copy, CHORD_NUMBERS numbers: a chord (x0, y0, x1, y1) of the copy's stretch near the
   * cell, how far the copy's drawn points near the cell may lie from it, in pixels (Infinity for
   * an arc whose points must be read), and where the stretch begins and ends on the curve (t).
   */
  readonly chord: Float32Array
}

const CHORD_NUMBERS = 7
// The chords are kept as 32-bit numbers: a margin for their rounding, in pixels.
const CHORD_ROUNDING_PX = 0.01

/** The side of a block of the grid, in cells. */
const BLOCK_CELLS = 4

/**
 * The world copies whose box meets each block of BLOCK_CELLS x BLOCK_CELLS grid cells, so a
 * cell's first visit tests those of its block rather than every copy in view (60,000 at the
 * 200 x 5,000 world's busiest step, fitted, whose scan alone took 2 to 4 ms).
 */
export interface CopyBlocks {
  /** Blocks in a row of the grid. */
  readonly columns: number
  /** Block b's copies are copy[start[b]] to copy[start[b + 1] - 1], ascending. */
  readonly start: Uint32Array
  readonly copy: Int32Array
}

/** Lists the copies whose box (four numbers a copy, canvas pixels) meets each block. */
export function copiesByBlock(box: Float64Array, columns: number, rows: number): CopyBlocks {
  const blockColumns = Math.ceil(columns / BLOCK_CELLS)
  const blockRows = Math.ceil(rows / BLOCK_CELLS)
  const side = CELL_PX * BLOCK_CELLS
  const start = new Uint32Array(blockColumns * blockRows + 1)
  const count = box.length / 4
  // Twice over the copies: to count each block's, then to list them.
  let copy = new Int32Array(0)
  const next = new Uint32Array(blockColumns * blockRows)
  for (const isListing of [false, true]) {
    for (let j = 0; j < count; j++) {
      const c0 = Math.max(0, Math.floor((box[4 * j] as number) / side))
      const r0 = Math.max(0, Math.floor((box[4 * j + 1] as number) / side))
      const c1 = Math.min(blockColumns - 1, Math.floor((box[4 * j + 2] as number) / side))
      const r1 = Math.min(blockRows - 1, Math.floor((box[4 * j + 3] as number) / side))
      for (let r = r0; r <= r1; r++)
        for (let c = c0; c <= c1; c++) {
          const b = r * blockColumns + c
          if (isListing) copy[(next[b] as number) + (start[b] as number)] = j
          next[b] = (next[b] as number) + 1
        }
    }
    if (isListing) break
    for (let b = 0; b < next.length; b++) start[b + 1] = (start[b] as number) + (next[b] as number)
    copy = new Int32Array(start[next.length] as number)
    next.fill(0)
  }
  return { columns: blockColumns, start, copy }
}

/** Numbers per arc in the index's curve table (HitIndex.curves). */
export const CURVE_NUMBERS = 8

// One arc's row of the curve table (see HitIndex.curves): its curve, its slack, its tolerance `t`.
export function writeCurve(g: ArcGeometry, t: number, curves: Float64Array, at: number): void {
  // The drawn ends (kept on the map) and the control point: the points' curve when none is clamped.
  writeCurveNumbers(g, curves, at)
  const { u0, v0, cu, cv, u1, v1 } = g
  const isOnMap = isInsideMapV(v0) && isInsideMapV(cv) && isInsideMapV(v1)
  curves[at + 6] = isOnMap ? chordSlack(u0, v0, cu, cv, u1, v1, g.count - 1) : NaN
  curves[at + 7] = t
}

// Arc i's curve on the canvas, shifted by `ox` (x0, y0, xc, yc, x1, y1): one array for every call.
const curveNow = new Float64Array(6)

function curvePx(index: HitIndex, i: number, ox: number): Float64Array {
  const { curves, view } = index
  const at = CURVE_NUMBERS * i
  for (let n = 0; n < 6; n += 2) {
    curveNow[n] = (curves[at + n] as number) * view.scale - ox
    curveNow[n + 1] = (curves[at + n + 1] as number) * view.scale - view.originY
  }
  return curveNow
}

// The copies near cell k and their chords there, found on the pointer's first visit to the cell.
let foundCopies = new Int32Array(1024)
let foundChords = new Float32Array(CHORD_NUMBERS * 1024)
const spanNow = new Float64Array(2)
const boxNow = new Float64Array(4)

// Entry `found`'s chord: the stretch in spanNow of the curve in `c` (curvePx), drawn `slackPx`
// from its points.
function writeChord(c: Float64Array, slackPx: number, found: number): void {
  const ta = spanNow[0] as number
  const tb = spanNow[1] as number
  const at = CHORD_NUMBERS * found
  foundChords[at] = valueAt(c, 0, ta)
  foundChords[at + 1] = valueAt(c, 1, ta)
  foundChords[at + 2] = valueAt(c, 0, tb)
  foundChords[at + 3] = valueAt(c, 1, tb)
  // A quadratic stretch of parameter length L lies within |p0 - 2c + p1| L² / 4 of its chord.
  const sx = (c[0] as number) - 2 * (c[2] as number) + (c[4] as number)
  const sy = (c[1] as number) - 2 * (c[3] as number) + (c[5] as number)
  const bend = (Math.sqrt(sx * sx + sy * sy) * (tb - ta) ** 2) / 4
  foundChords[at + 4] = bend + slackPx + CHORD_ROUNDING_PX
  foundChords[at + 5] = ta
  foundChords[at + 6] = tb
}

function growFound(): void {
  foundCopies = doubled(foundCopies)
  const chords = new Float32Array(2 * foundChords.length)
  chords.set(foundChords)
  foundChords = chords
}

export function arcsInCell(index: HitIndex, k: number): CellArcs {
  const known = index.arcsByCell[k]
  if (known) return known
  const { view, copies, curves } = index
  const left = (k % index.columns) * CELL_PX
  const top = Math.floor(k / index.columns) * CELL_PX
  const right = left + CELL_PX
  const bottom = top + CELL_PX
  let found = 0
  const { blocks } = index
  const block =
    Math.floor(top / CELL_PX / BLOCK_CELLS) * blocks.columns +
    Math.floor(left / CELL_PX / BLOCK_CELLS)
  const end = blocks.start[block + 1] as number
  for (let m = blocks.start[block] as number; m < end; m++) {
    const j = blocks.copy[m] as number
    const b = 4 * j
    if ((copies.box[b + 2] ?? 0) < left || (copies.box[b] ?? 0) > right) continue
    if ((copies.box[b + 3] ?? 0) < top || (copies.box[b + 1] ?? 0) > bottom) continue
    const i = copies.arc[j] ?? 0
    const ox = copies.ox[j] ?? 0
    const t = curves[CURVE_NUMBERS * i + 7] ?? 0
    const slack = curves[CURVE_NUMBERS * i + 6] as number
    if (!Number.isNaN(slack)) {
      // The stretch of the curve where a point within reach of the cell may be drawn.
      const c = curvePx(index, i, ox)
      const grow = t + slack * view.scale
      boxNow[0] = left - grow
      boxNow[1] = top - grow
      boxNow[2] = right + grow
      boxNow[3] = bottom + grow
      const isNear = curveSpanInBox(c, boxNow, spanNow)
      if (!isNear) continue
      if (found === foundCopies.length) growFound()
      writeChord(c, slack * view.scale, found)
      foundCopies[found++] = j
      continue
    }
    if (pointsNearBox(index, i, ox, t, left, top, right, bottom)) {
      if (found === foundCopies.length) growFound()
      const at = CHORD_NUMBERS * found
      foundCopies[found++] = j
      foundChords.fill(0, at, at + CHORD_NUMBERS)
      foundChords[at + 4] = Infinity
      foundChords[at + 6] = 1
    }
  }
  const cell = {
    copy: foundCopies.slice(0, found),
    chord: foundChords.slice(0, CHORD_NUMBERS * found),
  }
  index.arcsByCell[k] = cell
  return cell
}

// Whether a segment of arc i's drawn points, shifted by `ox`, comes within `t` of the box.
function pointsNearBox(
  index: HitIndex,
  i: number,
  ox: number,
  t: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
): boolean {
  const { view } = index
  const g = (index.list.arcs[i] as ShownArc).geometry
  const points = scannedPoints(g)
  let ax = (points[0] ?? 0) * view.scale - ox
  let ay = (points[1] ?? 0) * view.scale - view.originY
  for (let s = 1; s < g.count; s++) {
    const bx = (points[2 * s] ?? 0) * view.scale - ox
    const by = (points[2 * s + 1] ?? 0) * view.scale - view.originY
    const isNear =
      Math.max(ax, bx) + t >= left &&
      Math.min(ax, bx) - t <= right &&
      Math.max(ay, by) + t >= top &&
      Math.min(ay, by) - t <= bottom
    if (isNear) return true
    ax = bx
    ay = by
  }
  return false
}

/** The position in the cell of its first copy of an arc at least `arc`. */
function firstAtLeast(index: HitIndex, cell: CellArcs, arc: number): number {
  let lo = 0
  let hi = cell.copy.length
  while (lo < hi) {
    const mid = (lo + hi) >>> 1
    if ((index.copies.arc[cell.copy[mid] as number] as number) < arc) lo = mid + 1
    else hi = mid
  }
  return lo
}

/**
 * The arc among `from` to `to` (exclusive) of the drawing order nearest (x, y) in the cell, within
 * its hit tolerance, or null; of two about as near, the one drawn on top (the later one). Each
 * copy's chord is measured here, in the loop, so that a cell of 4,000 copies makes no garbage.
 */
export function nearestInCell(
  index: HitIndex,
  cell: CellArcs,
  x: number,
  y: number,
  from: number,
  to: number,
): ShownArc | null {
  const { list, copies, curves } = index
  const { chord } = cell
  let best: ShownArc | null = null
  let bestIndex = -1
  let bestDistance = Infinity
  // A cell's copies are in drawing order (arcsInCell): those of arcs in [from, to) lie together.
  const end = firstAtLeast(index, cell, to)
  for (let m = firstAtLeast(index, cell, from); m < end; m++) {
    const i = copies.arc[cell.copy[m] as number] as number
    const t = curves[CURVE_NUMBERS * i + 7] as number
    // Only a distance within the tolerance, and about as near as the best, counts.
    const limit = Math.min(t, bestDistance + 0.5)
    const at = CHORD_NUMBERS * m
    const ax = chord[at] as number
    const ay = chord[at + 1] as number
    const dx = (chord[at + 2] as number) - ax
    const dy = (chord[at + 3] as number) - ay
    const lengthSq = dx * dx + dy * dy
    const along = lengthSq > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSq : 0
    const u = Math.max(0, Math.min(1, along))
    const ex = x - (ax + u * dx)
    const ey = y - (ay + u * dy)
    const reach = limit + (chord[at + 4] as number)
    if (ex * ex + ey * ey > reach * reach) continue
    const arc = list.arcs[i]
    if (!arc) continue
    const d = distanceInCell(index, cell, m, x, y, limit)
    const isBetter = d < bestDistance - 0.5 || (d < bestDistance + 0.5 && i > bestIndex)
    if (d <= t && isBetter) {
      best = arc
      bestIndex = i
      bestDistance = Math.min(d, bestDistance)
    }
  }
  return best
}

/**
 * The distance from (x, y) to copy m of the cell as drawn, in pixels: exact when at most `limit`,
 * otherwise some number over it. For an arc on the map, its drawn points are the curve's at
 * even steps of t (arc-shape.ts), so only the segments of its stretch near the cell are made and
 * measured; an arc whose points must be read has all of them read.
 */
function distanceInCell(
  index: HitIndex,
  cell: CellArcs,
  m: number,
  x: number,
  y: number,
  limit: number,
): number {
  const { copies, view } = index
  const j = cell.copy[m] as number
  const i = copies.arc[j] as number
  const ox = copies.ox[j] as number
  const g = (index.list.arcs[i] as ShownArc).geometry
  const n = g.count - 1
  const at = CHORD_NUMBERS * m
  if (!Number.isFinite(cell.chord[at + 4]) || n < 1) {
    const points = scannedPoints(g)
    return distanceToPolylinePx(x, y, points, g.count, view.scale, ox, view.originY, limit)
  }
  // One step more each way than the stretch: its ends were kept as 32-bit numbers.
  const first = Math.max(0, Math.floor((cell.chord[at + 5] as number) * n) - 1)
  const last = Math.min(n, Math.ceil((cell.chord[at + 6] as number) * n) + 1)
  const c = curvePx(index, i, ox)
  let best = Infinity
  let ax = NaN
  let ay = NaN
  // The points and the distances are worked out in the loop, not by calls: a helper here (the
  // curve's valueAt, a segment distance) made 1.7 MB more garbage over 50 moves, and the chord
  // test in nearestInCell is written out for the same reason.
  for (let s = first; s <= last; s++) {
    const t = s / n
    const w0 = (1 - t) * (1 - t)
    const wc = 2 * t * (1 - t)
    const bx = w0 * (c[0] as number) + wc * (c[2] as number) + t * t * (c[4] as number)
    const by = w0 * (c[1] as number) + wc * (c[3] as number) + t * t * (c[5] as number)
    if (s > first) {
      const dx = bx - ax
      const dy = by - ay
      const lengthSq = dx * dx + dy * dy
      const along = lengthSq > 0 ? ((x - ax) * dx + (y - ay) * dy) / lengthSq : 0
      const u = Math.max(0, Math.min(1, along))
      const ex = x - (ax + u * dx)
      const ey = y - (ay + u * dy)
      best = Math.min(best, ex * ex + ey * ey)
    }
    ax = bx
    ay = by
  }
  return Math.sqrt(best)
}
