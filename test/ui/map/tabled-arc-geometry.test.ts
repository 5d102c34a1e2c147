import { describe, expect, it } from 'vitest'
import { tabledArcGeometry } from '../../../src/ui/map/tabled-arc-geometry'
import { geometryValues } from './geometry-values'

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
