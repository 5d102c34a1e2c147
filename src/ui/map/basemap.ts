import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import countriesUrl from 'world-atlas/countries-110m.json?url'
import isoNumericToAlpha2 from './iso-numeric-to-alpha2.json'
import { wrapLonDeltaDeg } from '../../sim/geo'

// Served as a separate asset and fetched at start-up, so the 100 kB topology stays out of the JS
// bundle and is cached on its own; it is still a local file, so the map works offline.
export { countriesUrl }

/** Properties kept on each country feature; `name` is Natural Earth's short name. */
export interface CountryProperties {
  name: string
}

/** A country outline; `id` is the zero-padded ISO 3166-1 numeric code, absent for a few areas. */
export type CountryFeature = Feature<Polygon | MultiPolygon, CountryProperties>

/** All country outlines, with rings made continuous across the antimeridian. */
export type CountryCollection = FeatureCollection<Polygon | MultiPolygon, CountryProperties>

// Leaflet's Web Mercator stops at about ±85.05°; a pole ring closed along this latitude (or the
// ring's own extreme, if further) is drawn along the map's top or bottom edge.
const POLE_EDGE_LAT = 85
// Intermediate points along the pole edge keep every step at or below this many degrees.
const POLE_EDGE_STEP_DEG = 90

function lonOf(p: Position | undefined): number {
  return p?.[0] ?? 0
}

function latOf(p: Position | undefined): number {
  return p?.[1] ?? 0
}

function isJump(a: Position | undefined, b: Position | undefined): boolean {
  return Math.abs(lonOf(b) - lonOf(a)) > 180
}

function unwrap(points: Position[]): Position[] {
  const out: Position[] = []
  let prevRaw = lonOf(points[0])
  let prevLon = prevRaw
  for (const p of points) {
    const lon = prevLon + wrapLonDeltaDeg(prevRaw, lonOf(p))
    out.push([lon, latOf(p)])
    prevRaw = lonOf(p)
    prevLon = lon
  }
  return out
}

function lonCentre(ring: Position[]): number {
  let min = Infinity
  let max = -Infinity
  for (const p of ring) {
    min = Math.min(min, lonOf(p))
    max = Math.max(max, lonOf(p))
  }
  return (min + max) / 2
}

function shiftLon(ring: Position[], deltaDeg: number): Position[] {
  return deltaDeg === 0 ? ring : ring.map((p) => [lonOf(p) + deltaDeg, latOf(p)])
}

/**
 * Makes one closed GeoJSON ring ([lon, lat] degrees) drawable on a flat -180..180 map. A ring
 * with an even number of longitude jumps over 180° is unwrapped (±360) so it is continuous; a
 * ring with an odd number goes round a pole, so it is cut at its first jump, unwrapped, and closed
 * along latitude ±85 (or the ring's own extreme latitude beyond that) round the map edge. The
 * result is shifted by a multiple of 360° so the middle of its longitude span lies in -180..180.
 * A ring without jumps comes back unchanged (as a copy). Returns a closed ring; the input is not
 * modified.
 */
export function fixAntimeridianRing(ring: Position[]): Position[] {
  const first = ring[0]
  const last = ring[ring.length - 1]
  const isClosed = ring.length > 1 && lonOf(first) === lonOf(last) && latOf(first) === latOf(last)
  const open = (isClosed ? ring.slice(0, -1) : ring).map((p) => [lonOf(p), latOf(p)])
  const n = open.length
  let jumps = 0
  let firstJumpIndex = -1
  for (let i = 0; i < n; i++) {
    if (isJump(open[(i - 1 + n) % n], open[i])) {
      jumps++
      if (firstJumpIndex < 0) firstJumpIndex = i
    }
  }
  if (jumps === 0) return [...open, [lonOf(open[0]), latOf(open[0])]]

  let fixed: Position[]
  if (jumps % 2 === 0) {
    fixed = unwrap([...open, [lonOf(open[0]), latOf(open[0])]])
  } else {
    const rotated = unwrap([...open.slice(firstJumpIndex), ...open.slice(0, firstJumpIndex)])
    let latSum = 0
    let latExtreme = POLE_EDGE_LAT
    for (const p of rotated) {
      latSum += latOf(p)
      latExtreme = Math.max(latExtreme, Math.abs(latOf(p)))
    }
    const edgeLat = latSum < 0 ? -latExtreme : latExtreme
    const startLon = lonOf(rotated[0])
    const endLon = lonOf(rotated[rotated.length - 1])
    const steps = Math.max(1, Math.ceil(Math.abs(startLon - endLon) / POLE_EDGE_STEP_DEG))
    const edge: Position[] = []
    for (let k = 0; k <= steps; k++) {
      edge.push([endLon + ((startLon - endLon) * k) / steps, edgeLat])
    }
    fixed = [...rotated, ...edge, [startLon, latOf(rotated[0])]]
  }
  return shiftLon(fixed, -360 * Math.round(lonCentre(fixed) / 360))
}

