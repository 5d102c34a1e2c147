/**
 * Where the map looks: the view that frames a run's exposure arcs (across the Pacific when that is
 * the short way round) and the world copies that let the map be centred on any longitude. Pure
 * functions over plain data; the map component moves the Leaflet view with their results.
 */
import type { StepRecord, World } from '../../sim/model'
import { displayArcLatLon } from './arc-shape'
import { wrapLonDeltaDeg } from '../../sim/geo'
import { FIELDS, flowNumbersOf } from '../../store/step-flows'

/** A view rectangle in degrees; `west` and `east` may leave -180..180 (a world copy). */
export interface ViewBounds {
  readonly south: number
  readonly west: number
  readonly north: number
  readonly east: number
}

/** Inhabited latitudes, Greenwich near the middle: the view when there is nothing to frame. */
/** Bounds as corner pairs, [[south, west], [north, east]], as Leaflet and the map scene take them. */
export const cornersOf = (b: ViewBounds): [[number, number], [number, number]] => [
  [b.south, b.west],
  [b.north, b.east],
]

export const WORLD_VIEW: ViewBounds = { south: -56, west: -170, north: 76, east: 190 }

/** Highest latitude a fit includes: near Web Mercator's 85° edge, so polar arcs stay in view. */
export const FIT_MAX_LAT = 84

/** Wider than this (degrees of longitude), a framed view says less than the world view. */
export const FIT_MAX_SPAN_DEG = 300

// A single short arc (Frankfurt to Paris) should not zoom to a street map.
const FIT_MIN_LON_SPAN_DEG = 40
const FIT_MIN_LAT_SPAN_DEG = 20
const ARC_SAMPLES = 32

/** The two ends of a key path. */
export interface ArcEnds {
  readonly from: { readonly lat: number; readonly lon: number }
  readonly to: { readonly lat: number; readonly lon: number }
}

const mod360 = (deg: number): number => ((deg % 360) + 360) % 360

/**
 * The distinct site-to-city paths of a run that delivered an exposed key (from a jurisdiction of
 * concern or only across a border), ordered by site, then city. Every one of them is drawn at
 * some step, so the framing holds them all: no exposure path leaves the fitted view.
 */
export function exposureArcsOf(world: World, steps: readonly StepRecord[]): ArcEnds[] {
  return drain(exposureArcsIn(world, steps))
}

// The work below yields every so often, so a large run's framing can be spread over several
// tasks (see `runViewInSlices`) instead of holding the page for a second.
const ARCS_PER_YIELD = 64

// Flows read, and pairs looked at, between two yields: a step of a large world has 60,000 flows,
// and one pass over them in a slice took 38-65 ms untraced (the code runs cold, once a run).
const FLOWS_PER_YIELD = 4_096
const PAIRS_PER_YIELD = 65_536

function* exposureArcsIn(world: World, steps: readonly StepRecord[]): Generator<void, ArcEnds[]> {
  const sites = world.sites.length
  const cities = world.cities.length
  // One mark per site and city pair, in the pairs' order: no set of keys to fill and sort.
  const isExposed = new Uint8Array(sites * cities)
  for (const step of steps) {
    const { data, start, end } = flowNumbersOf(step)
    for (let i = start; i < end; i++) {
      if ((i - start) % FLOWS_PER_YIELD === FLOWS_PER_YIELD - 1) yield
      const at = i * FIELDS
      if (!((data[at + 3] as number) > 0)) continue
      const site = data[at] as number
      const city = data[at + 1] as number
      if (site >= 0 && site < sites && city >= 0 && city < cities)
        isExposed[site * cities + city] = 1
    }
    yield
  }
  const out: ArcEnds[] = []
  for (let key = 0; key < isExposed.length; key++) {
    if (key % PAIRS_PER_YIELD === PAIRS_PER_YIELD - 1) yield
    if (isExposed[key] !== 1) continue
    const site = world.sites[Math.floor(key / cities)]
    const city = world.cities[key % cities]
    if (site && city) out.push({ from: site, to: city })
  }
  return out
}

function drain<T>(work: Generator<void, T>): T {
  for (;;) {
    const next = work.next()
    if (next.done) return next.value
  }
}

/**
 * The union of the intervals [starts[i], ends[i]], as its separate stretches in order (touching
 * intervals join): a sweep over the starts and the ends, each sorted apart by the typed array's
 * own sort. Sorting the intervals with a comparator called it some 100,000 times for a large
 * run's 10,000 exposure paths, 14 ms of one slice when profiled.
 */
export function mergedIntervals(
  starts: Float64Array,
  ends: Float64Array,
): { start: number; end: number }[] {
  const byStart = Float64Array.from(starts).sort()
  const byEnd = Float64Array.from(ends).sort()
  const merged: { start: number; end: number }[] = []
  let open = 0
  let start = 0
  let j = 0
  for (let i = 0; i < byStart.length; i++) {
    const s = byStart[i] as number
    // Every end before this start closes an interval; at an equal value the start comes first.
    while ((byEnd[j] as number) < s) {
      open--
      if (open === 0) merged.push({ start, end: byEnd[j] as number })
      j++
    }
    if (open === 0) start = s
    open++
  }
  merged.push({ start, end: byEnd[byEnd.length - 1] as number })
  return merged
}

/**
 * The smallest rectangle holding every arc as drawn ({@link displayArcLatLon}), going round the
 * globe the short way:
 * the longitudes the arcs cover are merged on the circle and the view leaves out the widest
 * stretch no arc crosses (for Beijing and Toronto, the Atlantic, Europe and central Asia).
 * Latitudes include each arc's bulge towards the pole, up to ±{@link FIT_MAX_LAT}. The result is
 * shifted by whole turns so its middle lies in -180..180, widened to a minimum size, and null
 * when there are no arcs or they go all the way round.
 */
