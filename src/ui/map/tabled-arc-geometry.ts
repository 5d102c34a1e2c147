/**
 * Arc geometries whose numbers live in shared tables. An object literal's fractional fields are
 * each a number boxed on the heap in V8, so an arc of ten such fields took about 390 bytes in
 * eleven objects besides its points. A step of the 200 x 5,000 world shapes tens of thousands of
 * arcs the map keeps, each of which the GC copies out of the young generation and marks at every
 * major GC. Here an arc is one small object (its count, its table, where in it its numbers are,
 * and its points once sampled): with its points' view about 160 bytes (Node, 100,000 arcs, built
 * and read in less than half the time). The getters are written out: defined in a loop over the
 * names, with the numbers passed as an object, building took 4 to 6 times as long.
 *
 * A geometry made from a path's ends ({@link lazyArcGeometry}) samples its points only when
 * something reads them, and keeps them. A world's shaped paths and a zoom's bundles are made this way: the
 * still picture is drawn from the curve (still-pack.ts), the hit index asks the curve, and the
 * page's traces read the points into a shared array ({@link scannedPoints}), so none of them keeps
 * its points unless something reads `points` itself. After the 200 x 5,000 world's run the page's heap is 37-38 MB, where it was
 * 62-64 with every arc's numbers in fields and its points sampled, and 45 with the numbers tabled;
 * its array buffers hold 29 MB instead of 85. The box is the curve's own (arc-shape.ts,
 * writeCurveBounds), so it holds the sampled points too; the points, once read, are those an
 * eagerly sampled geometry of the curve has.
 */
import {
  curvePointsUV,
  vOnMap,
  writeArcCurve,
  writeCurveBounds,
  writeCurveNumbers,
} from './arc-shape'
import type { ArcCurve, LatLon } from './arc-shape'
import type { ArcGeometry } from './map-data'

/**
 * Numbers an arc keeps in its table: its box, its ends and its control point as drawn, then the
 * curve's ends before they are kept on the map (what its points are sampled from).
 */
const NUMBERS = 12
/** Arcs whose numbers share one table (a table is 384 kB). */
const ARCS_PER_TABLE = 4096

let table = new Float64Array(0)
let used = 0

class TabledArcGeometry implements ArcGeometry {
  #points: Float64Array | null

  constructor(
    points: Float64Array | null,
    readonly count: number,
    private readonly table: Float64Array,
    private readonly at: number,
  ) {
    this.#points = points
  }

  get points(): Float64Array {
    this.#points ??= this.sampled()
    return this.#points
  }

  /** Its points: those kept, or else sampled into what `allocate` gives, and not kept. */
  pointsIn(allocate: (length: number) => Float64Array): Float64Array {
    return this.#points ?? this.sampled(allocate)
  }

  // Sampled into what `allocate` gives, or a new array (curvePointsUV's own default).
  private sampled(allocate?: (length: number) => Float64Array): Float64Array {
    return curvePointsUV(
      {
        u0: this.u0,
        v0: this.table[this.at + 10] as number,
        cu: this.cu,
        cv: this.cv,
        u1: this.u1,
        v1: this.table[this.at + 11] as number,
      },
      this.count - 1,
      allocate,
    )
  }

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

let scanned = new Float64Array(256)
const scanArray = (length: number): Float64Array =>
  scanned.length >= length ? scanned : (scanned = new Float64Array(length))

/**
 * The points of `g` for a scan that reads them once (hit-testing): a lazy geometry that has not
 * sampled them samples them into an array shared by every call, valid until the next, and keeps
 * none. Its first read of them otherwise keeps them, and a pointer move reads the points of every
 * arc whose box holds the pointer's cell: thousands at the 200 x 5,000 world's busiest step.
 */
export function scannedPoints(g: ArcGeometry): Float64Array {
  return g instanceof TabledArcGeometry ? g.pointsIn(scanArray) : g.points
}

/** The box of an arc's points on the unit square. */
type Box = Pick<ArcGeometry, 'minU' | 'maxU' | 'minV' | 'maxV'>

/** Where the next arc's numbers go: a new table when this one is full. */
function claim(): number {
  if (used + NUMBERS > table.length) {
    table = new Float64Array(NUMBERS * ARCS_PER_TABLE)
    used = 0
  }
  used += NUMBERS
  return used - NUMBERS
}

const curve = new Float64Array(6)

/**
 * Writes the curve in `curve` (u0, v0, cu, cv, u1, v1, as `writeArcCurve` writes it) at `at`,
 * after its box: its ends on the map, its control point, then its ends as they were.
 */
function writeCurve(at: number): void {
  table[at + 4] = curve[0] as number
  table[at + 5] = vOnMap(curve[1] as number)
  table[at + 6] = curve[4] as number
  table[at + 7] = vOnMap(curve[5] as number)
  table[at + 8] = curve[2] as number
  table[at + 9] = curve[3] as number
  table[at + 10] = curve[1] as number
  table[at + 11] = curve[5] as number
}

/**
 * The geometry of `count` points of the curve `arc` in `box`: the sampled `points`, or null to
 * sample them on first read. Its ends are the curve's, kept on the map as sampled points are.
 */
export function tabledArcGeometry(
  arc: ArcCurve,
  count: number,
  box: Box,
  points: Float64Array | null,
): ArcGeometry {
  const at = claim()
  table[at] = box.minU
  table[at + 1] = box.maxU
  table[at + 2] = box.minV
  table[at + 3] = box.maxV
  writeCurveNumbers(arc, curve)
  writeCurve(at)
  return new TabledArcGeometry(points, count, table, at)
}

/**
 * The geometry of the drawn path from `from` to `to` in `segments` segments, its points sampled on
 * first read. Its curve and box go straight into the table: as objects (a curve object and a
 * box object a path) they were 30 MB of the 42 MB the page allocated to shape the paths of the
 * 200 x 5,000 world's run, garbage that made the young generation's collections more frequent
 * while the shapes they collect around survive.
 */
export function lazyArcGeometry(from: LatLon, to: LatLon, segments: number): ArcGeometry {
  writeArcCurve(from, to, curve)
  const at = claim()
  writeCurveBounds(curve, 0, table, at)
  writeCurve(at)
  return new TabledArcGeometry(null, Math.max(1, Math.floor(segments)) + 1, table, at)
}
