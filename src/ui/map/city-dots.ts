/**
 * A step's city dots as columns, the dot of city `i` of the world at index `i`. As an object each
 * (with its place, joins and radius numbers boxed on the heap) the 5,000 dots of a large world
 * were some 20,000 objects a step, and the map's selectors keep the dots of the last steps shown
 * (draw-list.ts): playing a 24-step run of the 200 x 5,000 world kept about 10 MB of them. A dot's
 * place on the map is the same at every step, so one pair of columns per world serves them all.
 */
import type { World } from '../../sim/model'
import type { CityItem } from './draw-list'
import { mercatorU, mercatorV } from './map-scales'

/** The city dots of a step: dot `i` is the `i`th entry of each column. */
export interface CityDots {
  readonly length: number
  /** Where each dot is on the unit Web Mercator square. */
  readonly u: Float64Array
  readonly v: Float64Array
  readonly joins: Float64Array
  readonly radiusPx: Float64Array
  /** 1 where the dot is faded. */
  readonly isFaded: Uint8Array
}

/** Dots with no city. */
export const NO_CITY_DOTS: CityDots = dotsOf([])

const placesByWorld = new WeakMap<World, { readonly u: Float64Array; readonly v: Float64Array }>()

/** Where each city of `world` is on the unit square, computed once per world. */
export function cityPlacesOf(world: World): { readonly u: Float64Array; readonly v: Float64Array } {
  let places = placesByWorld.get(world)
  if (!places) {
    const { cities } = world
    places = { u: new Float64Array(cities.length), v: new Float64Array(cities.length) }
    cities.forEach((city, i) => {
      places!.u[i] = mercatorU(city.lon)
      places!.v[i] = mercatorV(city.lat)
    })
    placesByWorld.set(world, places)
  }
  return places
}

/** Dot `i` as an object. */
export function cityAt(dots: CityDots, i: number): CityItem {
  return {
    cityIndex: i,
    u: dots.u[i] as number,
    v: dots.v[i] as number,
    joins: dots.joins[i] as number,
    radiusPx: dots.radiusPx[i] as number,
    isFaded: dots.isFaded[i] === 1,
  }
}

/** Room for `n` dots, every number 0. */
export function emptyCityDots(n: number): CityDots {
  return {
    length: n,
    u: new Float64Array(n),
    v: new Float64Array(n),
    joins: new Float64Array(n),
    radiusPx: new Float64Array(n),
    isFaded: new Uint8Array(n),
  }
}

/** Dots from objects, dot `i` at index `i` whatever its `cityIndex` (tests). */
export function dotsOf(items: readonly CityItem[]): CityDots {
  const dots = emptyCityDots(items.length)
  items.forEach((c, i) => {
    dots.u[i] = c.u
    dots.v[i] = c.v
    dots.joins[i] = c.joins
    dots.radiusPx[i] = c.radiusPx
    dots.isFaded[i] = c.isFaded ? 1 : 0
  })
  return dots
}
