/**
 * A draw list packed into a few typed arrays, for the worker that draws large still pictures off
 * the main thread (still-draw.worker.ts). An arc crosses as its curve (ends and control point)
 * and segment count, from which the worker samples the very points the page would draw: copying
 * the points themselves (half a million at 60,000 key paths) into fresh memory cost the page
 * 50 to 70 ms per list. Only what the still picture needs crosses (shapes, widths, fading, city
 * dots); tooltips and hit-testing keep reading the list itself on the main thread.
 */
import { writeCurveNumbers } from './arc-shape'
import { emptyCityDots } from './city-dots'
import type { ArcItem, FlowDrawList } from './draw-list'
import { curveGeometry } from './map-data'

/** A draw list as the still-picture worker receives it. */
export interface PackedStillList {
  /** Per arc: u0, v0, cu, cv, u1, v1 of its curve on the unit square (arc-shape.ts). */
  readonly curves: Float64Array
  /** Per arc: segments sampled. */
  readonly segments: Uint8Array
  readonly widthsPx: Float32Array
  readonly isFaded: Uint8Array
  readonly crossBorderStart: number
  readonly concernStart: number
  /** Per city dot: u, v, radius in pixels, joins, faded (1) or not (0). */
  readonly cities: Float64Array
}

const CURVE_FIELDS = 6
const CITY_FIELDS = 5

/** Packs what the still picture of `list` needs; the arrays can be transferred. */
export function packStillList(list: FlowDrawList): PackedStillList {
  const { arcs } = list
  const curves = new Float64Array(CURVE_FIELDS * arcs.length)
  const segments = new Uint8Array(arcs.length)
  const widthsPx = new Float32Array(arcs.length)
  const isFaded = new Uint8Array(arcs.length)
  for (let i = 0; i < arcs.length; i++) {
    const arc = arcs[i] as ArcItem
    // The ends and control point, not the points: a bundle's are sampled only if read.
    writeCurveNumbers(arc.geometry, curves, CURVE_FIELDS * i)
    const { count } = arc.geometry
    segments[i] = count - 1
    widthsPx[i] = arc.widthPx
    isFaded[i] = arc.isFaded ? 1 : 0
  }
  const dots = list.cities
  const cities = new Float64Array(CITY_FIELDS * dots.length)
  for (let i = 0; i < dots.length; i++) {
    const j = CITY_FIELDS * i
    cities[j] = dots.u[i] as number
    cities[j + 1] = dots.v[i] as number
    cities[j + 2] = dots.radiusPx[i] as number
    cities[j + 3] = dots.joins[i] as number
    cities[j + 4] = dots.isFaded[i] as number
  }
  const { crossBorderStart, concernStart } = list
  return { curves, segments, widthsPx, isFaded, crossBorderStart, concernStart, cities }
}

/** The buffers of a packed list, to hand to `postMessage` as transferables. */
export function stillListBuffers(packed: PackedStillList): ArrayBuffer[] {
  const { curves, segments, widthsPx, isFaded, cities } = packed
  return [curves, segments, widthsPx, isFaded, cities].map((a) => a.buffer as ArrayBuffer)
}

/**
 * The draw list a packed one stands for, as the drawing functions of flow-draw.ts read it: each
 * arc's points sampled again from its curve, and what only tooltips read (sites, cities, keys)
 * zero.
 */
export function unpackStillList(packed: PackedStillList): FlowDrawList {
  const { curves, segments, widthsPx, isFaded, crossBorderStart, concernStart } = packed
  const arcs: ArcItem[] = []
  for (let i = 0; i < widthsPx.length; i++) {
    const j = CURVE_FIELDS * i
    const at = (k: number): number => curves[j + k] ?? 0
    const curve = { u0: at(0), v0: at(1), cu: at(2), cv: at(3), u1: at(4), v1: at(5) }
    const kind = i < crossBorderStart ? 'normal' : i < concernStart ? 'crossBorder' : 'concern'
    arcs.push({
      siteIndex: 0,
      cityIndex: 0,
      deliveries: 0,
      exposures: 0,
      concern: 0,
      kind,
      geometry: curveGeometry(curve, segments[i] ?? 1),
      widthPx: widthsPx[i] ?? 1,
      isFaded: isFaded[i] === 1,
    })
  }
  const n = packed.cities.length / CITY_FIELDS
  const cities = emptyCityDots(n)
  for (let i = 0; i < n; i++) {
    const at = CITY_FIELDS * i
    cities.u[i] = packed.cities[at] ?? 0
    cities.v[i] = packed.cities[at + 1] ?? 0
    cities.radiusPx[i] = packed.cities[at + 2] ?? 0
    cities.joins[i] = packed.cities[at + 3] ?? 0
    cities.isFaded[i] = packed.cities[at + 4] === 1 ? 1 : 0
  }
  return { arcs, crossBorderStart, concernStart, cities }
}
