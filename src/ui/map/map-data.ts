/**
 * What the map derives from a run: flows of a step per (site, city), countries exposed so far,
 * which elements a selection keeps in focus, and the geometry for hit-testing arcs in pixels.
 * Pure functions over plain data, so the canvas layer and React parts share one definition.
 */
import type { Incident, StepRecord, World } from '../../sim/model'
import type { Selection } from '../../store/url-state'
import type { ArcKind } from './map-scales'
import { arcCurveUV, curvePointsUV } from './arc-shape'
import type { ArcCurve } from './arc-shape'
import { tabledArcGeometry } from './tabled-arc-geometry'
import { wrapLonDeltaDeg } from '../../sim/geo'
// A step that came packed from the worker is read from its numbers, so drawing a step of tens of
// thousands of flows builds no object per flow.
import {
  FIELDS,
  PLACE_FIELDS,
  flowNumbersOf,
  forEachFlowOf,
  placeTotalsOf,
} from '../../store/step-flows'
import type { FlowsOrStep } from '../../store/step-flows'

/** Key deliveries of one step from one site to one city. */
export interface PairFlow {
  readonly siteIndex: number
  readonly cityIndex: number
  readonly deliveries: number
  /** Exposures of either kind. */
  readonly exposures: number
  /** Of those, keys from a jurisdiction of concern. */
  readonly concern: number
}

/** The treatment of a pair's arc: any key from a jurisdiction of concern makes it a concern arc. */
export function arcKindOf(pair: Pick<PairFlow, 'exposures' | 'concern'>): ArcKind {
  return arcKindOfCounts(pair.exposures, pair.concern)
}

/** {@link arcKindOf} from the two counts, for a pair read as numbers. */
export function arcKindOfCounts(exposures: number, concern: number): ArcKind {
  if (concern > 0) return 'concern'
  return exposures > 0 ? 'crossBorder' : 'normal'
}

/** Participants joining per city index in a step (sum of deliveries), one entry per city. */
export function cityJoinsOf(flows: FlowsOrStep, cityCount: number): Float64Array {
  const joins = new Float64Array(cityCount)
  // A step's come summed with it (its place totals): no pass over its flows.
  if (!Array.isArray(flows)) {
    const { cities } = placeTotalsOf(flows as StepRecord)
    for (let c = 0; c < cityCount; c++) joins[c] = cities[PLACE_FIELDS * c] ?? 0
    return joins
  }
  forEachFlowOf(flows, (_siteIndex, cityIndex, deliveries) => {
    if (cityIndex >= 0 && cityIndex < cityCount)
      joins[cityIndex] = (joins[cityIndex] ?? 0) + deliveries
  })
  return joins
}

/** Largest per-pair delivery count and per-city join count over `steps`, at least 1. */
export function runMaxima(steps: readonly StepRecord[], cityCount: number) {
  let pair = 1
  let city = 1
  for (const step of steps) {
    const { data, start, end } = flowNumbersOf(step)
    for (let at = start * FIELDS + 2; at < end * FIELDS; at += FIELDS)
      if ((data[at] as number) > pair) pair = data[at] as number
    // Joins per city come summed with the step (its place totals).
    const { cities } = placeTotalsOf(step)
    for (let c = 0, at = 0; c < cityCount && at < cities.length; c++, at += PLACE_FIELDS)
      if ((cities[at] as number) > city) city = cities[at] as number
  }
  return { pair, city }
}

/**
 * For every country (ISO alpha-2) whose participants received an exposed key, the first step in
 * which that happened.
 */
export function firstExposureStepByCountry(
  world: World,
  steps: readonly StepRecord[],
): Map<string, number> {
  const first = new Map<string, number>()
  steps.forEach((step, i) => {
    for (const f of step.flows) {
      if (f.exposures <= 0) continue
      const country = world.cities[f.cityIndex]?.country
      if (country !== undefined && !first.has(country)) first.set(country, i)
    }
  })
  return first
}

/** {@link firstExposureStepByCountry} of a run's steps so far, extendable as more arrive. */
export interface ExposureScan {
  readonly world: World
  /** The run's first step record: another run (even with the same world) starts a new scan. */
  readonly firstStep: StepRecord | undefined
  readonly scannedSteps: number
  readonly byCountry: ReadonlyMap<string, number>
}

/**
 * Extends `previous` over the steps that arrived since, so a streamed run is scanned once in
 * all rather than once per snapshot. Returns `previous` itself when nothing changed, and starts
 * over when `steps` belongs to another run or world.
 */
