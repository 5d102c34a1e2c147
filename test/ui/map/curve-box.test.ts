import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { chordSlack, curveSpanInBox } from '../../../src/ui/map/curve-box'

type Curve = readonly [number, number, number, number, number, number]

const pointAt = (c: Curve, t: number): [number, number] => {
  const [a, b, d] = [(1 - t) * (1 - t), 2 * t * (1 - t), t * t]
  return [a * c[0] + b * c[2] + d * c[4], a * c[1] + b * c[3] + d * c[5]]
}

const coordinate = fc.double({ min: -200, max: 200, noNaN: true })
const curve = fc.tuple(coordinate, coordinate, coordinate, coordinate, coordinate, coordinate)
const box = fc
  .tuple(
    coordinate,
    coordinate,
    fc.double({ min: 0, max: 80, noNaN: true }),
    fc.double({ min: 0, max: 80, noNaN: true }),
  )
  .map(([left, top, w, h]) => [left, top, left + w, top + h] as const)

// The curve and the box in the arrays the function takes.
const spanIn = (numbers: readonly number[], span: Float64Array | null): boolean =>
  curveSpanInBox(Float64Array.from(numbers.slice(0, 6)), Float64Array.from(numbers.slice(6)), span)
const curveMeetsBox = (...numbers: number[]): boolean => spanIn(numbers, null)

describe('curveSpanInBox', () => {
  it('answers as a dense sampling of the curve does, for boxes a little inside and outside', () => {
    fc.assert(
      fc.property(curve, box, (c, [left, top, right, bottom]) => {
        const samples = Array.from({ length: 4001 }, (_, i) => pointAt(c, i / 4000))
        const isIn = (grow: number) =>
          samples.some(
            ([x, y]) =>
              x >= left - grow && x <= right + grow && y >= top - grow && y <= bottom + grow,
          )
        const meets = curveMeetsBox(...c, left, top, right, bottom)
        // A sample inside says it meets; none near the box says it does not.
        if (isIn(-1e-6)) expect(meets).toBe(true)
        if (!isIn(0.5)) expect(meets).toBe(false)
      }),
      { numRuns: 400 },
    )
  })

  it('finds a curve that only grazes the box between its ends, and a straight one', () => {
    // From (0, 0) to (100, 0) bulging to y = 25 at its middle: it enters [45, 55] x [24, 30].
    expect(curveMeetsBox(0, 0, 50, 50, 100, 0, 45, 24, 55, 30)).toBe(true)
    expect(curveMeetsBox(0, 0, 50, 50, 100, 0, 45, 26, 55, 30)).toBe(false)
    expect(curveMeetsBox(0, 0, 50, 0, 100, 0, 60, -1, 61, 1)).toBe(true)
    expect(curveMeetsBox(0, 0, 50, 0, 100, 0, 101, -1, 102, 1)).toBe(false)
  })
})

// Pixel-like numbers, eighths of a pixel: no numbers so small that their squares underflow.
const eighths = (min: number, max: number) =>
  fc.integer({ min: 8 * min, max: 8 * max }).map((n) => n / 8)
const pixelCurve = fc.tuple(
  eighths(-200, 200),
  eighths(-200, 200),
  eighths(-200, 200),
  eighths(-200, 200),
  eighths(-200, 200),
  eighths(-200, 200),
)
const pixelBox = fc
  .tuple(eighths(-200, 200), eighths(-200, 200), eighths(0, 80), eighths(0, 80))
  .map(([left, top, w, h]) => [left, top, left + w, top + h] as const)

describe('curveSpanInBox: the stretch in the box', () => {
  it('holds the t of every point of the curve in the box, and is tight for a straight line', () => {
    fc.assert(
      fc.property(pixelCurve, pixelBox, (c, [left, top, right, bottom]) => {
        const span = new Float64Array(2)
        if (!spanIn([...c, left, top, right, bottom], span)) return
        const [first, last] = [span[0] ?? NaN, span[1] ?? NaN]
        expect(0 <= first && first <= last && last <= 1).toBe(true)
        for (let i = 0; i <= 2000; i++) {
          const [x, y] = pointAt(c, i / 2000)
          const isIn = x >= left && x <= right && y >= top && y <= bottom
          if (isIn) expect(i / 2000 >= first - 1e-9 && i / 2000 <= last + 1e-9).toBe(true)
        }
      }),
      { numRuns: 300 },
    )
    const span = new Float64Array(2)
    expect(spanIn([0, 0, 50, 0, 100, 0, 40, -1, 60, 1], span)).toBe(true)
    expect(span[0]).toBeCloseTo(0.4, 9)
    expect(span[1]).toBeCloseTo(0.6, 9)
    // Along a column: the stretch is cut by the box's top and bottom, not only its sides.
    expect(spanIn([0, 0, 0, 50, 0, 100, -1, 30, 1, 50], span)).toBe(true)
    expect(span[0]).toBeCloseTo(0.3, 9)
    expect(span[1]).toBeCloseTo(0.5, 9)
  })
})

describe('chordSlack', () => {
  it('bounds how far the curve strays from its straight pieces, and is reached at their middle', () => {
    fc.assert(
      fc.property(curve, fc.integer({ min: 1, max: 64 }), (c, segments) => {
        const slack = chordSlack(...c, segments)
        let worst = 0
        for (let s = 0; s < segments; s++) {
          const [ax, ay] = pointAt(c, s / segments)
          const [bx, by] = pointAt(c, (s + 1) / segments)
          for (const f of [0.1, 0.3, 0.5, 0.7, 0.9]) {
            const [px, py] = pointAt(c, (s + f) / segments)
            const [dx, dy] = [bx - ax, by - ay]
            const len = dx * dx + dy * dy
            const u =
              len > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len)) : 0
            worst = Math.max(worst, Math.hypot(px - (ax + u * dx), py - (ay + u * dy)))
          }
        }
        expect(worst).toBeLessThanOrEqual(slack + 1e-9)
      }),
      { numRuns: 200 },
    )
  })
})
