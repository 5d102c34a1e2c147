/**
 * The shown step's key paths and the cities they reach, as the keyboard routes list them: key
 * paths with keys from a jurisdiction of concern first, then other exposures, then by keys
 * delivered, ties by name. Read from the step's flow numbers, and only the rows listed are built:
 * at the 200 x 5,000 world's busiest step (61,737 flows), building and sorting a row per flow and
 * per city took about 50 ms each in Node for every step a streaming run showed, and kept every
 * flow of every step shown as an object.
 */
import { weakMapMemoize } from 'reselect'
import type { StepRecord, World } from '../sim/model'
import { nameRanksOf } from './name-order'
import { currentStep } from './selectors'
import { FIELDS, PLACE_FIELDS, flowNumbersOf, placeTotalsOf } from './step-flows'
import type { RunState } from './store'

/** One key path of a step: a key site handing keys to a city's participants. */
export interface KeyPathRow {
  readonly siteId: string
  readonly cityId: string
  readonly siteName: string
  readonly cityName: string
  readonly deliveries: number
  /** Deliveries that were an exposure of either kind. */
  readonly exposures: number
  /** Of those, deliveries from a jurisdiction of concern. */
  readonly concern: number
}

/** A city that received keys in a step, with what it received. */
export interface CityDeliveryRow {
  readonly cityId: string
  readonly cityName: string
  readonly deliveries: number
  readonly exposures: number
  readonly concern: number
}

/** The cities a step's list shows, and how many received keys in all. */
export interface CityDeliveries {
  readonly rows: readonly CityDeliveryRow[]
  readonly total: number
}

/** The most key paths a list offers: enough for a keyboard route, few enough to read. */
export const MAX_KEY_PATHS = 20
/** The most cities a list offers (a preset has about a hundred; an imported world thousands). */
export const MAX_CITY_ROWS = 120

/**
 * Where a row's counts are: row `id` has its concern at `keys[scale * id + concern]`, its
 * exposures and its keys likewise.
 */
interface CountsAt {
  readonly keys: Float64Array
  readonly scale: number
  readonly concern: number
  readonly exposures: number
  readonly deliveries: number
}

/**
 * The first `limit` of `ids` in the lists' order: each count descending, then by `nameOrder`. One
 * pass keeping the best so far, as a step can have tens of thousands of paths and a list shows a
 * few; the counts are read inline, as this runs in the task that shows a step.
 */
function firstInOrder(
  ids: Int32Array,
  limit: number,
  { keys, scale, concern, exposures, deliveries }: CountsAt,
  nameOrder: (a: number, b: number) => number,
): number[] {
  const order = (a: number, b: number): number =>
    (keys[scale * b + concern] as number) - (keys[scale * a + concern] as number) ||
    (keys[scale * b + exposures] as number) - (keys[scale * a + exposures] as number) ||
    (keys[scale * b + deliveries] as number) - (keys[scale * a + deliveries] as number) ||
    nameOrder(a, b)
  if (ids.length <= limit) return Array.from(ids).sort(order)
  const best: number[] = []
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i] as number
    if (best.length === limit) {
      // Most rows fall below the last one kept on a count: compared inline, with no call (most
      // of a busy step's paths tie with it on concern, and many on exposures too).
      const kept = best[limit - 1] as number
      const last = scale * kept
      const at = scale * id
      const c = (keys[at + concern] as number) - (keys[last + concern] as number)
      if (c < 0) continue
      if (c === 0) {
        const e = (keys[at + exposures] as number) - (keys[last + exposures] as number)
        if (e < 0) continue
        if (e === 0) {
          const d = (keys[at + deliveries] as number) - (keys[last + deliveries] as number)
          if (d < 0 || (d === 0 && nameOrder(id, kept) >= 0)) continue
        }
      }
    }
    let at = best.length
    while (at > 0 && order(id, best[at - 1] as number) < 0) at--
    best.splice(at, 0, id)
    if (best.length > limit) best.pop()
  }
  return best
}

const EMPTY_PATHS: readonly KeyPathRow[] = []

