/**
 * Spherical geometry for the map and the latency model: great-circle distance, fibre round-trip
 * estimates, and great-circle paths with unwrapped longitudes for drawing across the antimeridian.
 *
 * Every function here is pure and deterministic: plain numbers in, plain numbers out, no globals.
 * Angles are in degrees (latitude -90..90, longitude any real number), distances in kilometres and
 * times in milliseconds.
 *
 * @packageDocumentation
 */

/** Mean Earth radius (IUGG R1), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088

/** Speed of light in optical fibre (refractive index about 1.5), in kilometres per second. */
export const FIBRE_LIGHT_SPEED_KM_PER_S = 200_000

/**
 * Ratio of real fibre route length to the great-circle distance (dimensionless).
 * Assumption: cables follow coasts, rights of way and landing stations, so routes are longer
 * than the great circle; 1.5 is a round planning figure, not a measured value.
 */
export const ROUTE_INFLATION_FACTOR = 1.5

/** A point on the sphere, in degrees. `lon` may lie outside -180..180 on unwrapped paths. */
export interface LatLon {
  /** Latitude in degrees, -90 (south) to 90 (north). */
  lat: number
  /** Longitude in degrees, east positive; may be unwrapped past ±180. */
  lon: number
}

const RAD = Math.PI / 180
const DEG = 180 / Math.PI

/**
 * A longitude, or a difference of two longitudes, wrapped into [-180, 180) degrees: the same
 * meridian (or the shorter way round, for a difference). Pure.
 */
export function wrapLonDeg(lonDeg: number): number {
  return lonDeg - 360 * Math.floor((lonDeg + 180) / 360)
}

/** The short way from longitude `fromDeg` to `toDeg`, in [-180, 180) degrees, east positive. Pure. */
export function wrapLonDeltaDeg(fromDeg: number, toDeg: number): number {
  return wrapLonDeg(toDeg - fromDeg)
}

/**
 * Great-circle distance between two points by the haversine formula, on a sphere of radius
 * {@link EARTH_RADIUS_KM}. Inputs in degrees; result in kilometres (0 for the same point).
 * Pure and deterministic.
 */
export function greatCircleKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const phi1 = lat1 * RAD
  const phi2 = lat2 * RAD
  const sinDPhi = Math.sin(((lat2 - lat1) * RAD) / 2)
  const sinDLambda = Math.sin(((lon2 - lon1) * RAD) / 2)
  const a = sinDPhi * sinDPhi + Math.cos(phi1) * Math.cos(phi2) * sinDLambda * sinDLambda
  const clamped = Math.min(1, Math.max(0, a))
  return 2 * EARTH_RADIUS_KM * Math.atan2(Math.sqrt(clamped), Math.sqrt(1 - clamped))
}

/**
 * Estimated round-trip time over fibre for a one-way great-circle distance, in milliseconds:
 * `2 * distanceKm * ROUTE_INFLATION_FACTOR / FIBRE_LIGHT_SPEED_KM_PER_S * 1000`
 * (that is `2 * distanceKm * 1.5 / 200`). Propagation only: no queuing, switching or
 * serialisation delay. Pure and deterministic.
 */
export function fibreRttMs(distanceKm: number): number {
  return ((2 * distanceKm * ROUTE_INFLATION_FACTOR) / FIBRE_LIGHT_SPEED_KM_PER_S) * 1000
}

/**
 * Samples the shorter great-circle arc from `from` to `to` into `out` as interleaved
 * `[lat0, lon0, lat1, lon1, …]` pairs in degrees: `segments + 1` points, `2 * (segments + 1)`
 * numbers. Allocation-free when `out` is passed, for canvas drawing of many arcs.
 *
 * Longitudes are unwrapped: the first point has exactly `from.lon`, consecutive longitudes never
 * differ by more than 180°, so the arc may extend past ±180; the last point equals `to` modulo 360°
 * of longitude. Antipodal endpoints take the arc through the pole nearer to `from` (any great
 * circle is equally short there). Pure and deterministic apart from writing into `out`.
 *
 * @param segments - number of straight pieces, a positive integer.
 * @param out - destination with length at least `2 * (segments + 1)`; allocated when omitted.
 * @returns `out`, or the new array when `out` was omitted.
 * @throws RangeError when `segments` is not a positive integer or `out` is too short.
 */