export function fitBoundsOfArcs(arcs: readonly ArcEnds[]): ViewBounds | null {
  return drain(fitBoundsIn(arcs))
}

function* fitBoundsIn(arcs: readonly ArcEnds[]): Generator<void, ViewBounds | null> {
  if (arcs.length === 0) return null
  let south = Infinity
  let north = -Infinity
  // Numbers, not an object an arc: tens of thousands of small objects made the slices' garbage.
  const starts = new Float64Array(arcs.length)
  const ends = new Float64Array(arcs.length)
  const points = new Float64Array(2 * (ARC_SAMPLES + 1))
  for (let i = 0; i < arcs.length; i++) {
    if (i % ARCS_PER_YIELD === ARCS_PER_YIELD - 1) yield
    const { from, to } = arcs[i] as ArcEnds
    displayArcLatLon(from, to, ARC_SAMPLES, points)
    let lon = points[1] ?? 0
    let prev = lon
    let min = lon
    let max = lon
    for (let k = 0; k <= ARC_SAMPLES; k++) {
      const lat = points[2 * k] ?? 0
      const raw = points[2 * k + 1] ?? 0
      if (k > 0) {
        lon += wrapLonDeltaDeg(prev, raw)
        prev = raw
      }
      min = Math.min(min, lon)
      max = Math.max(max, lon)
      south = Math.min(south, lat)
      north = Math.max(north, lat)
    }
    const start = mod360(min)
    starts[i] = start
    ends[i] = start + (max - min)
  }
  // Sorting ten thousand intervals is a slice's work of its own.
  yield
  const merged = mergedIntervals(starts, ends)
  // The last stretch may run past 360 into the first ones.
  for (;;) {
    const first = merged[0]
    const last = merged[merged.length - 1]
    if (!first || !last || merged.length < 2 || last.end < first.start + 360) break
    last.end = Math.max(last.end, first.end + 360)
    merged.shift()
  }
  let west: number
  let east: number
  const only = merged[0]
  if (merged.length === 1 && only) {
    if (only.end - only.start >= 360) return null
    west = only.start
    east = only.end
  } else {
    let bestGap = -Infinity
    west = 0
    east = 0
    merged.forEach((m, i) => {
      const next =
        i + 1 < merged.length ? (merged[i + 1]?.start ?? 0) : (merged[0]?.start ?? 0) + 360
      const gap = next - m.end
      if (gap > bestGap) {
        bestGap = gap
        west = next
        east = m.end + 360
      }
    })
    if (!(bestGap > 0)) return null
  }

  const shift = -360 * Math.round((west + east) / 2 / 360)
  west += shift
  east += shift
  if (east - west < FIT_MIN_LON_SPAN_DEG) {
    const middle = (west + east) / 2
    west = middle - FIT_MIN_LON_SPAN_DEG / 2
    east = middle + FIT_MIN_LON_SPAN_DEG / 2
  }
  south = Math.max(-FIT_MAX_LAT, south)
  north = Math.min(FIT_MAX_LAT, north)
  if (north - south < FIT_MIN_LAT_SPAN_DEG) {
    const middle = Math.max(
      -FIT_MAX_LAT + FIT_MIN_LAT_SPAN_DEG / 2,
      Math.min(FIT_MAX_LAT - FIT_MIN_LAT_SPAN_DEG / 2, (south + north) / 2),
    )
    south = middle - FIT_MIN_LAT_SPAN_DEG / 2
    north = middle + FIT_MIN_LAT_SPAN_DEG / 2
  }
  return { south, west, north, east }
}

/**
 * The view that frames a run: its exposure arcs ({@link exposureArcsOf}) fitted with
 * {@link fitBoundsOfArcs}, or {@link WORLD_VIEW} when there are none or they span most of the
 * globe anyway.
 */
export function runViewOf(world: World, steps: readonly StepRecord[]): ViewBounds {
  return drain(runViewIn(world, steps))
}

function* runViewIn(world: World, steps: readonly StepRecord[]): Generator<void, ViewBounds> {
  const fit = yield* fitBoundsIn(yield* exposureArcsIn(world, steps))
  return fit && fit.east - fit.west <= FIT_MAX_SPAN_DEG ? fit : WORLD_VIEW
}

/** How {@link runViewInSlices} divides its work: a clock in ms and a way to run later. */
export interface SliceOptions {
  readonly sliceMs?: number
  readonly now?: () => number
  readonly schedule?: (run: () => void) => void
}

/**
 * {@link runViewOf} worked out in tasks of about `sliceMs` each (`schedule` runs each one, the
 * first too), then handed to `done` in a task of its own: the same view, without a long task on a
 * large run. None of the work is done in the task that asks for it, which for a run's framing is
 * the one that took the run's last message, already busy with it, and `done` (which moves the
 * map, redrawing its markers and shapes) does not share a task with the last slice. The returned
 * function stops the work; `done` is then never called.
 */
export function runViewInSlices(
  world: World,
  steps: readonly StepRecord[],
  done: (view: ViewBounds) => void,
  {
    sliceMs = 8,
    now = () => performance.now(),
    schedule = (run) => void setTimeout(run, 0),
  }: SliceOptions = {},
): () => void {
  const work = runViewIn(world, steps)
  let isStopped = false
  const slice = (): void => {
    if (isStopped) return
    const began = now()
    for (;;) {
      const next = work.next()
      if (next.done) {
        const view = next.value
        return schedule(() => {
          if (!isStopped) done(view)
        })
      }
      if (now() - began >= sliceMs) break
    }
    schedule(slice)
  }
  schedule(slice)
  return () => {
    isStopped = true
  }
}