export function scanFirstExposures(
  previous: ExposureScan | null,
  world: World,
  steps: readonly StepRecord[],
): ExposureScan {
  const isSameRun =
    previous !== null &&
    previous.world === world &&
    previous.firstStep === steps[0] &&
    previous.scannedSteps <= steps.length
  if (isSameRun && previous.scannedSteps === steps.length) return previous
  const from = isSameRun ? previous.scannedSteps : 0
  let byCountry: Map<string, number> | null = null
  // From the exposures per city that come with each step (placeTotalsOf): a pass over its
  // cities, not over its flows (5,000 against 60,000 in a busy step of the largest world).
  for (let i = from; i < steps.length; i++) {
    const { cities } = placeTotalsOf(steps[i] as StepRecord)
    for (let c = 0, at = 1; at < cities.length; c++, at += PLACE_FIELDS) {
      if (!((cities[at] as number) > 0)) continue
      const country = world.cities[c]?.country
      if (country === undefined || (isSameRun && previous.byCountry.has(country))) continue
      byCountry ??= new Map(isSameRun ? previous.byCountry : [])
      if (!byCountry.has(country)) byCountry.set(country, i)
    }
  }
  return {
    world,
    firstStep: steps[0],
    scannedSteps: steps.length,
    // Unchanged countries keep the map's identity, so the shading does not redraw.
    byCountry: byCountry ?? (isSameRun ? previous.byCountry : new Map()),
  }
}

const scanBySteps = new WeakMap<readonly StepRecord[], ExposureScan>()
const lastScanOfWorld = new WeakMap<World, ExposureScan>()

/**
 * The first exposure step per country of a run's steps so far: memoised per steps array (the
 * store makes a new one per snapshot) and extended from the world's last scan, so a streamed
 * run costs one pass in all.
 */
export function firstExposuresOf(
  world: World,
  steps: readonly StepRecord[],
): ReadonlyMap<string, number> {
  const hit = scanBySteps.get(steps)
  if (hit && hit.world === world && hit.scannedSteps === steps.length) return hit.byCountry
  const scan = scanFirstExposures(lastScanOfWorld.get(world) ?? null, world, steps)
  scanBySteps.set(steps, scan)
  lastScanOfWorld.set(world, scan)
  return scan.byCountry
}

/** Countries whose participants received an exposed key in steps 0..`stepIndex`, sorted. */
export function exposedCountriesAt(
  first: ReadonlyMap<string, number>,
  stepIndex: number,
): string[] {
  const out: string[] = []
  for (const [country, step] of first) if (step <= stepIndex) out.push(country)
  return out.sort()
}

/** The elements a selection keeps at full opacity; everything else fades. */
export interface Focus {
  readonly siteIds: ReadonlySet<string>
  readonly cityIds: ReadonlySet<string>
  readonly countries: ReadonlySet<string>
  /** Arcs as `siteId>cityId`. */
  readonly pairs: ReadonlySet<string>
  /** An incident's key path, drawn even when the shown step has no such flow. */
  readonly extraPair: { readonly siteId: string; readonly cityId: string } | null
}

/** Key of an arc in {@link Focus.pairs}. */
export const pairKey = (siteId: string, cityId: string): string => `${siteId}>${cityId}`

/**
 * What stays in focus for a selection, given the pairs drawn now: a site keeps its arcs and their
 * cities; a city or country keeps the arcs into it and their sites; a flow keeps its two ends; an
 * incident keeps its key path, its first primary site and its participants' countries. Null when
 * nothing is selected, or the selected incident did not happen in the shown step (`incident` is
 * the one that did: see `incidentOnStep`), so nothing fades and no stale path is drawn.
 */
export function focusOf(
  selection: Selection | null,
  world: World,
  pairs: readonly PairFlow[],
  incident: Incident | null,
): Focus | null {
  if (!selection || (selection.kind === 'incident' && !incident)) return null
  const siteIds = new Set<string>()
  const cityIds = new Set<string>()
  const countries = new Set<string>()
  const keys = new Set<string>()
  let extraPair: Focus['extraPair'] = null
  const keepPair = (siteId: string, cityId: string): void => {
    siteIds.add(siteId)
    cityIds.add(cityId)
    keys.add(pairKey(siteId, cityId))
    const city = world.cities.find((c) => c.id === cityId)
    if (city) countries.add(city.country)
  }
  const pairsWhere = (test: (siteId: string, cityId: string, country: string) => boolean): void => {
    for (const p of pairs) {
      const site = world.sites[p.siteIndex]
      const city = world.cities[p.cityIndex]
      if (site && city && test(site.id, city.id, city.country)) keepPair(site.id, city.id)
    }
  }
  switch (selection.kind) {
    case 'site': {
      siteIds.add(selection.id)
      const site = world.sites.find((s) => s.id === selection.id)
      if (site) countries.add(site.country)
      pairsWhere((siteId) => siteId === selection.id)
      break
    }
    case 'city': {
      cityIds.add(selection.id)
      const city = world.cities.find((c) => c.id === selection.id)
      if (city) countries.add(city.country)
      pairsWhere((_, cityId) => cityId === selection.id)
      break
    }
    case 'country':
      countries.add(selection.id)
      for (const city of world.cities) if (city.country === selection.id) cityIds.add(city.id)
      for (const site of world.sites) if (site.country === selection.id) siteIds.add(site.id)
      // Keys into the country, and keys its data centers handed out (China has sites, no cities).
      pairsWhere((siteId, _, country) => country === selection.id || siteIds.has(siteId))
      break
    case 'flow':
      keepPair(selection.siteId, selection.cityId)
      break
    case 'incident': {
      if (incident) {
        keepPair(incident.keySiteId, incident.participantCityId)
        siteIds.add(incident.firstPrimarySiteId)
        for (const country of incident.meetingCountries) countries.add(country)
        extraPair = { siteId: incident.keySiteId, cityId: incident.participantCityId }
      }
      break
    }
  }
  return { siteIds, cityIds, countries, pairs: keys, extraPair }
}

