import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { arcAt, arcsIn, gathered, isFadedAt, tableOf } from '../../../src/ui/map/arc-table'
import { NO_CITY_DOTS } from '../../../src/ui/map/city-dots'
import type { ArcItem, StepDrawList } from '../../../src/ui/map/draw-list'
import { exposureArcsOf, unbundled } from '../../../src/ui/map/flow-bundles'
import { arcGeometry } from '../../../src/ui/map/map-data'
import type { ArcKind } from '../../../src/ui/map/map-scales'

const geometries = [
  arcGeometry({ lat: 50, lon: 8 }, { lat: 40, lon: -74 }),
  arcGeometry({ lat: 1, lon: 103 }, { lat: 35, lon: 139 }),
]

const arcRecord = fc.record({
  siteIndex: fc.integer({ min: 0, max: 499 }),
  cityIndex: fc.integer({ min: 0, max: 4999 }),
  // Counts may be fractions (a scaled run) or whole numbers past 2^31.
  deliveries: fc.oneof(
    fc.integer({ min: 0, max: 2 ** 40 }),
    fc.double({ min: 0, max: 1e6, noNaN: true }),
  ),
  exposures: fc.integer({ min: 0, max: 1_000 }),
  concern: fc.integer({ min: 0, max: 1_000 }),
  kind: fc.constantFrom<ArcKind>('normal', 'crossBorder', 'concern'),
  geometry: fc.constantFrom(...geometries),
  widthPx: fc.integer({ min: 0, max: 63 }).map((q) => q / 4),
  isFaded: fc.boolean(),
})

describe('arc tables', () => {
  it('gives back each arc it was made from, field for field, and in any order asked for', () => {
    fc.assert(
      fc.property(fc.array(arcRecord, { maxLength: 60 }), (arcs: ArcItem[]) => {
        const table = tableOf(arcs)
        expect(table.length).toBe(arcs.length)
        expect(arcsIn(table)).toEqual(arcs)
        arcs.forEach((arc, i) => {
          expect(arcAt(table, i).geometry).toBe(arc.geometry)
          expect(isFadedAt(table, i)).toBe(arc.isFaded)
        })
        const backwards = Int32Array.from(arcs.keys()).reverse()
        expect(arcsIn(gathered(table, backwards))).toEqual([...arcs].reverse())
        expect(arcsIn(table, 1, 3)).toEqual(arcs.slice(1, 3))
      }),
    )
  })

  it('makes objects of a step list once: its exposures for every zoom, and the whole list unbundled', () => {
    const arc = (kind: ArcKind, cityIndex: number): ArcItem => ({
      siteIndex: 0,
      cityIndex,
      deliveries: 3,
      exposures: kind === 'normal' ? 0 : 1,
      concern: kind === 'concern' ? 1 : 0,
      kind,
      geometry: geometries[0]!,
      widthPx: 1.5,
      isFaded: false,
    })
    const arcs = [arc('normal', 0), arc('normal', 1), arc('crossBorder', 2), arc('concern', 3)]
    const list: StepDrawList = {
      arcs: tableOf(arcs),
      crossBorderStart: 2,
      concernStart: 3,
      cities: NO_CITY_DOTS,
    }
    const exposures = exposureArcsOf(list)
    expect(exposures).toEqual(arcs.slice(2))
    expect(exposureArcsOf({ ...list })).toBe(exposures)
    const shown = unbundled(list)
    expect(shown.arcs).toEqual(arcs)
    expect(shown.arcs.slice(2)).toEqual(exposures)
    expect(unbundled(list)).toBe(shown)
    expect(shown).toMatchObject({ crossBorderStart: 2, concernStart: 3, bundles: 0 })
  })
})
