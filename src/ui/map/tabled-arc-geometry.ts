/**
 * Sampled arc geometries whose numbers live in shared tables. An object literal's fractional
 * fields are each a number boxed on the heap in V8, so a sampled arc of ten such fields took
 * about 390 bytes in eleven objects besides its points. A step of the 200 x 5,000 world shapes
 * tens of thousands of arcs the map keeps, each of which the GC copies out of the young generation
 * and marks at every major GC. Here an arc is one small object (its points, its count, its table
 * and where in it its ten numbers are), about 160 bytes with its points' view (Node, 100,000
 * arcs, built and read in less than half the time), and the page's heap after the 200 x 5,000
 * world's run is 44-46 MB instead of 62-64. The getters are written out: defined in a loop over
 * the names, with the numbers passed as an object, building took 4 to 6 times as long.
 */
import type { ArcGeometry } from './map-data'

/** Numbers an arc keeps in its table: its box, its ends and its control point. */
const NUMBERS = 10
/** Arcs whose numbers share one table (a table is 320 kB). */
const ARCS_PER_TABLE = 4096

let table = new Float64Array(0)
let used = 0

class TabledArcGeometry implements ArcGeometry {
  constructor(
    readonly points: Float64Array,
    readonly count: number,
    private readonly table: Float64Array,
    private readonly at: number,
  ) {}

  get minU(): number {
    return this.table[this.at] as number
  }
  get maxU(): number {
    return this.table[this.at + 1] as number
  }
  get minV(): number {
    return this.table[this.at + 2] as number
  }
  get maxV(): number {
    return this.table[this.at + 3] as number
  }
  get u0(): number {
    return this.table[this.at + 4] as number
  }
  get v0(): number {
    return this.table[this.at + 5] as number
  }
  get u1(): number {
    return this.table[this.at + 6] as number
  }
  get v1(): number {
    return this.table[this.at + 7] as number
  }
  get cu(): number {
    return this.table[this.at + 8] as number
  }
  get cv(): number {
    return this.table[this.at + 9] as number
  }
}

/**
 * The geometry of `count` sampled `points` with its box, ends and control point (numbers, not an
 * object of them, which would box them on the way in).
 */
export function tabledArcGeometry(
  points: Float64Array,
  count: number,
  minU: number,
  maxU: number,
  minV: number,
  maxV: number,
  u0: number,
  v0: number,
  u1: number,
  v1: number,
  cu: number,
  cv: number,
): ArcGeometry {
  if (used + NUMBERS > table.length) {
    table = new Float64Array(NUMBERS * ARCS_PER_TABLE)
    used = 0
  }
  const at = used
  used += NUMBERS
  table[at] = minU
  table[at + 1] = maxU
  table[at + 2] = minV
  table[at + 3] = maxV
  table[at + 4] = u0
  table[at + 5] = v0
  table[at + 6] = u1
  table[at + 7] = v1
  table[at + 8] = cu
  table[at + 9] = cv
  return new TabledArcGeometry(points, count, table, at)
}
