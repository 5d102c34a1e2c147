import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import * as shape from '../../../src/ui/map/arc-shape'
import {
  lazyArcGeometry,
  scannedPoints,
  tabledArcGeometry,
} from '../../../src/ui/map/tabled-arc-geometry'
import { arcSegments, curveGeometry } from '../../../src/ui/map/map-data'
import { geometryValues } from './geometry-values'

// Counts the samplings the lazy geometry asks for, sampling as the module does.
vi.mock('../../../src/ui/map/arc-shape', async (importOriginal) => {
  const original = await importOriginal<typeof shape>()
  return { ...original, curvePointsUV: vi.fn(original.curvePointsUV) }
})

/** The box `writeCurveBounds` writes for a curve, as an object. */
function boxOf(curve: shape.ArcCurve) {
  const { u0, v0, cu, cv, u1, v1 } = curve
  const box = new Float64Array(4)
  shape.writeCurveBounds(Float64Array.of(u0, v0, cu, cv, u1, v1), 0, box, 0)
  const [minU = NaN, maxU = NaN, minV = NaN, maxV = NaN] = box
  return { minU, maxU, minV, maxV }
}

const place = fc.record({
  lat: fc.double({ min: -84, max: 84, noNaN: true }),
  lon: fc.double({ min: -180, max: 180, noNaN: true }),
})

describe('writeCurveBounds', () => {
  it('holds every point sampled of a curve, and no more than its Bezier reaches', () => {
    fc.assert(
      fc.property(place, place, fc.integer({ min: 1, max: 256 }), (from, to, segments) => {
        const curve = shape.arcCurveUV(from, to)
        const box = boxOf(curve)
        const points = shape.curvePointsUV(curve, segments)
        for (let i = 0; i < points.length; i += 2) {
          expect(points[i]).toBeGreaterThanOrEqual(box.minU)
          expect(points[i]).toBeLessThanOrEqual(box.maxU)
          expect(points[i + 1]).toBeGreaterThanOrEqual(box.minV)
          expect(points[i + 1]).toBeLessThanOrEqual(box.maxV)
        }
        // Finely sampled, the points reach the box's edges.
        const fine = curveGeometry(curve, 4096)
        expect(fine.minU - box.minU).toBeLessThan(1e-6)
        expect(box.maxU - fine.maxU).toBeLessThan(1e-6)
        expect(fine.minV - box.minV).toBeLessThan(1e-6)
        expect(box.maxV - fine.maxV).toBeLessThan(1e-6)
      }),
    )
  })
})

describe('lazyArcGeometry', () => {
  afterEach(() => vi.mocked(shape.curvePointsUV).mockClear())

  it('samples nothing until its points are read, then the points an eager geometry has', () => {
    fc.assert(
      fc.property(place, place, (from, to) => {
        const curve = shape.arcCurveUV(from, to)
        const segments = arcSegments(from, to)
        const eager = curveGeometry(curve, segments)
        vi.mocked(shape.curvePointsUV).mockClear()
        const lazy = lazyArcGeometry(from, to, segments)
        // What the picture's packing and the hit index read, without sampling.
        const { count, u0, v0, u1, v1, cu, cv } = lazy
        expect({ count, u0, v0, u1, v1, cu, cv }).toEqual({
          count: eager.count,
          u0: eager.u0,
          v0: eager.v0,
          u1: eager.u1,
          v1: eager.v1,
          cu: eager.cu,
          cv: eager.cv,
        })
        const { minU, maxU, minV, maxV } = lazy
        expect({ minU, maxU, minV, maxV }).toEqual(boxOf(curve))
        expect(lazy.minU).toBeLessThanOrEqual(eager.minU)
        expect(lazy.maxV).toBeGreaterThanOrEqual(eager.maxV)
        expect(shape.curvePointsUV).not.toHaveBeenCalled()
        expect(lazy.points).toEqual(eager.points)
        expect(lazy.points).toBe(lazy.points)
        expect(shape.curvePointsUV).toHaveBeenCalledTimes(1)
      }),
    )
  })
})

describe('scannedPoints', () => {
  it("gives a lazy geometry's points without keeping them, then the kept ones once read", () => {
    fc.assert(
      fc.property(place, place, place, (from, to, other) => {
        const eager = curveGeometry(shape.arcCurveUV(from, to), arcSegments(from, to))
        const lazy = lazyArcGeometry(from, to, arcSegments(from, to))
        const next = lazyArcGeometry(other, to, arcSegments(other, to))
        const scanned = scannedPoints(lazy)
        expect([...scanned.subarray(0, 2 * lazy.count)]).toEqual([...eager.points])
        // One array for every scan: the next geometry's points overwrite the last one's.
        const nextScanned = scannedPoints(next)
        expect(nextScanned).toBe(scanned)
        expect([...nextScanned.subarray(0, 2 * next.count)]).toEqual([...next.points])
        expect(next.points).not.toBe(scanned)
        expect(scannedPoints(next)).toBe(next.points)
        expect(scannedPoints(eager)).toBe(eager.points)
      }),
    )
  })
})

/** A curve and box of arc `i`, on the map, each number different from every other arc's. */
function shapeOf(i: number) {
  const at = (k: number) => 0.2 + (10 * i + k) / 400_000
  const curve = { u0: at(0), v0: at(1), cu: at(2), cv: at(3), u1: at(4), v1: at(5) }
  const box = { minU: at(6), maxU: at(7), minV: at(8), maxV: at(9) }
  return { curve, box }
}

describe('tabledArcGeometry', () => {
  it('gives each arc back its own box, ends and control point, across as many tables as its arcs fill', () => {
    const arcs = Array.from({ length: 10_000 }, (_, i) => {
      const { curve, box } = shapeOf(i)
      return tabledArcGeometry(curve, 2, box, new Float64Array([i, i + 0.5, i + 1, i + 1.5]))
    })
    arcs.forEach((g, i) => {
      const { curve, box } = shapeOf(i)
      const { u0, v0, u1, v1, cu, cv } = curve
      expect(geometryValues(g)).toEqual({
        points: new Float64Array([i, i + 0.5, i + 1, i + 1.5]),
        count: 2,
        ...box,
        ...{ u0, v0, u1, v1, cu, cv },
      })
    })
  })
})
