/**
 * The drawn shape of each key path of a world, computed once per (site, city) pair and kept for
 * the world's lifetime. A step of a large world shows some 60,000 pairs, and shaping those met
 * for the first time held the page for a third of a second in one task: the flow layer has the
 * pairs of a new step shaped in slices first ({@link shapeStep}), and once a run is done the
 * pairs of all its steps are shaped ahead in the browser's idle time, so playback finds them
 * ready. Steps are read from their flow numbers (`flowNumbersOf`), so no flow objects are built.
 * A shape is its curve, box and ends; its points are sampled only if something reads them
 * (tabled-arc-geometry.ts), which in a large world is the few thousand paths drawn one by one.
 */
import type { StepRecord, World } from '../../sim/model'
import { FIELDS, flowNumbersOf } from '../../store/step-flows'
import { arcSegments } from './map-data'
import type { ArcGeometry } from './map-data'
import { lazyArcGeometry } from './tabled-arc-geometry'

/** A world's shaped paths, by key. */
interface Shapes {
  /**
   * One more than the index in `list` of each key's shape, 0 for a key not shaped yet. A typed
   * array over every (site, city) pair, 4 bytes each (10 MB for the largest world a scenario may
   * have): a Map lookup per pair took 8 ms of a new step's 60,000 in a 200 x 5,000 world.
   */
  readonly slotOf: Int32Array
  readonly list: ArcGeometry[]
}

const geometries = new WeakMap<World, Shapes>()

function shapesOf(world: World): Shapes {
  let shapes = geometries.get(world)
  if (!shapes) {
    const slotOf = new Int32Array(world.sites.length * world.cities.length)
    geometries.set(world, (shapes = { slotOf, list: [] }))
  }
  return shapes
}

function shapeKey(world: World, shapes: Shapes, key: number): void {
  if (shapes.slotOf[key] !== 0) return
  const cityCount = world.cities.length
  const site = world.sites[Math.floor(key / cityCount)]
  const city = world.cities[key % cityCount]
  if (!site || !city) return
  shapes.list.push(lazyArcGeometry(site, city, arcSegments(site, city)))
  shapes.slotOf[key] = shapes.list.length
}

/** The shape of the path from site `siteIndex` to city `cityIndex`, or null outside the world. */
export function geometryOf(world: World, siteIndex: number, cityIndex: number): ArcGeometry | null {
  return geometriesOf(world)(siteIndex, cityIndex)
}

/**
 * {@link geometryOf} for one world, for a caller that looks up a whole step's pairs: the world's
 * shapes are found once, not once a pair.
 */
export function geometriesOf(
  world: World,
): (siteIndex: number, cityIndex: number) => ArcGeometry | null {
  const shapes = shapesOf(world)
  const { slotOf, list } = shapes
  const siteCount = world.sites.length
  const cityCount = world.cities.length
  return (siteIndex, cityIndex) => {
    const isInWorld =
      siteIndex >= 0 && siteIndex < siteCount && cityIndex >= 0 && cityIndex < cityCount
    if (!isInWorld || !Number.isInteger(siteIndex) || !Number.isInteger(cityIndex)) return null
    const key = siteIndex * cityCount + cityIndex
    if (slotOf[key] === 0) shapeKey(world, shapes, key)
    return list[(slotOf[key] as number) - 1] ?? null
  }
}

/** The pairs of `step` not shaped yet, as keys (site index x cities + city index). */
export function unshapedPairs(world: World, step: StepRecord): number[] {
  const { slotOf } = shapesOf(world)
  const cityCount = world.cities.length
  const keys: number[] = []
  const { data, start, end } = flowNumbersOf(step)
  for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS) {
    const key = (data[at] as number) * cityCount + (data[at + 1] as number)
    if (slotOf[key] === 0) keys.push(key)
  }
  return keys
}

// Work per slice at most: an idle period can last 50 ms, longer than a frame.
const SLICE_MS = 8
// Pairs shaped between two looks at the clock.
const BATCH = 256

type Schedule = (slice: (deadline?: IdleDeadline) => void) => void

const soon: Schedule = (slice) => setTimeout(slice, 0)
const whenIdle: Schedule = (slice) =>
  typeof requestIdleCallback === 'function' ? requestIdleCallback(slice) : soon(slice)

/*
 * Shapes the pairs `next` hands out, a slice per scheduled task, until it hands out none; then
 * calls `onDone` in the next task. The returned function stops the work.
 */
function shapeInSlices(
  world: World,
  next: () => readonly number[] | null,
  schedule: Schedule,
  onDone: () => void,
): () => void {
  const shapes = shapesOf(world)
  let keys = next()
  let at = 0
  let isStopped = false
  const slice = (deadline?: IdleDeadline): void => {
    if (isStopped) return
    const began = performance.now()
    const hasTime = (): boolean =>
      performance.now() - began < SLICE_MS && (!deadline || deadline.timeRemaining() > 1)
    while (keys && hasTime()) {
      const end = Math.min(keys.length, at + BATCH)
      for (; at < end; at++) shapeKey(world, shapes, keys[at] as number)
      if (at >= keys.length) {
        keys = next()
        at = 0
      }
    }
    if (keys) schedule(slice)
    // In a task of its own: what waits for the shapes (the map's selectors, 20-30 ms at 60,000
    // paths) would otherwise share one with this slice.
    else soon(() => isStopped || onDone())
  }
  schedule(slice)
  return () => {
    isStopped = true
  }
}

/**
 * Pairs of one step that, unshaped, are shaped in slices rather than at once: some 10 µs a pair,
 * and the first step of a new preset-sized world met up to 2,000 new pairs in one task of the
 * store's update, which with the page's render went over 50 ms.
 */
export const SLICED_SHAPING_MIN_PAIRS = 500

/**
 * Makes sure every pair of `step` is shaped, then calls `onDone`: at once when few are missing,
 * else in slices of a few milliseconds over the next tasks. The returned function stops the work
 * (and `onDone` is then never called).
 */
export function shapeStep(world: World, step: StepRecord, onDone: () => void): () => void {
  // Playback asks again on every frame of a step: a step once shaped is not scanned again (a scan
  // reads every flow of the step, some 5 ms a frame at 60,000).
  if (shapedSteps.has(step)) {
    onDone()
    return () => {}
  }
  const done = (): void => {
    shapedSteps.add(step)
    onDone()
  }
  const missing = unshapedPairs(world, step)
  if (missing.length < SLICED_SHAPING_MIN_PAIRS) {
    const shapes = shapesOf(world)
    for (const key of missing) shapeKey(world, shapes, key)
    done()
    return () => {}
  }
  let isHandedOut = false
  const next = (): number[] | null => {
    if (isHandedOut) return null
    isHandedOut = true
    return missing
  }
  return shapeInSlices(world, next, soon, done)
}

/** Steps whose pairs are all shaped (a step belongs to one run, so to one world). */
const shapedSteps = new WeakSet<StepRecord>()

const warmed = new WeakSet<readonly StepRecord[]>()

/**
 * Shapes the pairs of every step in `steps` in idle time, a slice per idle period, once per step
 * list (a finished run's). The returned function stops the work.
 */
export function warmGeometries(world: World, steps: readonly StepRecord[]): () => void {
  if (warmed.has(steps)) return () => {}
  warmed.add(steps)
  let stepIndex = 0
  // One step per call, so the slices' clock also bounds the scans of steps already shaped.
  const next = (): number[] | null => {
    const step = steps[stepIndex++]
    return stepIndex > steps.length ? null : step ? unshapedPairs(world, step) : []
  }
  return shapeInSlices(world, next, whenIdle, () => {})
}
