/**
 * Bundles a draw list's normal paths for a zoom (the why is in flow-bundles.ts, with the types,
 * limits and the words said on screen). Its own module so that the page loads it only when a
 * world has thousands of paths.
 */
import { latOfMercatorV } from './arc-shape'
import { arcAt, isFadedAt } from './arc-table'
import type { ArcTable } from './arc-table'
import type { StepDrawList } from './draw-list'
import {
  BUNDLE_CELL_PX,
  MAX_BUNDLES,
  exposureArcsOf,
  needsBundling,
  unbundled,
} from './flow-bundles'
import type { ShownArc, ShownDrawList } from './flow-bundles'
import { lazyArcGeometry } from './tabled-arc-geometry'
import { arcSegments } from './map-data'
import type { ArcGeometry } from './map-data'
import { flowWidthPx } from './map-scales'

// Pixels per unit of the Web Mercator square at zoom 2, about the whole world on a laptop.
const WORLD_VIEW_SCALE = 1024
const BUNDLE_MAX_WIDTH_PX = 6

const wrapUnit = (u: number): number => u - Math.floor(u)

// Each path's two ends on the unit square, u wrapped into 0..1 (the geometry unwraps the far
// end): [u0, v0, u1, v1] per path. Kept for the last list, as every zoom of one step needs the
// same; for that one only, as the map's selectors keep every step's table they built.
let lastEnds: { readonly arcs: ArcTable; readonly ends: Float64Array } | null = null
// Paths whose ends are read between two looks at the clock when bundling in slices.
const ENDS_PER_CHUNK = 4_096
// Cells made into arcs between two looks at the clock: zoomed in, most of a busy step's 60,000
// paths are cells of their own, each an arc object to make, and the step's exposures another
// 10,000; untraced, that last step of the bundling once took 52 ms with a GC in it.
const CELLS_PER_CHUNK = 1_024

function* endsOf(list: StepDrawList): Generator<void, Float64Array, void> {
  if (lastEnds?.arcs === list.arcs) return lastEnds.ends
  const count = list.crossBorderStart
  const ends = new Float64Array(4 * count)
  for (let i = 0; i < count; i++) {
    const geometry = list.arcs.geometry[i] as ArcGeometry
    ends[4 * i] = wrapUnit(geometry.u0)
    ends[4 * i + 1] = geometry.v0
    ends[4 * i + 2] = wrapUnit(geometry.u1)
    ends[4 * i + 3] = geometry.v1
    if ((i + 1) % ENDS_PER_CHUNK === 0) yield
  }
  lastEnds = { arcs: list.arcs, ends }
  return ends
}

/** The normal paths of a step's arcs: the first `length` of its table. */
interface Normal {
  readonly arcs: ArcTable
  readonly length: number
}

/**
 * Normal paths grouped by the cells of their two ends, in typed arrays: a step of a large world
 * bundles 60,000 paths at each new zoom, and an object and a list per cell, with sets to count
 * each bundle's sites and cities, made 40 to 55 ms of work and garbage in the task that redraws
 * after a zoom. Cells are numbered in the order their first path comes; each cell's paths are
 * linked in list order.
 */
interface Cells {
  readonly count: number
  /** Per cell: its first path (an index into the normal paths), and how many it holds. */
  readonly first: Int32Array
  readonly size: Int32Array
  /** Per path: the next path of its cell, or -1. */
  readonly next: Int32Array
  /** Per cell: keys (deliveries, at least 1 a path), then u0, v0, u1, v1 weighted by them. */
  readonly sums: Float64Array
}

// Cells per side at most: then a path's start cell, and its end cell with its fading, are each a
// number below 2^31. Zoom 8, the map's deepest, needs about 2,050.
const MAX_CELLS_PER_SIDE = 32_768

/**
 * The cell of each path, numbered in the order cells first come. An open-addressing table in
 * typed arrays, not a Map: a Map keyed by numbers over 2^31 boxes each key, and three passes over
 * 60,000 paths at a zoom took about 4 ms each with one (measured in Node), about 1 ms with this.
 */
