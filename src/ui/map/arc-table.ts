/**
 * A step's arcs as columns, one typed array a field. The 200 x 5,000 world's busiest step has
 * some 60,000 arcs: as an object each (with its width a number boxed on the heap) they were
 * 120,000 objects made at each new step and kept while it is shown, which every young-generation
 * collection copied and every major one marked. The map draws, bundles and hit-tests far fewer
 * (at the whole world's zoom some 1,500 bundles and lone paths and every exposure), so only those
 * become {@link ArcItem} objects ({@link arcAt}, {@link arcsIn}).
 */
import type { ArcItem } from './draw-list'
import type { ArcGeometry } from './map-data'
import type { ArcKind } from './map-scales'

/** The arcs of a step, in columns: arc `i` is the `i`th entry of each. */
export interface ArcTable {
  readonly length: number
  readonly siteIndex: Int32Array
  readonly cityIndex: Int32Array
  readonly deliveries: Float64Array
  readonly exposures: Float64Array
  readonly concern: Float64Array
  readonly widthPx: Float32Array
  /** The arc's kind (its rank in {@link ARC_KINDS}) times two, plus one when it is faded. */
  readonly style: Uint8Array
  readonly geometry: readonly ArcGeometry[]
}

/** The kinds of arc in drawing order: a kind's rank is its place here. */
export const ARC_KINDS: readonly ArcKind[] = ['normal', 'crossBorder', 'concern']

/** The style of an arc of `kind`, faded or not (see {@link ArcTable.style}). */
export const styleOf = (kind: ArcKind, isFaded: boolean): number =>
  2 * ARC_KINDS.indexOf(kind) + (isFaded ? 1 : 0)

/** Whether arc `i` of `table` is faded. */
export const isFadedAt = (table: ArcTable, i: number): boolean =>
  ((table.style[i] as number) & 1) === 1

/** A table being written: its geometries can be set. */
type WritableArcTable = ArcTable & { readonly geometry: ArcGeometry[] }

/** A table with room for `length` arcs, every number 0 and no geometry yet. */
export function emptyArcTable(length: number): WritableArcTable {
  return {
    length,
    siteIndex: new Int32Array(length),
    cityIndex: new Int32Array(length),
    deliveries: new Float64Array(length),
    exposures: new Float64Array(length),
    concern: new Float64Array(length),
    widthPx: new Float32Array(length),
    style: new Uint8Array(length),
    geometry: new Array<ArcGeometry>(length),
  }
}

/** Writes `arc` as arc `i` of `table` (made by {@link emptyArcTable}). */
export function writeArc(table: WritableArcTable, i: number, arc: ArcItem): void {
  table.siteIndex[i] = arc.siteIndex
  table.cityIndex[i] = arc.cityIndex
  table.deliveries[i] = arc.deliveries
  table.exposures[i] = arc.exposures
  table.concern[i] = arc.concern
  table.widthPx[i] = arc.widthPx
  table.style[i] = styleOf(arc.kind, arc.isFaded)
  table.geometry[i] = arc.geometry
}

/** The arcs of a list as a table, in their order. */
export function tableOf(arcs: readonly ArcItem[]): ArcTable {
  const table = emptyArcTable(arcs.length)
  arcs.forEach((arc, i) => writeArc(table, i, arc))
  return table
}

/** `table`'s arcs `order[0]`, `order[1]` and so on, as a new table of `order.length` arcs. */
export function gathered(table: ArcTable, order: Int32Array): ArcTable {
  const out = emptyArcTable(order.length)
  for (let i = 0; i < order.length; i++) {
    const from = order[i] as number
    out.siteIndex[i] = table.siteIndex[from] as number
    out.cityIndex[i] = table.cityIndex[from] as number
    out.deliveries[i] = table.deliveries[from] as number
    out.exposures[i] = table.exposures[from] as number
    out.concern[i] = table.concern[from] as number
    out.widthPx[i] = table.widthPx[from] as number
    out.style[i] = table.style[from] as number
    out.geometry[i] = table.geometry[from] as ArcGeometry
  }
  return out
}

/**
 * A count as a small integer where it is one: read from a typed array, a whole number is a
 * double, and stored in an object's field it would be a number boxed on the heap.
 */
const whole = (x: number): number => (x === (x | 0) ? x | 0 : x)

/** Arc `i` of `table` as an object. */
export function arcAt(table: ArcTable, i: number): ArcItem {
  const style = table.style[i] as number
  return {
    siteIndex: table.siteIndex[i] as number,
    cityIndex: table.cityIndex[i] as number,
    deliveries: whole(table.deliveries[i] as number),
    exposures: whole(table.exposures[i] as number),
    concern: whole(table.concern[i] as number),
    kind: ARC_KINDS[style >> 1] as ArcKind,
    geometry: table.geometry[i] as ArcGeometry,
    widthPx: table.widthPx[i] as number,
    isFaded: (style & 1) === 1,
  }
}

/** Arcs `from` to `to` (not included) of `table` as objects, as `slice` takes them. */
export function arcsIn(table: ArcTable, from = 0, to = table.length): ArcItem[] {
  const end = Math.min(to, table.length)
  const arcs = new Array<ArcItem>(Math.max(0, end - from))
  for (let i = from; i < end; i++) arcs[i - from] = arcAt(table, i)
  return arcs
}
