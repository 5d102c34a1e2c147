import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { inDrawingOrder } from '../../../src/ui/map/arc-builder'
import { arcsIn, tableOf } from '../../../src/ui/map/arc-table'
import type { ArcItem } from '../../../src/ui/map/draw-list'
import { arcGeometry } from '../../../src/ui/map/map-data'
import type { ArcKind } from '../../../src/ui/map/map-scales'

const geometry = arcGeometry({ lat: 50, lon: 8 }, { lat: 40, lon: -74 })

const arcOf = (
  cityIndex: number,
  widthPx: number,
  isFaded: boolean,
  kind: ArcKind = 'normal',
): ArcItem => ({
  siteIndex: 0,
  cityIndex,
  deliveries: 1,
  exposures: 0,
  concern: 0,
  kind,
  geometry,
  widthPx,
  isFaded,
})

// The arcs in drawing order, as objects again.
const ordered = (arcs: readonly ArcItem[]): ArcItem[] => arcsIn(inDrawingOrder(tableOf(arcs)))

describe('inDrawingOrder', () => {
  it('puts faded arcs first, then thin before wide, keeping the order within one style', () => {
    const arcs = [arcOf(0, 2, false), arcOf(1, 1, true), arcOf(2, 1, false), arcOf(3, 0.5, true)]
    expect(ordered(arcs).map((a) => a.cityIndex)).toEqual([3, 1, 2, 0])
  })

  it('puts each kind after the one before it: normal, cross-border, concern', () => {
    const arcs = [
      arcOf(0, 1, false, 'concern'),
      arcOf(1, 3, false, 'normal'),
      arcOf(2, 1, true, 'crossBorder'),
      arcOf(3, 1, true, 'normal'),
    ]
    expect(ordered(arcs).map((a) => a.cityIndex)).toEqual([3, 1, 2, 0])
  })

  it('gives what a stable sort on kind, fading and width gives', () => {
    const rank: Record<ArcKind, number> = { normal: 0, crossBorder: 1, concern: 2 }
    const style = fc.record({
      widthPx: fc.integer({ min: 3, max: 40 }).map((q) => q / 4),
      isFaded: fc.boolean(),
      kind: fc.constantFrom<ArcKind>('normal', 'crossBorder', 'concern'),
    })
    fc.assert(
      fc.property(fc.array(style, { maxLength: 200 }), (styles) => {
        const arcs = styles.map((s, i) => arcOf(i, s.widthPx, s.isFaded, s.kind))
        const sorted = [...arcs].sort(
          (a, b) =>
            rank[a.kind] - rank[b.kind] ||
            Number(!a.isFaded) - Number(!b.isFaded) ||
            a.widthPx - b.widthPx,
        )
        expect(ordered(arcs)).toEqual(sorted)
      }),
    )
  })
})
