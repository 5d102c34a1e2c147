import { describe, expect, it } from 'vitest'
import { dotsOf } from '../../../src/ui/map/city-dots'
import type { ArcItem, CityItem, FlowDrawList } from '../../../src/ui/map/draw-list'
import { arcGeometry } from '../../../src/ui/map/map-data'
import type { ArcGeometry } from '../../../src/ui/map/map-data'
import type { ArcKind } from '../../../src/ui/map/map-scales'
import { packStillList, stillListBuffers, unpackStillList } from '../../../src/ui/map/still-pack'
import { geometryValues } from './geometry-values'

const places = [
  { lat: 50.1, lon: 8.7 },
  { lat: 39.9, lon: 116.4 },
  { lat: 37.4, lon: -122.1 },
  { lat: -33.9, lon: 151.2 },
  { lat: -23.5, lon: -46.6 },
  { lat: 1.3, lon: 103.8 },
]

function arc(from: number, to: number, kind: ArcKind, widthPx: number, isFaded: boolean): ArcItem {
  return {
    siteIndex: from,
    cityIndex: to,
    deliveries: 3,
    exposures: kind === 'normal' ? 0 : 1,
    concern: kind === 'concern' ? 1 : 0,
    kind,
    geometry: arcGeometry(places[from] ?? places[0]!, places[to] ?? places[0]!),
    widthPx,
    isFaded,
  }
}

const city = (cityIndex: number, joins: number, isFaded: boolean): CityItem => ({
  cityIndex,
  u: 0.1 * (cityIndex + 1),
  v: 0.4 + 0.01 * cityIndex,
  joins,
  radiusPx: 1.5 + joins / 10,
  isFaded,
})

// Normal, cross-border and concern arcs, one across the antimeridian (Sydney to San Francisco).
const list: FlowDrawList = {
  arcs: [
    arc(0, 1, 'normal', 1, true),
    arc(0, 2, 'normal', 1.25, false),
    arc(3, 2, 'crossBorder', 2.5, false),
    arc(1, 4, 'concern', 3.75, false),
    arc(5, 0, 'concern', 6, true),
  ],
  crossBorderStart: 2,
  concernStart: 3,
  cities: dotsOf([city(0, 0, false), city(1, 12, true), city(2, 40, false)]),
}

describe('still-pack', () => {
  it('gives back the points, bounds, widths, fading and kinds of every arc', () => {
    const back = unpackStillList(packStillList(list))
    expect(back.crossBorderStart).toBe(2)
    expect(back.concernStart).toBe(3)
    expect(back.arcs).toHaveLength(list.arcs.length)
    list.arcs.forEach((original, i) => {
      const copy = back.arcs[i] as ArcItem
      expect(copy.kind).toBe(original.kind)
      expect(copy.widthPx).toBe(original.widthPx)
      expect(copy.isFaded).toBe(original.isFaded)
      // The worker draws exactly the points the page would: sampled from the same curve.
      expect(geometryValues(copy.geometry)).toEqual(geometryValues(original.geometry))
    })
  })

  it('packs an arc from its ends and control point, never reading its points', () => {
    // A bundle's geometry is sampled only if read (tabled-arc-geometry.ts): packing must not.
    const original = list.arcs[2] as ArcItem
    const { points, ...rest } = geometryValues(original.geometry)
    const unread: ArcGeometry = {
      ...rest,
      get points(): Float64Array {
        throw new Error('the packing read the points')
      },
    }
    const back = unpackStillList(
      packStillList({ ...list, arcs: [{ ...original, geometry: unread }] }),
    )
    expect(back.arcs[0]?.geometry.points).toEqual(points)
  })

  it('gives back every city dot', () => {
    expect(unpackStillList(packStillList(list)).cities).toEqual(list.cities)
  })

  it('packs into buffers that can be transferred', () => {
    const packed = packStillList(list)
    const buffers = stillListBuffers(packed)
    expect(buffers).toHaveLength(5)
    expect(new Set(buffers).size).toBe(5)
    const channel = new MessageChannel()
    channel.port1.postMessage(packed, buffers)
    channel.port1.close()
    expect(packed.curves.byteLength).toBe(0)
  })
})
