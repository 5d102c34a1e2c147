/**
 * Greedy placement of map labels: in order of priority, each label takes the first of a few
 * positions around its point that stays inside the frame and clear of the obstacles (legend,
 * buttons, other labels' points) and of every label placed before it; a label with no such
 * position is left out. Pure and deterministic; all boxes in container pixels.
 */

/** An axis-aligned box in pixels. */
export interface Box {
  readonly left: number
  readonly top: number
  readonly right: number
  readonly bottom: number
}

/** A label to place: its point, its measured size and how far from the point it must keep. */
export interface LabelRequest {
  readonly id: string
  readonly x: number
  readonly y: number
  readonly width: number
  readonly height: number
  /** Smaller goes first; equal priorities keep their input order. */
  readonly priority: number
  /** Radius of the symbol drawn at the point, which the label must not cover. */
  readonly clearancePx: number
}

/** Where a label sits relative to its point. */
export type LabelAnchor =
  'right' | 'left' | 'top' | 'bottom' | 'top-right' | 'bottom-right' | 'top-left' | 'bottom-left'

/** Tried in this order: beside the point reads best, then above and below, then the corners. */
export const LABEL_ANCHORS: readonly LabelAnchor[] = [
  'right',
  'left',
  'top',
  'bottom',
  'top-right',
  'bottom-right',
  'top-left',
  'bottom-left',
]

/** A placed label: its box and the position it took. */
export interface PlacedLabel {
  readonly id: string
  readonly box: Box
  readonly anchor: LabelAnchor
}

const GAP_PX = 3
// Labels keep this far apart, so two halos never merge into one block.
const SPACING_PX = 2

/** The box of a label of `width` x `height` at `anchor` around its point. */
export function boxAt(request: LabelRequest, anchor: LabelAnchor): Box {
  const { x, y, width: w, height: h } = request
  const d = request.clearancePx + GAP_PX
  // Corners clear the square around the point that other labels keep clear of too.
  const c = d
  switch (anchor) {
    case 'right':
      return box(x + d, y - h / 2, w, h)
    case 'left':
      return box(x - d - w, y - h / 2, w, h)
    case 'top':
      return box(x - w / 2, y - d - h, w, h)
    case 'bottom':
      return box(x - w / 2, y + d, w, h)
    case 'top-right':
      return box(x + c, y - c - h, w, h)
    case 'bottom-right':
      return box(x + c, y + c, w, h)
    case 'top-left':
      return box(x - c - w, y - c - h, w, h)
    case 'bottom-left':
      return box(x - c - w, y + c, w, h)
  }
}

function box(left: number, top: number, width: number, height: number): Box {
  return { left, top, right: left + width, bottom: top + height }
}

/** Whether two boxes overlap by more than `margin` pixels' grace (touching does not count). */
export function boxesOverlap(a: Box, b: Box, margin = 0): boolean {
  return (
    a.left < b.right + margin &&
    b.left < a.right + margin &&
    a.top < b.bottom + margin &&
    b.top < a.bottom + margin
  )
}

const isInside = (inner: Box, outer: Box): boolean =>
  inner.left >= outer.left &&
  inner.top >= outer.top &&
  inner.right <= outer.right &&
  inner.bottom <= outer.bottom

/** The box of the symbol at a request's point, which its own and later labels keep clear of. */
export function pointBox(request: LabelRequest): Box {
  const r = request.clearancePx
  return { left: request.x - r, top: request.y - r, right: request.x + r, bottom: request.y + r }
}

// Side of the cells that boxes are filed under, so a candidate is tested against its neighbours
// only: a large world asks for thousands of labels, and testing all pairs took seconds.
const GRID_CELL_PX = 64

// The cell of `x` pixels into the frame, of `n` cells.
const cellOf = (x: number, n: number): number =>
  Math.max(0, Math.min(n - 1, Math.floor(x / GRID_CELL_PX)))

/** Boxes filed by the grid cells of `frame` they touch; boxes outside the frame are dropped. */
class BoxGrid {
  private readonly cells = new Map<number, Box[]>()
  private readonly columns: number
  private readonly rows: number
  // The cells a box touches, as `span` last found them.
  private c0 = 0
  private c1 = 0
  private r0 = 0
  private r1 = 0

