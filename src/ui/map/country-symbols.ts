/**
 * Per-country counts for the map's proportional symbols: exposed keys that reached each
 * country's participants in a step, from which key jurisdictions, the largest such count of the
 * run (so circle sizes compare across steps), and where on each country its symbol stands.
 * Pure functions over plain data, memoised per steps array like the other map scans.
 */
import type { Polygon, Position } from 'geojson'
import type { StepRecord, World } from '../../sim/model'
import { ISO_NUMERIC_TO_ALPHA2 } from './basemap'
import { wrapLonDeg } from '../../sim/geo'
import {
  FIELDS,
  PLACE_FIELDS,
  flowNumbersOf,
  forEachFlowOf,
  placeTotalsOf,
} from '../../store/step-flows'
import type { FlowsOrStep } from '../../store/step-flows'
import type { CountryCollection } from './basemap'

/** Exposed keys that reached one country's participants. */
export interface CountryCount {
  /** ISO alpha-2 of the participants' country. */
  readonly country: string
  readonly keys: number
  /** Keys by the jurisdiction of the site that issued them, largest first. */
  readonly byJurisdiction: readonly { readonly jurisdiction: string; readonly keys: number }[]
}

/**
 * Exposed keys per participant country in `flows` (or a step's, read without building its flow
 * objects), largest first (ties by code). Summed by country and jurisdiction index in one array,
 * as {@link countryCountsUpTo} does: the map's circles ask this for every step it shows, and a
 * map of names per country, with a visitor per flow, took 5.7 ms of a streamed busy step's render
 * under the profiler.
 */
export function countryCountsOf(world: World, flows: FlowsOrStep): CountryCount[] {
  const table = countryTableOf(world)
  const sums = new Float64Array(table.countries.length * table.jurisdictions.length)
  if (Array.isArray(flows))
    forEachFlowOf(flows, (siteIndex, cityIndex, _deliveries, exposures) =>
      addExposures(table, sums, siteIndex, cityIndex, exposures),
    )
  else addStepExposures(table, sums, flows as StepRecord)
  return countsOfSums(table, sums)
}

// Adds one flow's exposed keys to its country's and jurisdiction's sum.
function addExposures(
  table: CountryTable,
  sums: Float64Array,
  siteIndex: number,
  cityIndex: number,
  exposures: number,
): void {
  if (!(exposures > 0)) return
  const country = table.countryOfCity[cityIndex] ?? -1
  const jurisdiction = table.jurisdictionOfSite[siteIndex] ?? -1
  if (country < 0 || jurisdiction < 0) return
  const i = country * table.jurisdictions.length + jurisdiction
  sums[i] = (sums[i] as number) + exposures
}

// The same for every flow of a step, read from its numbers in a plain loop.
function addStepExposures(table: CountryTable, sums: Float64Array, step: StepRecord): void {
  const { data, start, end } = flowNumbersOf(step)
  for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS)
    addExposures(table, sums, data[at] as number, data[at + 1] as number, data[at + 3] as number)
}

/**
 * {@link countryCountsOf} summed over steps 0..`stepIndex` (the run so far). Kept per world as
 * sums per country and jurisdiction, in numbers, and carried forward to a later step: the first
 * pointer move over a country after the 200 x 5,000 world's run read every step so far into a
 * flow object per exposure, and the next country read them all again (24 ms of a pointer move's
 * task, profiled). Read afresh for another run, or for an earlier step.
 */
export function countryCountsUpTo(
  world: World,
  steps: readonly StepRecord[],
  stepIndex: number,
): CountryCount[] {
  const table = countryTableOf(world)
  const upTo = Math.min(stepIndex + 1, steps.length)
  const known = soFarScans.get(world)
  const scan =
    known && known.firstStep === steps[0] && known.scanned <= upTo
      ? known
      : {
          firstStep: steps[0],
          scanned: 0,
          sums: new Float64Array(table.countries.length * table.jurisdictions.length),
        }
  for (; scan.scanned < upTo; scan.scanned++)
    addStepExposures(table, scan.sums, steps[scan.scanned] as StepRecord)
  soFarScans.set(world, scan)
  return countsOfSums(table, scan.sums)
}

// Largest first, ties by code, as countryCountsOf orders them.
function countsOfSums(table: CountryTable, sums: Float64Array): CountryCount[] {
  const { countries, jurisdictions } = table
  const out: CountryCount[] = []
  countries.forEach((country, c) => {
    const byJurisdiction = jurisdictions
      .map((jurisdiction, j) => ({ jurisdiction, keys: sums[c * jurisdictions.length + j] ?? 0 }))
      .filter((entry) => entry.keys > 0)
      .sort((a, b) => b.keys - a.keys || a.jurisdiction.localeCompare(b.jurisdiction))
    const keys = byJurisdiction.reduce((sum, entry) => sum + entry.keys, 0)
    if (keys > 0) out.push({ country, keys, byJurisdiction })
  })
  return out.sort((a, b) => b.keys - a.keys || a.country.localeCompare(b.country))
}

