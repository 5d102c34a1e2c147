/**
 * Whether a drawn path passes through a box, worked out on its curve (a quadratic Bézier, as
 * arc-shape.ts draws every path) rather than on its sampled points. Hit-testing asks this of
 * every path whose box holds the pointer's cell, thousands for a long pointer move in the
 * 200 x 5,000 world; sampling each path's points to ask it cost about a millisecond a move. The
 * points lie within {@link chordSlack} of the curve, so a box grown by it answers for them too.
 */

// Where the curve crosses a line, between its ends: at most four (two lines), and its ends.
const cuts = new Float64Array(6)

/**
 * The curve's coordinate `axis` (0 for x, 1 for y) at t, as arc-shape.ts samples it; the curve
 * is (x0, y0, xc, yc, x1, y1).
 */
export function valueAt(curve: Float64Array, axis: number, t: number): number {
  const a0 = curve[axis] as number
  return (
    (1 - t) * (1 - t) * a0 +
    2 * t * (1 - t) * (curve[axis + 2] as number) +
    t * t * (curve[axis + 4] as number)
  )
}

// The whole curve, as a range of t.
const WHOLE = Float64Array.of(0, 1)

/**
 * Adds to `cuts` from `n` the t strictly inside `range` (low, high) where the curve's coordinate
 * `axis` (0 for x, 1 for y) equals `box[side]`; returns the new count. Its numbers are read from
 * arrays, none passed one by one (see curveSpanInBox).
 */
function addCrossings(
  curve: Float64Array,
  axis: number,
  box: Float64Array,
  side: number,
  n: number,
  range: Float64Array,
): number {
  const a0 = curve[axis] as number
  const a = a0 - 2 * (curve[axis + 2] as number) + (curve[axis + 4] as number)
  const b = 2 * ((curve[axis + 2] as number) - a0)
  const c = a0 - (box[side] as number)
  const low = range[0] as number
  const high = range[1] as number
  let count = n
  let r1 = NaN
  let r2 = NaN
  if (a === 0) {
    if (b !== 0) r1 = -c / b
  } else {
    const disc = b * b - 4 * a * c
    // The two roots without the cancellation of the textbook formula.
    const q = disc < 0 ? 0 : -0.5 * (b + (b >= 0 ? Math.sqrt(disc) : -Math.sqrt(disc)))
    if (q !== 0) {
      r1 = q / a
      r2 = c / q
    }
  }
  if (r1 > low && r1 < high) cuts[count++] = r1
  if (r2 > low && r2 < high) cuts[count++] = r2
  return count
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
 * Whether the quadratic Bézier `curve` (x0, y0, xc, yc, x1, y1) has a point in the box `box`
 * (left, top, right, bottom). Exact: the crossings of the box's sides cut the curve into pieces
 * wholly inside or outside the band between them, and an inside piece's extent across is that
 * of its ends and its turning point. When it has and `span` is given, also writes to it the first
 * and the last t of the curve's stretch in the box: every point of the curve in the box has its t
 * between them. Hit-testing keeps that stretch's chord for each path near a grid cell, so a
 * pointer move measures a straight line, not a curve, to pass most paths over. The numbers come
 * in arrays: passed one by one to a function the engine does not inline, each is a new object,
 * and thousands of calls a pointer move made garbage enough for a collection in the move.
 */
export function curveSpanInBox(
  curve: Float64Array,
  box: Float64Array,
  span: Float64Array | null,
): boolean {
  const left = box[0] as number
  const right = box[2] as number
  let n = 0
  cuts[n++] = 0
  n = addCrossings(curve, 0, box, 0, n, WHOLE)
  n = addCrossings(curve, 0, box, 2, n, WHOLE)
  cuts[n++] = 1
  sortCuts(n)
  // Where y turns, if it does.
  const dy = (curve[1] as number) - 2 * (curve[3] as number) + (curve[5] as number)
  const turn = dy !== 0 ? ((curve[1] as number) - (curve[3] as number)) / dy : -1
  let first = -1
  let last = -1
  for (let k = 0; k + 1 < n; k++) {
    const ta = cuts[k] as number
    const tb = cuts[k + 1] as number
    const x = valueAt(curve, 0, (ta + tb) / 2)
    if (x < left || x > right) continue
    const ya = valueAt(curve, 1, ta)
    const yb = valueAt(curve, 1, tb)
    let low = Math.min(ya, yb)
    let high = Math.max(ya, yb)
    if (turn > ta && turn < tb) {
      const y = valueAt(curve, 1, turn)
      low = Math.min(low, y)
      high = Math.max(high, y)
    }
    if (high < (box[1] as number) || low > (box[3] as number)) continue
    if (!span) return true
    if (first < 0) first = ta
    last = tb
  }
  if (first < 0) return false
  if (!span) return true
  span[0] = first
  span[1] = last
  narrowToBand(curve, box, span)
  return true
}

// Narrows `span`, a stretch of the curve, to where its y is between the box's top and bottom:
// the pieces between the crossings of those lines whose middle is in the band. All of the
// stretch when none is (a curve that only touches the band).
function narrowToBand(curve: Float64Array, box: Float64Array, span: Float64Array): void {
  let n = 0
  cuts[n++] = span[0] as number
  n = addCrossings(curve, 1, box, 1, n, span)
  n = addCrossings(curve, 1, box, 3, n, span)
  cuts[n++] = span[1] as number
  sortCuts(n)
  let isFound = false
  for (let k = 0; k + 1 < n; k++) {
    const ta = cuts[k] as number
    const tb = cuts[k + 1] as number
    const y = valueAt(curve, 1, (ta + tb) / 2)
    if (y < (box[1] as number) || y > (box[3] as number)) continue
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
