/**
 * The shape a key path is drawn in. A great circle from Beijing to North America runs near the
 * pole, which Web Mercator stretches off the top of any sensible view; a briefing needs the path
 * on screen, not its exact course. So the map draws each path as a quadratic Bézier on the
 * Mercator plane, bulging towards the nearer pole by a fixed share of its chord (the way a great
 * circle bends, but flatter). Distances and round-trip times still come from the great circle in
 * the engine; the legend says the curves are stylised. Pure functions over plain numbers.
 */
import { wrapLonDeltaDeg } from '../../sim/geo'
import { mercatorU, mercatorV } from './map-scales'

/** Height of a drawn path's bulge as a share of its chord on the Mercator plane. */
export const ARC_BULGE = 0.16

const MAX_LAT = 85.0511287798
const V_MIN = mercatorV(MAX_LAT)
const V_MAX = mercatorV(-MAX_LAT)

/** A Mercator y kept on the map: a drawn point never leaves the square's top or bottom. */
export function vOnMap(v: number): number {
  return Math.max(V_MIN, Math.min(V_MAX, v))
}

interface LatLon {
  readonly lat: number
  readonly lon: number
}

/** Latitude of a Web Mercator y on the unit square (the inverse of {@link mercatorV}). */
export function latOfMercatorV(v: number): number {
  return (Math.atan(Math.sinh((0.5 - v) * 2 * Math.PI)) * 180) / Math.PI
}

/** The quadratic Bézier a path is drawn as, on the unit Mercator square: ends and control point. */
export interface ArcCurve {
  readonly u0: number
  readonly v0: number
  readonly cu: number
  readonly cv: number
  readonly u1: number
  readonly v1: number
}

/**
 * The curve of the drawn path from `from` to `to`. Longitudes take the short way round: u starts
 * at `from`'s and `u1` may leave 0..1 where the path crosses the antimeridian.
 */
export function arcCurveUV(from: LatLon, to: LatLon): ArcCurve {
  const u0 = mercatorU(from.lon)
  const v0 = mercatorV(from.lat)
  const dLonDeg = wrapLonDeltaDeg(from.lon, to.lon)
  const u1 = u0 + dLonDeg / 360
  const v1 = mercatorV(to.lat)
  const du = u1 - u0
  const dv = v1 - v0
  const chord = Math.hypot(du, dv)
  // The unit normal pointing to the pole of the hemisphere the path's middle lies in
  // (north is smaller v); a path straight along a meridian bends east.
  let nu = chord > 0 ? -dv / chord : 0
  let nv = chord > 0 ? du / chord : 0
  const isNorth = from.lat + to.lat >= 0
  if ((isNorth && nv > 0) || (!isNorth && nv < 0) || (nv === 0 && nu < 0)) {
    nu = -nu
    nv = -nv
  }
  // A quadratic Bézier peaks half-way to its control point.
  const cu = (u0 + u1) / 2 + nu * chord * ARC_BULGE * 2
  const cv = (v0 + v1) / 2 + nv * chord * ARC_BULGE * 2
  return { u0, v0, cu, cv, u1, v1 }
}

const newPoints = (length: number): Float64Array => new Float64Array(length)

/** `segments + 1` points of a curve, interleaved `[u0, v0, u1, v1, …]`; v stays on the map. */
export function curvePointsUV(
  curve: ArcCurve,
  segments: number,
  allocate: (length: number) => Float64Array = newPoints,
): Float64Array {
  const { u0, v0, cu, cv, u1, v1 } = curve
  const n = Math.max(1, Math.floor(segments))
  const out = allocate(2 * (n + 1))
  for (let i = 0; i <= n; i++) {
    const t = i / n
    const a = (1 - t) * (1 - t)
    const b = 2 * t * (1 - t)
    const c = t * t
    out[2 * i] = a * u0 + b * cu + c * u1
    out[2 * i + 1] = vOnMap(a * v0 + b * cv + c * v1)
  }
  return out
}

/** Least and greatest value of the quadratic Bézier (1-t)²a + 2t(1-t)c + t²b for t in 0..1. */
function quadraticRange(a: number, c: number, b: number): [number, number] {
  let low = Math.min(a, b)
  let high = Math.max(a, b)
  const d = a - 2 * c + b
  const t = d !== 0 ? (a - c) / d : -1
  if (t > 0 && t < 1) {
    const x = (1 - t) * (1 - t) * a + 2 * t * (1 - t) * c + t * t * b
    low = Math.min(low, x)
    high = Math.max(high, x)
  }
  return [low, high]
}

// Rounding in the sampled points may step past the exact extreme by a few units in the last place.
const BOUNDS_SLACK = 1e-12

/**
 * The bounding box of a curve, from its Bézier's extremes, v kept on the map as the points are:
 * it holds every point {@link curvePointsUV} samples of the curve, at any number of segments.
 */
export function curveBounds(curve: ArcCurve) {
  const [minU, maxU] = quadraticRange(curve.u0, curve.cu, curve.u1)
  const [minV, maxV] = quadraticRange(curve.v0, curve.cv, curve.v1)
  return {
    minU: minU - BOUNDS_SLACK,
    maxU: maxU + BOUNDS_SLACK,
    minV: vOnMap(minV - BOUNDS_SLACK),
    maxV: vOnMap(maxV + BOUNDS_SLACK),
  }
}

/**
 * `segments + 1` points of the drawn path from `from` to `to` ({@link arcCurveUV},
 * {@link curvePointsUV}).
 */
export function displayArcUV(from: LatLon, to: LatLon, segments: number): Float64Array {
  return curvePointsUV(arcCurveUV(from, to), segments)
}

/**
 * {@link displayArcUV} as `[lat0, lon0, lat1, lon1, …]` in degrees (longitudes unwrapped), written
 * into `into` where it has the length, so a caller going through thousands of arcs reuses one.
 */
export function displayArcLatLon(
  from: LatLon,
  to: LatLon,
  segments: number,
  into?: Float64Array,
): Float64Array {
  const allocate = (length: number) => (into?.length === length ? into : newPoints(length))
  const out = curvePointsUV(arcCurveUV(from, to), segments, allocate)
  for (let i = 0; i < out.length; i += 2) {
    const u = out[i] ?? 0
    out[i] = latOfMercatorV(out[i + 1] ?? 0)
    out[i + 1] = (u - 0.5) * 360
  }
  return out
}
