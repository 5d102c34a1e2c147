/**
 * The arcs of a step, built from its pairs in drawing order into a table of columns (arc-table.ts):
 * a pair's arc carries its geometry, kind, width and fading. At 60,000 pairs building them takes
 * 15-30 ms of the page's thread, and a minor GC landing in that task pushed it past 50 ms: the flow
 * layer has a large step's arcs built in slices of a few milliseconds ({@link prepareArcs}) before
 * it takes the list up, and the map's selector finds them built. Anything else asking for the list
 * builds it at once, the same way.
 */
import type { City, Incident, Site, StepRecord, World } from '../../sim/model'
import { FIELDS } from '../../store/step-flows'
import { geometriesOf, geometryOf } from './arc-geometries'
import { emptyArcTable, gathered, styleOf, writeArc } from './arc-table'
import type { ArcTable } from './arc-table'
import type { StepDrawList } from './draw-list'
import { arcKindOfCounts, pairKey } from './map-data'
import type { Focus } from './map-data'
import { EXPOSED_MIN_WIDTH_PX, flowWidthPx } from './map-scales'
import type { ArcKind } from './map-scales'
import { stepPairNumbers } from './step-pairs'

/** What a step's arcs are built from. */
export interface ArcInputs {
  readonly world: World
  readonly step: StepRecord | null
  readonly focus: Focus | null
  readonly incident: Incident | null
  /** The run's largest per-pair delivery count so far, which the widths are scaled against. */
  readonly maxPair: number
}

/** A step's arcs in drawing order, with where each kind starts. */
export type ArcList = Pick<StepDrawList, 'arcs' | 'crossBorderStart' | 'concernStart'>

const quantise = (w: number): number => Math.round(w * 4) / 4

// Widths told apart in the drawing order, in quarter pixels: up to 16 px (arcs are 5 at most).
const WIDTHS = 64
// Slots of the drawing order: kind, then faded first, then width.
const SLOTS = 6 * WIDTHS

/** An arc's place in the drawing order from its style (see `ArcTable`) and width. */
function slotOf(style: number, widthPx: number): number {
  const quarters = Math.max(0, Math.min(WIDTHS - 1, Math.round(widthPx * 4)))
  // The style's low bit is set when faded: faded arcs come first within a kind.
  return (style ^ 1) * WIDTHS + quarters
}

/**
 * Rows `[0, rows)` of `table` placed by their slots, a counting sort; `counts[slot + 1]` rows are
 * in each slot, and a row whose slot is -1 is left out.
 */
function placedBySlots(
  table: ArcTable,
  rows: number,
  slots: Int32Array,
  counts: Int32Array,
): ArcList {
  for (let slot = 1; slot < counts.length; slot++)
    counts[slot] = (counts[slot] as number) + (counts[slot - 1] as number)
  // Each kind's first slot now holds where the kind starts.
  const crossBorderStart = counts[2 * WIDTHS] as number
  const concernStart = counts[4 * WIDTHS] as number
  const order = new Int32Array(counts[SLOTS] as number)
  for (let row = 0; row < rows; row++) {
    const slot = slots[row] as number
    if (slot < 0) continue
    const at = counts[slot] as number
    counts[slot] = at + 1
    order[at] = row
  }
  return { arcs: gathered(table, order), crossBorderStart, concernStart }
}

/**
 * Arcs by kind (normal, cross-border, concern), then faded first, then by width, each style
 * keeping the order it came in: what a stable sort on (kind, faded, width) gives, by counting, as
 * widths are whole quarter pixels (see `quantise`).
 */
export function inDrawingOrder(table: ArcTable): ArcTable {
  // A counting sort: keyed buckets took 20 ms at 60,000 arcs whose widths alternate.
  const slots = new Int32Array(table.length)
  const counts = new Int32Array(SLOTS + 1)
  for (let i = 0; i < table.length; i++) {
    const slot = slotOf(table.style[i] as number, table.widthPx[i] as number)
    slots[i] = slot
    counts[slot + 1] = (counts[slot + 1] as number) + 1
  }
  return placedBySlots(table, table.length, slots, counts).arcs
}

/** Builds the arcs of `inputs`, all at once or a slice at a time. */
export class ArcBuilder {
  private readonly numbers: ReturnType<typeof stepPairNumbers>
  private at: number
  // Rows written: a pair without a shape has none.
  private rows = 0
  private readonly table: ReturnType<typeof emptyArcTable>
  // The drawing order's slots are counted as the arcs are built: this runs a few times a run,
  // before V8 has optimised it, so each pass over 60,000 arcs saved counts.
  private readonly slots: Int32Array
  private readonly counts = new Int32Array(SLOTS + 1)

  constructor(readonly inputs: ArcInputs) {
    const { world, step } = inputs
    this.numbers = stepPairNumbers(step ?? [], world.sites.length, world.cities.length)
    this.at = this.numbers.start * FIELDS
    // A row to spare for a selected incident's key path (see `result`).
    this.table = emptyArcTable(this.pairCount + 1)
    this.slots = new Int32Array(this.pairCount + 1)
  }

  /** Pairs of the step, built or not. */
  get pairCount(): number {
    return this.numbers.end - this.numbers.start
  }

