/**
 * Traces a sampled arc into a path, keeping only the stretches that come near the canvas. Zoomed
 * in, most of an arc lies far off the canvas, and the software rasteriser still dashes and strokes
 * all of it: at three zoom levels in, the dashes of a thousand concern arcs held the 200 x 5,000
 * world's map at about 20 fps while idle. A stretch starts where the arc's dash pattern starts a
 * period, so the dashes stand where the whole arc would put them and do not jump after a pan.
 */

/** Pixels round the canvas in which a segment is still traced (wider than any stroke's half). */
export const CLIP_MARGIN_PX = 24

/** The length of one period of a line dash pattern (0 for a solid line). */
export function dashPeriodOf(dash: readonly number[]): number {
  let sum = 0
  for (const d of dash) sum += d
  // A canvas repeats an odd-length pattern twice over.
  return dash.length % 2 === 1 ? 2 * sum : sum
}

/** What a path is traced into: a 2D context or a Path2D. */
export interface PathSink {
  moveTo(x: number, y: number): void
  lineTo(x: number, y: number): void
}

/** Where the points go on the canvas: pixel = (u * scale - offsetX, v * scale - offsetY). */
export interface TraceFrame {
  readonly scale: number
  readonly offsetX: number
  readonly offsetY: number
  readonly widthPx: number
  readonly heightPx: number
}

/**
 * Traces the polyline of `count` points (`points` holds u, v pairs) into `sink`, as one subpath per
 * stretch of segments whose bounding box meets the canvas grown by {@link CLIP_MARGIN_PX}. With
 * `dashPeriodPx` above zero (the sum of the line dash pattern) each subpath begins at a whole
 * number of periods along the arc, up to one period before its first near segment, because a
 * canvas starts the dash pattern afresh at every subpath.
 */
export function traceClipped(
  sink: PathSink,
  points: ArrayLike<number>,
  count: number,
  frame: TraceFrame,
  dashPeriodPx = 0,
): void {
  const { scale, offsetX, offsetY } = frame
  const minX = -CLIP_MARGIN_PX
  const minY = -CLIP_MARGIN_PX
  const maxX = frame.widthPx + CLIP_MARGIN_PX
  const maxY = frame.heightPx + CLIP_MARGIN_PX
  let px = (points[0] ?? 0) * scale - offsetX
  let py = (points[1] ?? 0) * scale - offsetY
  // Where a stretch would begin: a point on the arc and the index of the next sample after it.
  let startX = px
  let startY = py
  let startNext = 1
  let along = 0
  let startAlong = 0
  let isTracing = false
  for (let i = 1; i < count; i++) {
    const x = (points[2 * i] ?? 0) * scale - offsetX
    const y = (points[2 * i + 1] ?? 0) * scale - offsetY
    const isNear = !(
      (px < minX && x < minX) ||
      (px > maxX && x > maxX) ||
      (py < minY && y < minY) ||
      (py > maxY && y > maxY)
    )
    if (isNear) {
      if (!isTracing) {
        sink.moveTo(startX, startY)
        for (let k = startNext; k < i; k++)
          sink.lineTo(
            (points[2 * k] ?? 0) * scale - offsetX,
            (points[2 * k + 1] ?? 0) * scale - offsetY,
          )
        isTracing = true
      }
      sink.lineTo(x, y)
    } else isTracing = false
    if (dashPeriodPx > 0) {
      const dx = x - px
      const dy = y - py
      const length = Math.sqrt(dx * dx + dy * dy)
      const periodStart = Math.floor((along + length) / dashPeriodPx) * dashPeriodPx
      if (periodStart > startAlong && length > 0) {
        const t = (periodStart - along) / length
        startX = px + t * dx
        startY = py + t * dy
        startNext = i
        startAlong = periodStart
      }
      along += length
    } else {
      startX = x
      startY = y
      startNext = i + 1
    }
    px = x
    py = y
  }
}
