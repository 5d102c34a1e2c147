/**
 * Bundles a draw list's normal paths for a zoom (the why is in flow-bundles.ts, with the types,
 * limits and the words said on screen). Its own module so that the page loads it only when a
 * world has thousands of paths.
 */
import { arcCurveUV, latOfMercatorV } from './arc-shape'
import type { ArcItem, FlowDrawList } from './draw-list'
import { BUNDLE_CELL_PX, MAX_BUNDLES, needsBundling, unbundled } from './flow-bundles'
import type { ShownArc, ShownDrawList } from './flow-bundles'
import { lazyCurveGeometry } from './lazy-arc-geometry'
import { arcSegments } from './map-data'
import { flowWidthPx } from './map-scales'

// Pixels per unit of the Web Mercator square at zoom 2, about the whole world on a laptop.
const WORLD_VIEW_SCALE = 1024
const BUNDLE_MAX_WIDTH_PX = 6

const wrapUnit = (u: number): number => u - Math.floor(u)

// Each path's two ends on the unit square, u wrapped into 0..1 (the geometry unwraps the far
// end): [u0, v0, u1, v1] per path. Kept per list, as every zoom of one step needs the same.
const endsByList = new WeakMap<readonly ArcItem[], Float64Array>()

function endsOf(list: FlowDrawList): Float64Array {
  const known = endsByList.get(list.arcs)
  if (known) return known
  const arcs = list.arcs.slice(0, list.crossBorderStart)
  const ends = new Float64Array(4 * arcs.length)
  arcs.forEach(({ geometry }, i) => {
    ends[4 * i] = wrapUnit(geometry.u0)
    ends[4 * i + 1] = geometry.v0
    ends[4 * i + 2] = wrapUnit(geometry.u1)
    ends[4 * i + 3] = geometry.v1
  })
  endsByList.set(list.arcs, ends)
  return ends
}

/**
 * Ids of cell keys, given in the order keys are first met (an open-addressing table over typed
 * arrays: a Map keyed by numbers past 2^31, as cells are zoomed in, cost about 0.6 µs a path).
 */
class CellIds {
  private readonly keys: Float64Array
  private readonly ids: Int32Array
  private readonly mask: number
  size = 0

  constructor(capacityHint: number) {
    let capacity = 16
    while (capacity < 2 * capacityHint) capacity *= 2
    this.keys = new Float64Array(capacity)
    this.ids = new Int32Array(capacity).fill(-1)
    this.mask = capacity - 1
  }

  idOf(key: number): number {
    const low = (key % 4_294_967_296) | 0
    const high = (key / 4_294_967_296) | 0
    let slot = Math.imul(low ^ Math.imul(high, 0x9e3779b1), 0x85ebca6b)
    slot = (slot ^ (slot >>> 15)) & this.mask
    for (;;) {
      const id = this.ids[slot] as number
      if (id < 0) {
        this.keys[slot] = key
        this.ids[slot] = this.size
        return this.size++
      }
      if (this.keys[slot] === key) return id
      slot = (slot + 1) & this.mask
    }
  }
}

/** Each normal path's cell at `cellUnits` (cells numbered as first met), and the cell count. */
function cellsOf(normal: readonly ArcItem[], ends: Float64Array, cellUnits: number) {
  // Cells per side; the key stays below 2^53, exact as a number, up to zoom 8.
  const n = Math.ceil(1 / cellUnits) + 1
  const cellOf = (x: number): number => Math.min(n - 1, Math.max(0, Math.floor(x / cellUnits)))
  const ids = new CellIds(normal.length)
  const cell = new Int32Array(normal.length)
  for (let i = 0; i < normal.length; i++) {
    const key =
      (((cellOf(ends[4 * i] as number) * n + cellOf(ends[4 * i + 1] as number)) * n +
        cellOf(ends[4 * i + 2] as number)) *
        n +
        cellOf(ends[4 * i + 3] as number)) *
        2 +
      ((normal[i] as ArcItem).isFaded ? 1 : 0)
    cell[i] = ids.idOf(key)
  }
  return { cell, count: ids.size }
}

/**
 * What each cell holds, summed over its paths in their order: keys weighted at least 1 (so the
 * bundle's ends sit where most of its keys start and end), the weighted ends, the paths, their
 * keys, the path with most keys (the first such), and how many sites and cities the paths join.
 */
