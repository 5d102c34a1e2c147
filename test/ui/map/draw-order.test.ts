import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inDrawingOrder } from '../../../src/ui/map/draw-list'
import type { ArcItem } from '../../../src/ui/map/draw-list'
import { arcGeometry } from '../../../src/ui/map/map-data'

const geometry = arcGeometry({ lat: 50, lon: 8 }, { lat: 40, lon: -74 })

const arcOf = (cityIndex: number, widthPx: number, isFaded: boolean): ArcItem => ({
  siteIndex: 0,
  cityIndex,
  deliveries: 1,
  exposures: 0,
  concern: 0,
  kind: 'normal',
  geometry,
  widthPx,
  isFaded,
})

describe('inDrawingOrder', () => {
  it('puts faded arcs first, then thin before wide, keeping the order within one style', () => {
    const arcs = [arcOf(0, 2, false), arcOf(1, 1, true), arcOf(2, 1, false), arcOf(3, 0.5, true)]
    expect(inDrawingOrder(arcs).map((a) => a.cityIndex)).toEqual([3, 1, 2, 0])
  })

  it('gives what a stable sort on fading and width gives', () => {
    const style = fc.record({
      widthPx: fc.integer({ min: 4, max: 40 }).map((q) => q / 4),
      isFaded: fc.boolean(),
    })
    fc.assert(
      fc.property(fc.array(style, { maxLength: 200 }), (styles) => {
        const arcs = styles.map((s, i) => arcOf(i, s.widthPx, s.isFaded))
        const sorted = [...arcs].sort(
          (a, b) => Number(!a.isFaded) - Number(!b.isFaded) || a.widthPx - b.widthPx,
        )
        expect(inDrawingOrder(arcs)).toEqual(sorted)
      }),
    )
  })
})
