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

/** Whether a Mercator y lies inside the map's square, where {@link vOnMap} leaves it as it is. */
export function isInsideMapV(v: number): boolean {
  return v > V_MIN && v < V_MAX
}

/** A Mercator y kept on the map: a drawn point never leaves the square's top or bottom. */
export function vOnMap(v: number): number {
  return Math.max(V_MIN, Math.min(V_MAX, v))
}

/** A point as latitude and longitude in degrees. */
export interface LatLon {
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
 * The curve of the drawn path from `from` to `to`, written into `out` from `at`: u0, v0, cu, cv,
 * u1, v1 (the fields of {@link ArcCurve}, in order). Longitudes take the short way round: u starts
 * at `from`'s and `u1` may leave 0..1 where the path crosses the antimeridian. Written into an
 * array, not returned as an object: each fractional field of an object is a number boxed on the
 * heap, and a step of a large world shapes tens of thousands of paths (arc-geometries.ts).
 */
export function writeArcCurve(from: LatLon, to: LatLon, out: Float64Array, at = 0): void {
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
  out[at] = u0
  out[at + 1] = v0
  out[at + 2] = (u0 + u1) / 2 + nu * chord * ARC_BULGE * 2
  out[at + 3] = (v0 + v1) / 2 + nv * chord * ARC_BULGE * 2
  out[at + 4] = u1
  out[at + 5] = v1
}

const curveScratch = new Float64Array(6)

/** {@link writeArcCurve} as an object. */
export function arcCurveUV(from: LatLon, to: LatLon): ArcCurve {
  const c = curveScratch
  writeArcCurve(from, to, c)
  return {
    u0: c[0] as number,
    v0: c[1] as number,
    cu: c[2] as number,
    cv: c[3] as number,
    u1: c[4] as number,
    v1: c[5] as number,
  }
}

const newPoints = (length: number): Float64Array => new Float64Array(length)

/** Writes a curve object's numbers into `out` from `at`, in the order {@link writeArcCurve} does. */
export function writeCurveNumbers(curve: ArcCurve, out: Float64Array, at = 0): Float64Array {
  out[at] = curve.u0
  out[at + 1] = curve.v0
  out[at + 2] = curve.cu
  out[at + 3] = curve.cv
  out[at + 4] = curve.u1
  out[at + 5] = curve.v1
  return out
}

/** `segments + 1` points of a curve, interleaved `[u0, v0, u1, v1, …]`; v stays on the map. */
export function curvePointsUV(
  curve: ArcCurve,
  segments: number,
  allocate: (length: number) => Float64Array = newPoints,
): Float64Array {
  const n = Math.max(1, Math.floor(segments))
  return samplePoints(writeCurveNumbers(curve, curveScratch), n, allocate(2 * (n + 1)))
}

/** `n + 1` points of the curve in `curve` (as {@link writeArcCurve} writes it) into `out`. */
function samplePoints(curve: Float64Array, n: number, out: Float64Array): Float64Array {
  const u0 = curve[0] as number
  const v0 = curve[1] as number
  const cu = curve[2] as number
  const cv = curve[3] as number
  const u1 = curve[4] as number
  const v1 = curve[5] as number
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

/** Where in 0..1 the quadratic Bézier (1-t)²a + 2t(1-t)c + t²b turns, or -1 if it does not. */
function turnOf(a: number, c: number, b: number): number {
  const d = a - 2 * c + b
  return d !== 0 ? (a - c) / d : -1
}

/** The value of that Bézier at t. */
function quadraticAt(a: number, c: number, b: number, t: number): number {
  return (1 - t) * (1 - t) * a + 2 * t * (1 - t) * c + t * t * b
}

/** Least value of that Bézier for t in 0..1 (two numbers, where a pair would be boxed). */
function quadraticLow(a: number, c: number, b: number): number {
  const t = turnOf(a, c, b)
  const low = Math.min(a, b)
  return t > 0 && t < 1 ? Math.min(low, quadraticAt(a, c, b, t)) : low
}

/** Greatest value of that Bézier for t in 0..1. */
function quadraticHigh(a: number, c: number, b: number): number {
  const t = turnOf(a, c, b)
  const high = Math.max(a, b)
  return t > 0 && t < 1 ? Math.max(high, quadraticAt(a, c, b, t)) : high
}

// Rounding in the sampled points may step past the exact extreme by a few units in the last place.
const BOUNDS_SLACK = 1e-12

/**
 * The bounding box of the curve in `curve` from `at` (as {@link writeArcCurve} writes it), from its
 * Bézier's extremes, v kept on the map as the points are: it holds every point
 * {@link curvePointsUV} samples of the curve, at any number of segments. Written into `out` from
 * `outAt`: minU, maxU, minV, maxV.
 */
export function writeCurveBounds(
  curve: Float64Array,
  at: number,
  out: Float64Array,
  outAt: number,
): void {
  const u0 = curve[at] as number
  const v0 = curve[at + 1] as number
  const cu = curve[at + 2] as number
  const cv = curve[at + 3] as number
  const u1 = curve[at + 4] as number
  const v1 = curve[at + 5] as number
  out[outAt] = quadraticLow(u0, cu, u1) - BOUNDS_SLACK
  out[outAt + 1] = quadraticHigh(u0, cu, u1) + BOUNDS_SLACK
  out[outAt + 2] = vOnMap(quadraticLow(v0, cv, v1) - BOUNDS_SLACK)
  out[outAt + 3] = vOnMap(quadraticHigh(v0, cv, v1) + BOUNDS_SLACK)
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
  const n = Math.max(1, Math.floor(segments))
  const out = into?.length === 2 * (n + 1) ? into : newPoints(2 * (n + 1))
  // Through the scratch array, not a curve object: a run's framing goes through thousands of arcs.
  writeArcCurve(from, to, curveScratch)
  samplePoints(curveScratch, n, out)
  for (let i = 0; i < out.length; i += 2) {
    const u = out[i] ?? 0
    out[i] = latOfMercatorV(out[i + 1] ?? 0)
    out[i + 1] = (u - 0.5) * 360
  }
  return out
}