function cellTotals(
  normal: readonly ArcItem[],
  ends: Float64Array,
  cell: Int32Array,
  count: number,
) {
  const weight = new Float64Array(count)
  const weighted = new Float64Array(4 * count)
  const paths = new Int32Array(count)
  const deliveries = new Float64Array(count)
  const head = new Int32Array(count).fill(-1)
  let lastSite = 0
  let lastCity = 0
  for (let i = 0; i < normal.length; i++) {
    const arc = normal[i] as ArcItem
    const c = cell[i] as number
    const w = Math.max(1, arc.deliveries)
    weight[c] = (weight[c] as number) + w
    for (let k = 0; k < 4; k++)
      weighted[4 * c + k] = (weighted[4 * c + k] as number) + (ends[4 * i + k] as number) * w
    paths[c] = (paths[c] as number) + 1
    deliveries[c] = (deliveries[c] as number) + arc.deliveries
    const h = head[c] as number
    if (h < 0 || arc.deliveries > (normal[h] as ArcItem).deliveries) head[c] = i
    lastSite = Math.max(lastSite, arc.siteIndex)
    lastCity = Math.max(lastCity, arc.cityIndex)
  }
  // Distinct sites and cities per cell: each remembers the last cell that counted it.
  const sites = new Int32Array(count)
  const cities = new Int32Array(count)
  const siteSeen = new Int32Array(lastSite + 1).fill(-1)
  const citySeen = new Int32Array(lastCity + 1).fill(-1)
  for (const i of pathsByCell(cell, paths)) {
    const { siteIndex, cityIndex } = normal[i] as ArcItem
    const c = cell[i] as number
    if (siteSeen[siteIndex] !== c) sites[c] = (sites[c] as number) + 1
    if (citySeen[cityIndex] !== c) cities[c] = (cities[c] as number) + 1
    siteSeen[siteIndex] = c
    citySeen[cityIndex] = c
  }
  return { weight, weighted, paths, deliveries, head, sites, cities }
}

/** The paths' indices grouped by cell (a counting sort), in their order within a cell. */
function pathsByCell(cell: Int32Array, paths: Int32Array): Int32Array {
  const start = new Int32Array(paths.length)
  for (let c = 1; c < paths.length; c++)
    start[c] = (start[c - 1] as number) + (paths[c - 1] as number)
  const order = new Int32Array(cell.length)
  for (let i = 0; i < cell.length; i++) {
    const c = cell[i] as number
    order[start[c] as number] = i
    start[c] = (start[c] as number) + 1
  }
  return order
}

type CellTotals = ReturnType<typeof cellTotals>

const latLonOf = (u: number, v: number): { lat: number; lon: number } => ({
  lat: latOfMercatorV(v),
  lon: (u - 0.5) * 360,
})

function bundleArc(
  normal: readonly ArcItem[],
  totals: CellTotals,
  c: number,
  maxWeight: number,
): ShownArc {
  const w = totals.weight[c] as number
  const at = (k: number): number => (totals.weighted[4 * c + k] as number) / w
  const from = latLonOf(at(0), at(1))
  const to = latLonOf(at(2), at(3))
  const head = normal[totals.head[c] as number] as ArcItem
  const width = Math.max(1, flowWidthPx(w, maxWeight) * (BUNDLE_MAX_WIDTH_PX / 5))
  return {
    siteIndex: head.siteIndex,
    cityIndex: head.cityIndex,
    deliveries: totals.deliveries[c] as number,
    exposures: 0,
    concern: 0,
    kind: 'normal',
    // Sampled only if read: the picture and the hit index need none of its points (hit-testing
    // samples the few arcs near the pointer).
    geometry: lazyCurveGeometry(arcCurveUV(from, to), arcSegments(from, to)),
    widthPx: Math.round(width * 2) / 2,
    isFaded: head.isFaded,
    bundle: {
      paths: totals.paths[c] as number,
      sites: totals.sites[c] as number,
      cities: totals.cities[c] as number,
    },
  }
}

/**
 * The draw list as shown at `scale` (pixels per unit of the Web Mercator square): when it has
 * more than MAX_SEPARATE_NORMAL_PATHS (flow-bundles.ts) normal paths, those whose ends fall in the same two
 * cells of {@link BUNDLE_CELL_PX} (doubled until at most about {@link MAX_BUNDLES} remain) are drawn as
 * one bundle; a cell with one path keeps that path. Exposures are kept as they are, in order.
 */
export function bundleDrawList(list: FlowDrawList, scale: number): ShownDrawList {
  if (!needsBundling(list)) return unbundled(list)
  const normal = list.arcs.slice(0, list.crossBorderStart)
  const ends = endsOf(list)
  let cellPx = BUNDLE_CELL_PX
  let cells = cellsOf(normal, ends, cellPx / scale)
  const maxArcs = MAX_BUNDLES * Math.max(1, scale / WORLD_VIEW_SCALE)
  while (cells.count > maxArcs && cellPx < scale) {
    cellPx *= 2
    cells = cellsOf(normal, ends, cellPx / scale)
  }
  const totals = cellTotals(normal, ends, cells.cell, cells.count)
  let maxWeight = 1
  for (const w of totals.weight) maxWeight = Math.max(maxWeight, w)
  const shown: ShownArc[] = []
  let bundledPaths = 0
  let bundles = 0
  for (let c = 0; c < cells.count; c++) {
    const paths = totals.paths[c] as number
    if (paths === 1) {
      shown.push(normal[totals.head[c] as number] as ArcItem)
      continue
    }
    shown.push(bundleArc(normal, totals, c, maxWeight))
    bundledPaths += paths
    bundles++
  }
  // As the draw list orders its arcs: faded first, thin first, so equal styles are adjacent.
  shown.sort((a, b) => Number(!a.isFaded) - Number(!b.isFaded) || a.widthPx - b.widthPx)
  const exposures = list.arcs.slice(list.crossBorderStart)
  return {
    arcs: [...shown, ...exposures],
    crossBorderStart: shown.length,
    concernStart: shown.length + (list.concernStart - list.crossBorderStart),
    cities: list.cities,
    bundledPaths,
    bundles,
  }
}
