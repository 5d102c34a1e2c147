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

interface Cell {
  readonly members: ArcItem[]
  deliveries: number
  weightU0: number
  weightV0: number
  weightU1: number
  weightV1: number
}

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

function cellsOf(normal: readonly ArcItem[], ends: Float64Array, cellUnits: number): Cell[] {
  const byKey = new Map<number, Cell>()
  // Cells per side; a numeric key (below 2^53 up to zoom 8) hashes faster than a string.
  const n = Math.ceil(1 / cellUnits) + 1
  const cellOf = (x: number): number => Math.min(n - 1, Math.max(0, Math.floor(x / cellUnits)))
  normal.forEach((arc, i) => {
    const u0 = ends[4 * i] ?? 0
    const v0 = ends[4 * i + 1] ?? 0
    const u1 = ends[4 * i + 2] ?? 0
    const v1 = ends[4 * i + 3] ?? 0
    const key =
      (((cellOf(u0) * n + cellOf(v0)) * n + cellOf(u1)) * n + cellOf(v1)) * 2 +
      (arc.isFaded ? 1 : 0)
    let cell = byKey.get(key)
    if (!cell) {
      cell = { members: [], deliveries: 0, weightU0: 0, weightV0: 0, weightU1: 0, weightV1: 0 }
      byKey.set(key, cell)
    }
    // Weighted by keys so the bundle's ends sit where most of its keys start and end.
    const w = Math.max(1, arc.deliveries)
    cell.members.push(arc)
    cell.deliveries += w
    cell.weightU0 += u0 * w
    cell.weightV0 += v0 * w
    cell.weightU1 += u1 * w
    cell.weightV1 += v1 * w
  })
  return [...byKey.values()]
}

const latLonOf = (u: number, v: number): { lat: number; lon: number } => ({
  lat: latOfMercatorV(v),
  lon: (u - 0.5) * 360,
})

function bundleArc(cell: Cell, maxDeliveries: number, quantise: (w: number) => number): ShownArc {
  const { members, deliveries } = cell
  let head = members[0] as ArcItem
  for (const m of members) if (m.deliveries > head.deliveries) head = m
  const from = latLonOf(cell.weightU0 / deliveries, cell.weightV0 / deliveries)
  const to = latLonOf(cell.weightU1 / deliveries, cell.weightV1 / deliveries)
  // Sampled only if read: the picture and the hit index need none of its points (hit-testing
  // samples the few arcs near the pointer).
  const geometry = lazyCurveGeometry(arcCurveUV(from, to), arcSegments(from, to))
  const sites = new Set(members.map((m) => m.siteIndex)).size
  const cities = new Set(members.map((m) => m.cityIndex)).size
  const width = Math.max(1, flowWidthPx(deliveries, maxDeliveries) * (BUNDLE_MAX_WIDTH_PX / 5))
  return {
    siteIndex: head.siteIndex,
    cityIndex: head.cityIndex,
    deliveries: members.reduce((sum, m) => sum + m.deliveries, 0),
    exposures: 0,
    concern: 0,
    kind: 'normal',
    geometry,
    widthPx: quantise(width),
    isFaded: head.isFaded,
    bundle: { paths: members.length, sites, cities },
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
  while (cells.length > maxArcs && cellPx < scale) {
    cellPx *= 2
    cells = cellsOf(normal, ends, cellPx / scale)
  }
  let maxDeliveries = 1
  for (const cell of cells) maxDeliveries = Math.max(maxDeliveries, cell.deliveries)
  const quantise = (w: number): number => Math.round(w * 2) / 2
  const shown: ShownArc[] = []
  let bundledPaths = 0
  let bundles = 0
  for (const cell of cells) {
    if (cell.members.length === 1) {
      shown.push(cell.members[0] as ArcItem)
      continue
    }
    shown.push(bundleArc(cell, maxDeliveries, quantise))
    bundledPaths += cell.members.length
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