  /** Builds arcs until all are built, or `hasTime` says stop (asked every 256 pairs); true when all are. */
  build(hasTime: () => boolean = () => true): boolean {
    const { world, focus, maxPair } = this.inputs
    const { sites, cities } = world
    const { data } = this.numbers
    const end = this.numbers.end * FIELDS
    const { table, slots, counts } = this
    const shapeOf = geometriesOf(world)
    // Read as numbers and written as numbers: no object per pair or per arc.
    while (this.at < end && hasTime()) {
      const stop = Math.min(end, this.at + 256 * FIELDS)
      for (let at = this.at; at < stop; at += FIELDS) {
        const siteIndex = (data[at] as number) | 0
        const cityIndex = (data[at + 1] as number) | 0
        const geometry = shapeOf(siteIndex, cityIndex)
        if (!geometry) continue
        const deliveries = data[at + 2] as number
        const exposures = data[at + 3] as number
        const concern = data[at + 4] as number
        const kind = arcKindOfCounts(exposures, concern)
        const widthPx = quantise(
          Math.max(EXPOSED_MIN_WIDTH_PX[kind], flowWidthPx(deliveries, maxPair)),
        )
        const isFaded =
          focus !== null &&
          !focus.pairs.has(pairKey((sites[siteIndex] as Site).id, (cities[cityIndex] as City).id))
        const style = styleOf(kind, isFaded)
        const row = this.rows++
        table.siteIndex[row] = siteIndex
        table.cityIndex[row] = cityIndex
        table.deliveries[row] = deliveries
        table.exposures[row] = exposures
        table.concern[row] = concern
        table.widthPx[row] = widthPx
        table.style[row] = style
        table.geometry[row] = geometry
        const slot = slotOf(style, widthPx)
        slots[row] = slot
        counts[slot + 1] = (counts[slot + 1] as number) + 1
      }
      this.at = stop
    }
    return this.at >= end
  }

  /** The arcs in drawing order; builds what is left first. Call once. */
  result(): ArcList {
    this.build()
    const { table, slots, counts } = this
    const { world, focus, incident } = this.inputs
    // A selected incident's key path is drawn even when the step has no such flow.
    const extra = focus?.extraPair
    if (!extra) return placedBySlots(table, this.rows, slots, counts)
    const siteIndex = world.sites.findIndex((s) => s.id === extra.siteId)
    const cityIndex = world.cities.findIndex((c) => c.id === extra.cityId)
    const isSame = (row: number): boolean =>
      table.siteIndex[row] === siteIndex && table.cityIndex[row] === cityIndex
    let isDrawn = false
    for (let row = 0; row < this.rows; row++)
      if (isSame(row) && (table.style[row] as number) >> 1 !== 0) isDrawn = true
    const geometry = isDrawn ? null : geometryOf(world, siteIndex, cityIndex)
    if (!geometry) return placedBySlots(table, this.rows, slots, counts)
    // Its normal arc, if the step has one, gives way to it.
    for (let row = 0; row < this.rows; row++) {
      if (!isSame(row)) continue
      const slot = slots[row] as number
      counts[slot + 1] = (counts[slot + 1] as number) - 1
      slots[row] = -1
    }
    const kind: ArcKind = incident && !incident.isConcern ? 'crossBorder' : 'concern'
    const concern = kind === 'concern' ? 1 : 0
    const row = this.rows
    const arc = { siteIndex, cityIndex, deliveries: 0, exposures: 1, concern, kind, geometry }
    writeArc(table, row, { ...arc, widthPx: 2.5, isFaded: false })
    const slot = slotOf(table.style[row] as number, 2.5)
    slots[row] = slot
    counts[slot + 1] = (counts[slot + 1] as number) + 1
    // Faded first and thin first within a kind, so emphasised and heavy arcs end on top; equal
    // styles end up adjacent, which lets one stroke draw a whole run of them.
    return placedBySlots(table, row + 1, slots, counts)
  }
}

// The last arcs built, for the inputs they were built from: the selector's, or a preparation's.
let lastBuilt: { readonly inputs: ArcInputs; readonly arcs: ArcList } | null = null

const isSameInputs = (a: ArcInputs, b: ArcInputs): boolean =>
  a.world === b.world &&
  a.step === b.step &&
  a.focus === b.focus &&
  a.incident === b.incident &&
  a.maxPair === b.maxPair

/** The arcs of `inputs`: the last built when their inputs are the same, else built now. */
export function arcsOf(inputs: ArcInputs): ArcList {
  if (lastBuilt && isSameInputs(lastBuilt.inputs, inputs)) return lastBuilt.arcs
  const arcs = new ArcBuilder(inputs).result()
  lastBuilt = { inputs, arcs }
  return arcs
}

/** Pairs of a step whose arcs are built in slices rather than at once (a preset has fewer). */
export const SLICED_ARCS_MIN_PAIRS = 2_000
// Work per slice at most, as for the shaping of the paths.
const SLICE_MS = 8

/**
 * Builds the arcs of `inputs` in slices of a few milliseconds over the next tasks, so that
 * {@link arcsOf} finds them built, then calls `onDone` in a task of its own; at once when they
 * are already built or few. The returned function stops the work (`onDone` is then never called).
 */
export function prepareArcs(inputs: ArcInputs | null, onDone: () => void): () => void {
  const isBuilt = inputs === null || (lastBuilt && isSameInputs(lastBuilt.inputs, inputs))
  const builder = isBuilt ? null : new ArcBuilder(inputs)
  if (!builder || builder.pairCount < SLICED_ARCS_MIN_PAIRS) {
    onDone()
    return () => {}
  }
  let isStopped = false
  const slice = (): void => {
    if (isStopped) return
    const began = performance.now()
    if (!builder.build(() => performance.now() - began < SLICE_MS)) {
      setTimeout(slice, 0)
      return
    }
    // The placing in drawing order takes a slice of its own, and what waits for the list another.
    setTimeout(() => {
      if (isStopped) return
      lastBuilt = { inputs: builder.inputs, arcs: builder.result() }
      setTimeout(() => isStopped || onDone(), 0)
    }, 0)
  }
  setTimeout(slice, 0)
  return () => {
    isStopped = true
  }
}