function fixPolygon(rings: Position[][]): Position[][] {
  const fixed = rings.map(fixAntimeridianRing)
  const outer = fixed[0]
  if (outer === undefined) return fixed
  const outerCentre = lonCentre(outer)
  // Holes follow their outer ring onto the same world copy.
  return fixed.map((ring, i) =>
    i === 0 ? ring : shiftLon(ring, 360 * Math.round((outerCentre - lonCentre(ring)) / 360)),
  )
}

function isTopology(value: unknown): value is Topology {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { type?: unknown }).type === 'Topology' &&
    typeof (value as { objects?: unknown }).objects === 'object'
  )
}

/**
 * Converts world-atlas `countries-110m.json` (a TopoJSON topology with a `countries` object) into
 * GeoJSON country features for Leaflet, with every ring fixed by {@link fixAntimeridianRing} so
 * Russia, Fiji and Antarctica draw no line across the map. Keeps each feature's `id` and
 * `properties.name`; drops features without polygon geometry.
 *
 * @throws Error when the topology has no `countries` geometry collection.
 */
export function loadCountries(topology: Topology): CountryCollection {
  const countries = topology.objects['countries']
  if (countries?.type !== 'GeometryCollection') {
    throw new Error('topology has no "countries" GeometryCollection')
  }
  const collection = feature<CountryProperties>(
    topology,
    countries as GeometryCollection<CountryProperties>,
  )
  const features: CountryFeature[] = []
  for (const f of collection.features) {
    const name = typeof f.properties?.name === 'string' ? f.properties.name : ''
    const base = { type: 'Feature' as const, ...(f.id === undefined ? {} : { id: f.id }) }
    if (f.geometry.type === 'Polygon') {
      const geometry: Polygon = { type: 'Polygon', coordinates: fixPolygon(f.geometry.coordinates) }
      features.push({ ...base, geometry, properties: { name } })
    } else if (f.geometry.type === 'MultiPolygon') {
      const geometry: MultiPolygon = {
        type: 'MultiPolygon',
        coordinates: f.geometry.coordinates.map(fixPolygon),
      }
      features.push({ ...base, geometry, properties: { name } })
    }
  }
  return { type: 'FeatureCollection', features }
}

/** Longitude shifts of the world copies the map draws: the map can be centred on any longitude. */
export const WORLD_COPY_SHIFTS_DEG: readonly number[] = [-360, 0, 360]

/** Antarctica's ISO numeric id: no site or city lies there, and drawn it filled a third of a wide map. */
export const ANTARCTICA_ID = '010'

/**
 * Fetches a world-atlas countries topology (by default the bundled `countries-110m.json` asset,
 * served locally) and converts it with {@link loadCountries}, leaving out Antarctica.
 *
 * @throws Error when the response is not OK or is not a TopoJSON topology.
 */
export async function fetchCountries(
  url: string = countriesUrl,
  signal?: AbortSignal,
): Promise<CountryCollection> {
  const response = await fetch(url, signal === undefined ? {} : { signal })
  if (!response.ok) {
    throw new Error(`could not load countries from ${url}: HTTP ${response.status}`)
  }
  const data: unknown = await response.json()
  if (!isTopology(data)) throw new Error(`${url} is not a TopoJSON topology`)
  const countries = loadCountries(data)
  return { ...countries, features: countries.features.filter((f) => f.id !== ANTARCTICA_ID) }
}

/**
 * ISO 3166-1 numeric code (zero-padded three digits, as world-atlas uses for feature ids) to
 * alpha-2 code, for every officially assigned country and territory.
 */
export const ISO_NUMERIC_TO_ALPHA2: Readonly<Record<string, string>> = isoNumericToAlpha2
