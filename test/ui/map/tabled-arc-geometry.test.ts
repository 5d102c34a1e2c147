import { describe, expect, it } from 'vitest'
import { tabledArcGeometry } from '../../../src/ui/map/tabled-arc-geometry'
import { geometryValues } from './geometry-values'

describe('tabledArcGeometry', () => {
  it('gives each arc back its own numbers, across as many tables as its arcs fill', () => {
    const numbersOf = (i: number) => Array.from({ length: 10 }, (_, k) => i + k / 16)
    const arcs = Array.from({ length: 10_000 }, (_, i) => {
      const points = new Float64Array([i, i + 0.5])
      const [minU, maxU, minV, maxV, u0, v0, u1, v1, cu, cv] = numbersOf(i)
      return tabledArcGeometry(points, 1, minU!, maxU!, minV!, maxV!, u0!, v0!, u1!, v1!, cu!, cv!)
    })
    arcs.forEach((g, i) => {
      const [minU, maxU, minV, maxV, u0, v0, u1, v1, cu, cv] = numbersOf(i)
      expect(geometryValues(g)).toEqual({
        points: new Float64Array([i, i + 0.5]),
        count: 1,
        ...{ minU, maxU, minV, maxV, u0, v0, u1, v1, cu, cv },
      })
    })
  })
})