function pathRow(world: World, data: Float64Array, at: number): KeyPathRow {
  const siteIndex = data[at] as number
  const cityIndex = data[at + 1] as number
  const site = world.sites[siteIndex]
  const city = world.cities[cityIndex]
  return {
    siteId: site?.id ?? String(siteIndex),
    cityId: city?.id ?? String(cityIndex),
    siteName: site?.city ?? String(siteIndex),
    cityName: city?.name ?? String(cityIndex),
    deliveries: data[at + 2] as number,
    exposures: data[at + 3] as number,
    concern: data[at + 4] as number,
  }
}

/**
 * The first `limit` key paths of `step`, for a keyboard route to them: paths with keys from a
 * jurisdiction of concern first, then other exposures, then by keys delivered, ties by name.
 * Stable per (step, world, limit).
 */
export const keyPathsOf = weakMapMemoize(
  (step: StepRecord, world: World, limit: number): readonly KeyPathRow[] => {
    const { data, start, end } = flowNumbersOf(step)
    // One pass, into room for every flow: this runs once a step, before V8 has optimised it.
    const room = new Int32Array(end - start)
    let count = 0
    for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS)
      if ((data[at + 2] as number) > 0) room[count++] = at
    if (count === 0) return EMPTY_PATHS
    const offsets = room.subarray(0, count)
    // Names by rank, so ties on every count compare numbers (name-order.ts).
    const ranks = nameRanksOf(world)
    const siteRank = (at: number): number => ranks.sites[data[at] as number] ?? -1
    const cityRank = (at: number): number => ranks.cities[data[at + 1] as number] ?? -1
    const first = firstInOrder(
      offsets,
      limit,
      { keys: data, scale: 1, concern: 4, exposures: 3, deliveries: 2 },
      (a, b) => siteRank(a) - siteRank(b) || cityRank(a) - cityRank(b),
    )
    return first.map((at) => pathRow(world, data, at))
  },
)

/** The key path from site `siteId` to city `cityId` in the step the map shows, or null. */
export function keyPathOn(
  run: RunState | null,
  minutes: number,
  siteId: string,
  cityId: string,
): KeyPathRow | null {
  const step = currentStep(run, minutes)
  const world = run?.world
  if (!step || !world) return null
  const siteIndex = world.sites.findIndex((s) => s.id === siteId)
  const cityIndex = world.cities.findIndex((c) => c.id === cityId)
  const { data, start, end } = flowNumbersOf(step)
  for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS)
    if (data[at] === siteIndex && data[at + 1] === cityIndex && (data[at + 2] as number) > 0)
      return pathRow(world, data, at)
  return null
}

const NO_CITIES: CityDeliveries = { rows: [], total: 0 }

/**
 * The first `limit` cities of `step` whose participants received keys, ordered like
 * {@link keyPathsOf} (concern, other exposures, keys, then name), and how many did in all.
 * Stable per (step, world, limit).
 */
export const citiesWithDeliveriesOf = weakMapMemoize(
  (step: StepRecord, world: World, limit: number): CityDeliveries => {
    const cityCount = world.cities.length
    // Deliveries, exposures and concern per city, as the step's place totals give them.
    const sums = placeTotalsOf(step).cities
    const received: number[] = []
    for (let city = 0; city < Math.min(cityCount, sums.length / PLACE_FIELDS); city++)
      if ((sums[PLACE_FIELDS * city] as number) > 0) received.push(city)
    if (received.length === 0) return NO_CITIES
    const nameOf = (city: number): string => world.cities[city]?.name ?? String(city)
    const { cities: rankOf } = nameRanksOf(world)
    const first = firstInOrder(
      Int32Array.from(received),
      limit,
      { keys: sums, scale: PLACE_FIELDS, concern: 2, exposures: 1, deliveries: 0 },
      (a, b) => (rankOf[a] as number) - (rankOf[b] as number),
    )
    const rows = first.map((city): CityDeliveryRow => ({
      cityId: world.cities[city]?.id ?? String(city),
      cityName: nameOf(city),
      deliveries: sums[PLACE_FIELDS * city] as number,
      exposures: sums[PLACE_FIELDS * city + 1] as number,
      concern: sums[PLACE_FIELDS * city + 2] as number,
    }))
    return { rows, total: received.length }
  },
)
