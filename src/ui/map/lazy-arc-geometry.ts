/**
 * The geometry of a bundle's arc (flow-bundler.ts), sampled only when something reads its points.
 * A zoom of a 200 x 5,000 world makes thousands of bundles, and sampling all of them cost the page
 * about 40 ms in the task that starts the zoom's picture, though nothing there reads the points:
 * the map worker draws from the curve (still-pack.ts) and the hit index starts from the bounding
 * boxes. The box is the curve's own (arc-shape.ts, curveBounds), so it holds the sampled points
 * too; the points, once read, are those an eagerly sampled geometry of the curve has.
 *
 * A class, not an object literal with a getter: V8 builds a literal with an accessor and a spread
 * on a slow path, which made about 2 µs a bundle, two thirds of bundling 11,000 of them at a zoom
 * (measured in Node on a 60,000-path list: 31-34 ms with literals, 11-12 ms with this class).
 */
import { curveBounds, curvePointsUV, vOnMap } from './arc-shape'
import type { ArcCurve } from './arc-shape'
import type { ArcGeometry } from './map-data'

class LazyCurveGeometry implements ArcGeometry {
  readonly count: number
  readonly minU: number
  readonly maxU: number
  readonly minV: number
  readonly maxV: number
  // The first and last sampled points: at t = 0 and 1 the Bézier is exactly its end.
  readonly u0: number
  readonly v0: number
  readonly u1: number
  readonly v1: number
  readonly cu: number
  readonly cv: number
  #sampled: Float64Array | null = null

  constructor(
    private readonly curve: ArcCurve,
    private readonly segments: number,
  ) {
    this.count = Math.max(1, Math.floor(segments)) + 1
    const box = curveBounds(curve)
    this.minU = box.minU
    this.maxU = box.maxU
    this.minV = box.minV
    this.maxV = box.maxV
    this.u0 = curve.u0
    this.v0 = vOnMap(curve.v0)
    this.u1 = curve.u1
    this.v1 = vOnMap(curve.v1)
    this.cu = curve.cu
    this.cv = curve.cv
  }

  get points(): Float64Array {
    this.#sampled ??= curvePointsUV(this.curve, this.segments)
    return this.#sampled
  }
}

/** The geometry of `segments` segments of `curve`, its points sampled on first read. */
export function lazyCurveGeometry(curve: ArcCurve, segments: number): ArcGeometry {
  return new LazyCurveGeometry(curve, segments)
}
