/**
 * The geometry of a bundle's arc (flow-bundler.ts), sampled only when something reads its points.
 * A zoom of a 200 x 5,000 world makes thousands of bundles, and sampling all of them cost the page
 * about 40 ms in the task that starts the zoom's picture, though nothing there reads the points:
 * the map worker draws from the curve (still-pack.ts) and the hit index starts from the bounding
 * boxes. The box is the curve's own (arc-shape.ts, curveBounds), so it holds the sampled points
 * too; the points, once read, are those an eagerly sampled geometry of the curve has.
 */
import { curveBounds, curvePointsUV, vOnMap } from './arc-shape'
import type { ArcCurve } from './arc-shape'
import type { ArcGeometry } from './map-data'

/** The geometry of `segments` segments of `curve`, its points sampled on first read. */
export function lazyCurveGeometry(curve: ArcCurve, segments: number): ArcGeometry {
  let sampled: Float64Array | null = null
  return {
    count: Math.max(1, Math.floor(segments)) + 1,
    ...curveBounds(curve),
    // The first and last sampled points: at t = 0 and 1 the Bézier is exactly its end.
    u0: curve.u0,
    v0: vOnMap(curve.v0),
    u1: curve.u1,
    v1: vOnMap(curve.v1),
    cu: curve.cu,
    cv: curve.cv,
    get points(): Float64Array {
      sampled ??= curvePointsUV(curve, segments)
      return sampled
    },
  }
}