  constructor(private readonly frame: Box) {
    this.columns = Math.max(1, Math.ceil((frame.right - frame.left) / GRID_CELL_PX) + 1)
    this.rows = Math.ceil((frame.bottom - frame.top) / GRID_CELL_PX) + 1
  }

  add(b: Box): void {
    const { frame } = this
    // A point with almost no symbol shrinks to an inverted box, which still counts as in the way.
    if (Math.max(b.left, b.right) <= frame.left || Math.min(b.left, b.right) >= frame.right) return
    if (Math.max(b.top, b.bottom) <= frame.top || Math.min(b.top, b.bottom) >= frame.bottom) return
    this.span(b, 0)
    for (let r = this.r0; r <= this.r1; r++)
      for (let c = this.c0; c <= this.c1; c++) {
        const k = r * this.columns + c
        const cell = this.cells.get(k)
        if (cell) cell.push(b)
        else this.cells.set(k, [b])
      }
  }

  /**
   * Whether a box in the grid overlaps `b` (see {@link boxesOverlap}). Written out, without a
   * callback per cell or box: a large world's labels ask this some 7,000 times per layout.
   */
  overlaps(b: Box, margin = 0): boolean {
    this.span(b, margin)
    for (let r = this.r0; r <= this.r1; r++)
      for (let c = this.c0; c <= this.c1; c++) {
        const cell = this.cells.get(r * this.columns + c)
        if (!cell) continue
        for (let i = 0; i < cell.length; i++)
          if (boxesOverlap(b, cell[i] as Box, margin)) return true
      }
    return false
  }

  private span(b: Box, margin: number): void {
    const { frame, columns, rows } = this
    this.c0 = cellOf(Math.min(b.left, b.right) - margin - frame.left, columns)
    this.c1 = cellOf(Math.max(b.left, b.right) + margin - frame.left, columns)
    this.r0 = cellOf(Math.min(b.top, b.bottom) - margin - frame.top, rows)
    this.r1 = cellOf(Math.max(b.top, b.bottom) + margin - frame.top, rows)
  }
}

/**
 * Places `requests` greedily by priority inside `frame`, clear of `obstacles`, of each other (at
 * least {@link SPACING_PX} apart) and of the points of every request that comes before (a label
 * may cover a less important place's dot, never a more important one's). Returns the placed
 * labels in the order they were placed; the ones left out are simply absent.
 */
export function placeLabels(
  requests: readonly LabelRequest[],
  obstacles: readonly Box[],
  frame: Box,
): PlacedLabel[] {
  const order = requests
    .map((request, index) => ({ request, index }))
    .sort((a, b) => a.request.priority - b.request.priority || a.index - b.index)
  const placed: PlacedLabel[] = []
  // Every candidate lies inside the frame, so what lies wholly outside it can never be in the way.
  const blocked = new BoxGrid(frame)
  for (const o of obstacles) blocked.add(o)
  const points = new BoxGrid(frame)
  const labels = new BoxGrid(frame)
  for (const { request } of order) {
    // Shrunk by a pixel: a label beside its own symbol may touch it.
    const own = pointBox(request)
    points.add({
      left: own.left + 1,
      top: own.top + 1,
      right: own.right - 1,
      bottom: own.bottom - 1,
    })
    if (!(request.width > 0) || !(request.height > 0)) continue
    for (const anchor of LABEL_ANCHORS) {
      const candidate = boxAt(request, anchor)
      if (!isInside(candidate, frame)) continue
      if (blocked.overlaps(candidate)) continue
      if (points.overlaps(candidate)) continue
      if (labels.overlaps(candidate, SPACING_PX)) continue
      placed.push({ id: request.id, box: candidate, anchor })
      labels.add(candidate)
      break
    }
  }
  return placed
}

/**
 * The clearance a label at (x, y) keeps: `clearancePx`, or more when the point lies under one of
 * `markers` (a city under its data center), so the label clears the whole marker.
 */
export function clearanceUnder(
  x: number,
  y: number,
  clearancePx: number,
  markers: readonly Box[],
): number {
  let out = clearancePx
  for (const b of markers)
    if (x >= b.left && x <= b.right && y >= b.top && y <= b.bottom)
      out = Math.max(out, Math.max(b.right - x, x - b.left, b.bottom - y, y - b.top) + 1)
  return out
}
