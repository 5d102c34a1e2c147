/**
 * Whether a drawn path passes through a box, worked out on its curve (a quadratic Bézier, as
 * arc-shape.ts draws every path) rather than on its sampled points. Hit-testing asks this of
 * every path whose box holds the pointer's cell, thousands for a long pointer move in the
 * 200 x 5,000 world; sampling each path's points to ask it cost about a millisecond a move. The
 * points lie within {@link chordSlack} of the curve, so a box grown by it answers for them too.
 */

// Where the curve crosses a line, between its ends: at most four (two lines), and its ends.
const cuts = new Float64Array(6)

/** The Bézier's value at t along one axis, as arc-shape.ts samples it. */
export function valueAt(t: number, a0: number, ac: number, a1: number): number {
  return (1 - t) * (1 - t) * a0 + 2 * t * (1 - t) * ac + t * t * a1
}

// Adds t to `cuts` at `n` if strictly between `low` and `high`; returns the new count.
function addCut(t: number, n: number, low: number, high: number): number {
  if (!(t > low && t < high)) return n
  cuts[n] = t
  return n + 1
}

// Adds to `cuts` from `n` the t strictly between `low` and `high` (0 and 1 unless given) where
// the Bézier equals `value`.
function addCrossings(
  a0: number,
  ac: number,
  a1: number,
  value: number,
  n: number,
  low = 0,
  high = 1,
): number {
  const a = a0 - 2 * ac + a1
  const b = 2 * (ac - a0)
  const c = a0 - value
  if (a === 0) return b !== 0 ? addCut(-c / b, n, low, high) : n
  const disc = b * b - 4 * a * c
  if (disc < 0) return n
  // The two roots without the cancellation of the textbook formula.
  const q = -0.5 * (b + (b >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)))
  return q !== 0 ? addCut(c / q, addCut(q / a, n, low, high), low, high) : n
}

// Sorts the first `n` of `cuts`, ascending.
function sortCuts(n: number): void {
  for (let k = 1; k < n; k++) {
    const t = cuts[k] as number
    let m = k - 1
    for (; m >= 0 && (cuts[m] as number) > t; m--) cuts[m + 1] = cuts[m] as number
    cuts[m + 1] = t
  }
}

/**
 * Whether the quadratic Bézier from (x0, y0) by (xc, yc) to (x1, y1) has a point in the box
 * [left, right] x [top, bottom]. Exact: the crossings of the box's sides cut the curve into
 * pieces wholly inside or outside the band between them, and an inside piece's extent across
 * is that of its ends and its turning point. When it has and `span` is given, also writes to it
 * the first and the last t of the curve's stretch in the box: every point of the curve in the box
 * has its t between them. Hit-testing keeps that stretch's chord for each path near a grid cell,
 * so a pointer move measures a straight line, not a curve, to pass most paths over.
 */
export function curveSpanInBox(
  x0: number,
  y0: number,
  xc: number,
  yc: number,
  x1: number,
  y1: number,
  left: number,
  top: number,
  right: number,
  bottom: number,
  span: Float64Array | null,
): boolean {
  let n = 0
  cuts[n++] = 0
  n = addCrossings(x0, xc, x1, left, n)
  n = addCrossings(x0, xc, x1, right, n)
  cuts[n++] = 1
  sortCuts(n)
  const dy = y0 - 2 * yc + y1
  const turn = dy !== 0 ? (y0 - yc) / dy : -1
  let first = -1
  let last = -1
  for (let k = 0; k + 1 < n; k++) {
    const ta = cuts[k] as number
    const tb = cuts[k + 1] as number
    const x = valueAt((ta + tb) / 2, x0, xc, x1)
    if (x < left || x > right) continue
    const ya = valueAt(ta, y0, yc, y1)
    const yb = valueAt(tb, y0, yc, y1)
    let low = Math.min(ya, yb)
    let high = Math.max(ya, yb)
    if (turn > ta && turn < tb) {
      const y = valueAt(turn, y0, yc, y1)
      low = Math.min(low, y)
      high = Math.max(high, y)
    }
    if (high < top || low > bottom) continue
    if (!span) return true
    if (first < 0) first = ta
    last = tb
  }
  if (first < 0) return false
  if (span) narrowToBand(y0, yc, y1, top, bottom, first, last, span)
  return true
}

// Writes to `span` the stretch of [first, last] where the curve's y is in [top, bottom]: the
// pieces between the crossings of those lines whose middle is in the band. All of [first, last]
// when none is (a curve that only touches the band).
function narrowToBand(
  y0: number,
  yc: number,
  y1: number,
  top: number,
  bottom: number,
  first: number,
  last: number,
  span: Float64Array,
): void {
  let n = 0
  cuts[n++] = first
  n = addCrossings(y0, yc, y1, top, n, first, last)
  n = addCrossings(y0, yc, y1, bottom, n, first, last)
  cuts[n++] = last
  sortCuts(n)
  span[0] = first
  span[1] = last
  let isFound = false
  for (let k = 0; k + 1 < n; k++) {
    const ta = cuts[k] as number
    const tb = cuts[k + 1] as number
    const y = valueAt((ta + tb) / 2, y0, yc, y1)
    if (y < top || y > bottom) continue
    if (!isFound) span[0] = ta
    span[1] = tb
    isFound = true
  }
}

/**
 * How far the `segments` straight pieces drawn for a quadratic Bézier stray from it at most, in
 * its own units: the curve's second derivative is constant, 2(p0 - 2c + p1), so a piece of
 * parameter length 1/segments lies within |p0 - 2c + p1| / (4 segments²) of its arc.
 */
export function chordSlack(
  x0: number,
  y0: number,
  xc: number,
  yc: number,
  x1: number,
  y1: number,
  segments: number,
): number {
  return Math.hypot(x0 - 2 * xc + x1, y0 - 2 * yc + y1) / (4 * segments * segments)
}