/** An arc's points on the unit Web Mercator square, with its bounding box there. */
export interface ArcGeometry {
  /** Interleaved `[u0, v0, u1, v1, …]`; u may leave 0..1 where the arc crosses the antimeridian. */
  readonly points: Float64Array
  readonly count: number
  readonly minU: number
  readonly maxU: number
  readonly minV: number
  readonly maxV: number
  /** The first and last points: the curve's ends as drawn (v kept on the map). */
  readonly u0: number
  readonly v0: number
  readonly u1: number
  readonly v1: number
  /** The Bézier's control point: with the ends, what redraws the arc elsewhere. */
  readonly cu: number
  readonly cv: number
}

/**
 * Samples the drawn path from a site to a city ({@link arcCurveUV}: about one point per 3
 * degrees, 8 to 64 segments) once on the unit square; zoom and pan only scale and shift these.
 */
export function arcGeometry(
  from: { lat: number; lon: number },
  to: { lat: number; lon: number },
): ArcGeometry {
  return curveGeometry(arcCurveUV(from, to), arcSegments(from, to))
}

/** Segments the drawn path from `from` to `to` is sampled in: about one per 3 degrees, 8 to 64. */
export function arcSegments(from: { lat: number; lon: number }, to: { lat: number; lon: number }) {
  const approxDeg = Math.hypot(to.lat - from.lat, Math.abs(wrapLonDeltaDeg(from.lon, to.lon)))
  return Math.max(8, Math.min(64, Math.ceil(approxDeg / 3)))
}

/** The geometry of `segments` segments of a curve (the same points as {@link arcGeometry}). */
export function curveGeometry(curve: ArcCurve, segments: number): ArcGeometry {
  const points = curvePointsUV(curve, segments)
  const count = points.length / 2
  let minU = Infinity
  let maxU = -Infinity
  let minV = Infinity
  let maxV = -Infinity
  for (let i = 0; i < count; i++) {
    const u = points[2 * i] ?? 0
    const v = points[2 * i + 1] ?? 0
    if (u < minU) minU = u
    if (u > maxU) maxU = u
    if (v < minV) minV = v
    if (v > maxV) maxV = v
  }
  return tabledArcGeometry(curve, count, { minU, maxU, minV, maxV }, points)
}

/**
 * Distance in pixels from (px, py) to a polyline whose points are on the unit square, drawn at
 * `scale` pixels per unit with (ox, oy) subtracted: pixel = point * scale - origin. With a
 * `limit`, segments whose box lies further than it from the point are passed over (a pointer
 * near one end of a long arc measures a few of its segments): the distance is exact when it is
 * at most `limit`, and otherwise some number over it (Infinity when every segment was passed).
 */
export function distanceToPolylinePx(
  px: number,
  py: number,
  points: Float64Array,
  count: number,
  scale: number,
  ox: number,
  oy: number,
  limit = Infinity,
): number {
  let best = Infinity
  let ax = (points[0] ?? 0) * scale - ox
  let ay = (points[1] ?? 0) * scale - oy
  if (count === 1) return Math.hypot(px - ax, py - ay)
  for (let i = 1; i < count; i++) {
    const bx = (points[2 * i] ?? 0) * scale - ox
    const by = (points[2 * i + 1] ?? 0) * scale - oy
    if (
      px + limit < Math.min(ax, bx) ||
      px - limit > Math.max(ax, bx) ||
      py + limit < Math.min(ay, by) ||
      py - limit > Math.max(ay, by)
    ) {
      ax = bx
      ay = by
      continue
    }
    const dx = bx - ax
    const dy = by - ay
    const lengthSq = dx * dx + dy * dy
    const t =
      lengthSq > 0 ? Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / lengthSq)) : 0
    const d = Math.hypot(px - (ax + t * dx), py - (ay + t * dy))
    if (d < best) best = d
    ax = bx
    ay = by
  }
  return best
}

/**
 * Horizontal world copies (multiples of one world width, in units of the unit square) on which an
 * item spanning [minU, maxU] intersects the view [viewMinU, viewMaxU]: from `first` to `last`.
 */
export function worldCopyRange(
  minU: number,
  maxU: number,
  viewMinU: number,
  viewMaxU: number,
): { first: number; last: number } {
  return { first: Math.ceil(viewMinU - maxU), last: Math.floor(viewMaxU - minU) }
}
