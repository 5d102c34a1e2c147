import type { ArcGeometry } from '../../../src/ui/map/map-data'

/** What an arc geometry says, as a plain object: geometries keep their numbers in different ways. */
export function geometryValues(g: ArcGeometry) {
  const { points, count, minU, maxU, minV, maxV, u0, v0, u1, v1, cu, cv } = g
  return { points, count, minU, maxU, minV, maxV, u0, v0, u1, v1, cu, cv }
}