export function sampleArcPoints(
  from: LatLon,
  to: LatLon,
  segments: number,
  out?: Float64Array,
): Float64Array {
  if (!Number.isInteger(segments) || segments < 1) {
    throw new RangeError(`segments must be a positive integer, got ${segments}`)
  }
  const count = segments + 1
  const target = out ?? new Float64Array(2 * count)
  if (target.length < 2 * count) {
    throw new RangeError(`out needs ${2 * count} numbers, has ${target.length}`)
  }

  const phiA = from.lat * RAD
  const lamA = from.lon * RAD
  const phiB = to.lat * RAD
  const lamB = to.lon * RAD
  const ax = Math.cos(phiA) * Math.cos(lamA)
  const ay = Math.cos(phiA) * Math.sin(lamA)
  const az = Math.sin(phiA)
  const bx = Math.cos(phiB) * Math.cos(lamB)
  const by = Math.cos(phiB) * Math.sin(lamB)
  const bz = Math.sin(phiB)

  // Orthonormal basis (a, v) of the arc's plane: p(t) = cos(t·d)·a + sin(t·d)·v.
  const dot = ax * bx + ay * by + az * bz
  let vx = bx - dot * ax
  let vy = by - dot * ay
  let vz = bz - dot * az
  const vNorm = Math.hypot(vx, vy, vz)
  const angle = Math.atan2(vNorm, dot)
  if (vNorm < 1e-9) {
    // Same or antipodal points: b gives no direction, so head along the meridian of `from`
    // towards its nearer pole (the local north unit tangent, or its opposite).
    const towardsNorth = az >= 0 ? 1 : -1
    vx = -towardsNorth * az * Math.cos(lamA)
    vy = -towardsNorth * az * Math.sin(lamA)
    vz = towardsNorth * Math.cos(phiA)
  } else {
    vx /= vNorm
    vy /= vNorm
    vz /= vNorm
  }

  target[0] = from.lat
  target[1] = from.lon
  let prevRawLon = from.lon
  let prevLon = from.lon
  for (let i = 1; i < count; i++) {
    let lat: number
    let rawLon: number
    if (i === segments) {
      lat = to.lat
      rawLon = to.lon
    } else {
      const theta = (angle * i) / segments
      const c = Math.cos(theta)
      const s = Math.sin(theta)
      const px = c * ax + s * vx
      const py = c * ay + s * vy
      const pz = c * az + s * vz
      lat = Math.atan2(pz, Math.hypot(px, py)) * DEG
      rawLon = Math.atan2(py, px) * DEG
    }
    const lon = prevLon + wrapLonDeg(rawLon - prevRawLon)
    target[2 * i] = lat
    target[2 * i + 1] = lon
    prevRawLon = rawLon
    prevLon = lon
  }
  return target
}

/**
 * The shorter great-circle arc from `from` to `to` as `segments + 1` points, in degrees, by
 * spherical interpolation. Longitudes are unwrapped (see {@link sampleArcPoints}): the path starts
 * at `from` exactly, ends at `to` modulo 360° of longitude, and may extend past ±180 when it
 * crosses the antimeridian; pair it with {@link splitForWorldCopies} for drawing.
 * Pure and deterministic.
 *
 * @param segments - number of straight pieces, a positive integer (default 64).
 * @throws RangeError when `segments` is not a positive integer.
 */
export function greatCirclePath(from: LatLon, to: LatLon, segments = 64): LatLon[] {
  const flat = sampleArcPoints(from, to, segments)
  const path: LatLon[] = []
  for (let i = 0; i < flat.length; i += 2) {
    path.push({ lat: flat[i] ?? 0, lon: flat[i + 1] ?? 0 })
  }
  return path
}

/**
 * The copies of an unwrapped path to draw on a map that shows longitudes -180..180: the path
 * itself, plus the same path shifted by -360° when it extends east of 180 and by +360° when it
 * extends west of -180. Needed because Leaflet's `worldCopyJump` does not copy vector layers.
 * Returns new arrays (the input is not modified); one element when the path stays within ±180.
 * Degrees in, degrees out. Pure and deterministic.
 */
export function splitForWorldCopies(path: LatLon[]): LatLon[][] {
  let minLon = Infinity
  let maxLon = -Infinity
  for (const p of path) {
    if (p.lon < minLon) minLon = p.lon
    if (p.lon > maxLon) maxLon = p.lon
  }
  const copies: LatLon[][] = [path.map((p) => ({ lat: p.lat, lon: p.lon }))]
  if (maxLon > 180) copies.push(path.map((p) => ({ lat: p.lat, lon: p.lon - 360 })))
  if (minLon < -180) copies.push(path.map((p) => ({ lat: p.lat, lon: p.lon + 360 })))
  return copies
}