function cellIndices(
  normal: Normal,
  ends: Float64Array,
  cellUnits: number,
): { readonly count: number; readonly cellOfPath: Int32Array } {
  const n = Math.min(MAX_CELLS_PER_SIDE, Math.ceil(1 / cellUnits) + 1)
  const cellOf = (x: number): number => Math.min(n - 1, Math.max(0, Math.floor(x / cellUnits)))
  let slots = 1
  while (slots < 2 * normal.length) slots *= 2
  const mask = slots - 1
  const starts = new Int32Array(slots).fill(-1)
  const endsAndFade = new Int32Array(slots)
  const cells = new Int32Array(slots)
  const cellOfPath = new Int32Array(normal.length)
  let count = 0
  for (let i = 0; i < normal.length; i++) {
    const start = cellOf(ends[4 * i] as number) * n + cellOf(ends[4 * i + 1] as number)
    const end =
      (cellOf(ends[4 * i + 2] as number) * n + cellOf(ends[4 * i + 3] as number)) * 2 +
      (isFadedAt(normal.arcs, i) ? 1 : 0)
    let slot = (Math.imul(start, 0x9e3779b1) ^ Math.imul(end, 0x85ebca6b)) & mask
    for (;;) {
      if (starts[slot] === -1) {
        starts[slot] = start
        endsAndFade[slot] = end
        cells[slot] = count++
        break
      }
      if (starts[slot] === start && endsAndFade[slot] === end) break
      slot = (slot + 1) & mask
    }
    cellOfPath[i] = cells[slot] as number
  }
  return { count, cellOfPath }
}

function cellsOf(
  normal: Normal,
  ends: Float64Array,
  { count, cellOfPath }: ReturnType<typeof cellIndices>,
): Cells {
  const first = new Int32Array(count).fill(-1)
  const size = new Int32Array(count)
  const next = new Int32Array(normal.length)
  const sums = new Float64Array(5 * count)
  for (let i = normal.length - 1; i >= 0; i--) {
    const cell = cellOfPath[i] as number
    next[i] = first[cell] as number
    first[cell] = i
    size[cell] = (size[cell] as number) + 1
  }
  // Weighted by keys so the bundle's ends sit where most of its keys start and end; summed in
  // list order, so a bundle's ends do not depend on how its paths were linked.
  for (let i = 0; i < normal.length; i++) {
    const at = 5 * (cellOfPath[i] as number)
    const w = Math.max(1, normal.arcs.deliveries[i] as number)
    sums[at] = (sums[at] as number) + w
    for (let k = 0; k < 4; k++)
      sums[at + 1 + k] = (sums[at + 1 + k] as number) + (ends[4 * i + k] as number) * w
  }
  return { count, first, size, next, sums }
}

const latLonOf = (u: number, v: number): { lat: number; lon: number } => ({
  lat: latOfMercatorV(v),
  lon: (u - 0.5) * 360,
})

/** Marks seen per bundle, to count a bundle's distinct sites and cities without a set. */
interface Seen {
  readonly sites: Int32Array
  readonly cities: Int32Array
}

function bundleArc(
  normal: Normal,
  cells: Cells,
  cell: number,
  seen: Seen,
  maxDeliveries: number,
  quantise: (w: number) => number,
): ShownArc {
  const { sums } = cells
  const weight = sums[5 * cell] as number
  const { arcs } = normal
  let head = cells.first[cell] as number
  let deliveries = 0
  let sites = 0
  let cities = 0
  for (let i = cells.first[cell] as number; i >= 0; i = cells.next[i] as number) {
    const m = arcs.deliveries[i] as number
    if (m > (arcs.deliveries[head] as number)) head = i
    deliveries += m
    const site = arcs.siteIndex[i] as number
    if (seen.sites[site] !== cell + 1) {
      seen.sites[site] = cell + 1
      sites++
    }
    const city = arcs.cityIndex[i] as number
    if (seen.cities[city] !== cell + 1) {
      seen.cities[city] = cell + 1
      cities++
    }
  }
  const from = latLonOf(
    (sums[5 * cell + 1] as number) / weight,
    (sums[5 * cell + 2] as number) / weight,
  )
  const to = latLonOf(
    (sums[5 * cell + 3] as number) / weight,
    (sums[5 * cell + 4] as number) / weight,
  )
  // Sampled only if read: the picture and the hit index need none of its points (hit-testing
  // samples the few arcs near the pointer).
  const geometry = lazyArcGeometry(from, to, arcSegments(from, to))
  const width = Math.max(1, flowWidthPx(weight, maxDeliveries) * (BUNDLE_MAX_WIDTH_PX / 5))
  return {
    siteIndex: arcs.siteIndex[head] as number,
    cityIndex: arcs.cityIndex[head] as number,
    deliveries,
    exposures: 0,
    concern: 0,
    kind: 'normal',
    geometry,
    widthPx: quantise(width),
    isFaded: isFadedAt(arcs, head),
    bundle: { paths: cells.size[cell] as number, sites, cities },
  }
}