interface SoFarScan {
  readonly firstStep: StepRecord | undefined
  scanned: number
  /** Exposed keys per country (row) and jurisdiction (column) over the steps scanned. */
  readonly sums: Float64Array
}
const soFarScans = new WeakMap<World, SoFarScan>()

interface MaxScan {
  readonly firstStep: StepRecord | undefined
  readonly scanned: number
  readonly max: number
}
const maxScans = new WeakMap<World, MaxScan>()

/** Each city's country and each site's jurisdiction as small indices (-1 for none). */
interface CountryTable {
  readonly countryOfCity: Int32Array
  readonly countries: readonly string[]
  readonly jurisdictionOfSite: Int32Array
  readonly jurisdictions: readonly string[]
}
const countryTables = new WeakMap<World, CountryTable>()

function indexer(): { readonly names: string[]; readonly indexOf: (name?: string) => number } {
  const names: string[] = []
  const byName = new Map<string, number>()
  const indexOf = (name?: string): number => {
    if (name === undefined) return -1
    const known = byName.get(name)
    if (known !== undefined) return known
    byName.set(name, names.length)
    return names.push(name) - 1
  }
  return { names, indexOf }
}

function countryTableOf(world: World): CountryTable {
  const known = countryTables.get(world)
  if (known) return known
  const countries = indexer()
  const jurisdictions = indexer()
  const table = {
    countryOfCity: Int32Array.from(world.cities, (c) => countries.indexOf(c.country)),
    countries: countries.names,
    jurisdictionOfSite: Int32Array.from(world.sites, (s) => jurisdictions.indexOf(s.jurisdiction)),
    jurisdictions: jurisdictions.names,
  }
  countryTables.set(world, table)
  return table
}

/** The largest per-country count of one step; `sums` holds a zero per country, as it is left. */
function stepMax(table: CountryTable, step: StepRecord, sums: Float64Array): number {
  // From the exposures per city that come with the step (every site has a jurisdiction): a pass
  // over its cities, not over its flows, in the task that takes a new step.
  const { countryOfCity } = table
  const { cities } = placeTotalsOf(step)
  for (let c = 0, at = 1; c < countryOfCity.length && at < cities.length; c++, at += PLACE_FIELDS) {
    const country = countryOfCity[c] as number
    if (country >= 0) sums[country] = (sums[country] as number) + (cities[at] as number)
  }
  let max = 0
  for (let i = 0; i < sums.length; i++) {
    if ((sums[i] as number) > max) max = sums[i] as number
    sums[i] = 0
  }
  return max
}

/**
 * The largest per-country count of any one step among `steps` (at least 1), extended over new
 * steps as a run streams in and started afresh for another run of the same world.
 */
export function maxCountryKeysPerStep(world: World, steps: readonly StepRecord[]): number {
  const previous = maxScans.get(world)
  const isSameRun =
    previous !== undefined && previous.firstStep === steps[0] && previous.scanned <= steps.length
  let max = isSameRun ? previous.max : 1
  const table = countryTableOf(world)
  const sums = new Float64Array(table.countries.length)
  for (let i = isSameRun ? previous.scanned : 0; i < steps.length; i++)
    max = Math.max(max, stepMax(table, steps[i] as StepRecord, sums))
  maxScans.set(world, { firstStep: steps[0], scanned: steps.length, max })
  return max
}

/** Planar area and centroid of a ring in degrees (shoelace). */
function ringCentroid(ring: readonly Position[]): { area: number; lat: number; lon: number } {
  let a = 0
  let cx = 0
  let cy = 0
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [x0 = 0, y0 = 0] = ring[j] ?? []
    const [x1 = 0, y1 = 0] = ring[i] ?? []
    const cross = x0 * y1 - x1 * y0
    a += cross
    cx += (x0 + x1) * cross
    cy += (y0 + y1) * cross
  }
  if (a === 0) {
    const [x = 0, y = 0] = ring[0] ?? []
    return { area: 0, lat: y, lon: x }
  }
  return { area: Math.abs(a / 2), lat: cy / (3 * a), lon: cx / (3 * a) }
}

/**
 * Where each country's symbol stands (by ISO alpha-2): the centroid of its largest polygon, so
 * the United States' symbol sits on the lower 48 rather than being pulled towards Alaska.
 * Longitudes are brought into -180..180; world copies of a feature give the same point.
 */
export function countryAnchorsOf(
  collection: CountryCollection,
): ReadonlyMap<string, { readonly lat: number; readonly lon: number }> {
  const anchors = new Map<string, { lat: number; lon: number }>()
  for (const feature of collection.features) {
    const code = ISO_NUMERIC_TO_ALPHA2[String(feature.id ?? '')]
    if (!code || anchors.has(code)) continue
    const polygons: Polygon['coordinates'][] =
      feature.geometry.type === 'Polygon'
        ? [feature.geometry.coordinates]
        : feature.geometry.coordinates
    let best: { area: number; lat: number; lon: number } | null = null
    for (const rings of polygons) {
      const outer = rings[0]
      if (!outer || outer.length < 3) continue
      const c = ringCentroid(outer)
      if (!best || c.area > best.area) best = c
    }
    if (best) anchors.set(code, { lat: best.lat, lon: wrapLonDeg(best.lon) })
  }
  return anchors
}