/*
 * The bundling, as steps: it yields after each chunk of ends and each pass over the paths, so
 * that bundleInSlices can stop between them when its slice is spent.
 */
function* bundling(list: StepDrawList, scale: number): Generator<void, ShownDrawList, void> {
  if (!needsBundling(list)) return unbundled(list)
  const normal: Normal = { arcs: list.arcs, length: list.crossBorderStart }
  const ends = yield* endsOf(list)
  let cellPx = BUNDLE_CELL_PX
  let indices = cellIndices(normal, ends, cellPx / scale)
  const maxArcs = MAX_BUNDLES * Math.max(1, scale / WORLD_VIEW_SCALE)
  while (indices.count > maxArcs && cellPx < scale) {
    yield
    cellPx *= 2
    indices = cellIndices(normal, ends, cellPx / scale)
  }
  yield
  const cells = cellsOf(normal, ends, indices)
  yield
  let maxDeliveries = 1
  for (let c = 0; c < cells.count; c++)
    maxDeliveries = Math.max(maxDeliveries, cells.sums[5 * c] as number)
  const quantise = (w: number): number => Math.round(w * 2) / 2
  let siteCount = 0
  let cityCount = 0
  for (let i = 0; i < normal.length; i++) {
    siteCount = Math.max(siteCount, (list.arcs.siteIndex[i] as number) + 1)
    cityCount = Math.max(cityCount, (list.arcs.cityIndex[i] as number) + 1)
  }
  const seen = { sites: new Int32Array(siteCount), cities: new Int32Array(cityCount) }
  const shown: ShownArc[] = []
  let bundledPaths = 0
  let bundles = 0
  for (let c = 0; c < cells.count; c++) {
    const size = cells.size[c] as number
    if (size === 1) shown.push(arcAt(list.arcs, cells.first[c] as number))
    else {
      shown.push(bundleArc(normal, cells, c, seen, maxDeliveries, quantise))
      bundledPaths += size
      bundles++
    }
    if ((c + 1) % CELLS_PER_CHUNK === 0) yield
  }
  // As the draw list orders its arcs: faded first, thin first, so equal styles are adjacent.
  shown.sort((a, b) => Number(!a.isFaded) - Number(!b.isFaded) || a.widthPx - b.widthPx)
  yield
  const exposures = exposureArcsOf(list)
  return {
    arcs: [...shown, ...exposures],
    crossBorderStart: shown.length,
    concernStart: shown.length + (list.concernStart - list.crossBorderStart),
    cities: list.cities,
    bundledPaths,
    bundles,
  }
}

// Work per slice at most, as for the building and shaping of the arcs.
const SLICE_MS = 8

/**
 * The draw list as shown at `scale` (pixels per unit of the Web Mercator square): when it has
 * more than MAX_SEPARATE_NORMAL_PATHS (flow-bundles.ts) normal paths, those whose ends fall in
 * the same two cells of {@link BUNDLE_CELL_PX} (doubled until at most about {@link MAX_BUNDLES}
 * remain) are drawn as one bundle; a cell with one path keeps that path. Exposures are kept as
 * they are, in order.
 *
 * Worked out in slices of a few milliseconds: the shown list at once when the first slice
 * finishes it (a list of a few thousand paths), else null, and `onDone` gets it in a task of its
 * own once the last slice has run. `stop` ends the work (`onDone` is then never called).
 */
export function bundleInSlices(
  list: StepDrawList,
  scale: number,
  onDone: (shown: ShownDrawList) => void,
): { readonly shown: ShownDrawList | null; readonly stop: () => void } {
  const steps = bundling(list, scale)
  const slice = (): ShownDrawList | null => {
    const began = performance.now()
    for (;;) {
      const step = steps.next()
      if (step.done) return step.value
      if (performance.now() - began >= SLICE_MS) return null
    }
  }
  const shown = slice()
  if (shown) return { shown, stop: () => {} }
  let isStopped = false
  const next = (): void => {
    if (isStopped) return
    const done = slice()
    if (done) setTimeout(() => isStopped || onDone(done), 0)
    else setTimeout(next, 0)
  }
  setTimeout(next, 0)
  return {
    shown: null,
    stop: () => {
      isStopped = true
    },
  }
}
