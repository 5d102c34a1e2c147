import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { dotsOf } from '../../../src/ui/map/city-dots'
import type { ArcItem, CityItem, FlowDrawList } from '../../../src/ui/map/draw-list'
import type { ShownArc } from '../../../src/ui/map/flow-bundles'
import { HIT_TOLERANCE_PX } from '../../../src/ui/map/flow-draw'
import type { CanvasView } from '../../../src/ui/map/flow-draw'
import { isInsideMapV } from '../../../src/ui/map/arc-shape'
import { buildHitIndex, hitTestIndexed, primeHitIndex } from '../../../src/ui/map/hit-index'
import { copiesByBlock } from '../../../src/ui/map/hit-cells'
import { arcGeometry, distanceToPolylinePx } from '../../../src/ui/map/map-data'
import type { ArcKind } from '../../../src/ui/map/map-scales'
import { mercatorU, mercatorV } from '../../../src/ui/map/map-scales'
import { scannedPoints } from '../../../src/ui/map/tabled-arc-geometry'

// The whole world at zoom 2 on a 1024 x 1024 canvas.
const view: CanvasView = { widthPx: 1024, heightPx: 1024, originX: 0, originY: 0, scale: 1024 }
const LAYERS = { flows: true, cities: true }

type Place = { lat: number; lon: number }
const frankfurt: Place = { lat: 50.1, lon: 8.7 }
const newYork: Place = { lat: 40.7, lon: -74 }
const saoPaulo: Place = { lat: -23.5, lon: -46.6 }
const tokyo: Place = { lat: 35.7, lon: 139.7 }

function arc(from: Place, to: Place, kind: ArcKind, extra: Partial<ShownArc> = {}): ShownArc {
  return {
    siteIndex: 0,
    cityIndex: 0,
    deliveries: 5,
    exposures: kind === 'normal' ? 0 : 1,
    concern: kind === 'concern' ? 1 : 0,
    kind,
    geometry: arcGeometry(from, to),
    widthPx: 2,
    isFaded: false,
    ...extra,
  }
}

function listOf(
  normal: ArcItem[],
  crossBorder: ArcItem[],
  concern: ArcItem[],
  cities: CityItem[] = [],
): FlowDrawList {
  return {
    arcs: [...normal, ...crossBorder, ...concern],
    crossBorderStart: normal.length,
    concernStart: normal.length + crossBorder.length,
    cities: dotsOf(cities),
  }
}

// Every arc, every segment, no grid: the rule the index must keep.
function scanNearest(list: FlowDrawList, x: number, y: number): ArcItem | null {
  const nearest = (from: number, to: number): ArcItem | null => {
    let best: ArcItem | null = null
    let bestIndex = -1
    let bestDistance = Infinity
    for (let i = from; i < to; i++) {
      const a = list.arcs[i] as ShownArc
      const g = a.geometry
      const d = distanceToPolylinePx(x, y, scannedPoints(g), g.count, view.scale, 0, 0)
      const t = Math.max(HIT_TOLERANCE_PX, a.widthPx / 2 + 3)
      const isBetter = d < bestDistance - 0.5 || (d < bestDistance + 0.5 && i > bestIndex)
      if (d <= t && isBetter) [best, bestIndex, bestDistance] = [a, i, Math.min(d, bestDistance)]
    }
    return best
  }
  return nearest(list.crossBorderStart, list.arcs.length) ?? nearest(0, list.crossBorderStart)
}

// The canvas point a share `t` of the way along an arc's sampled points.
function pointOn(a: ArcItem, t: number): [number, number] {
  const i = Math.round(t * (a.geometry.count - 1))
  return [
    (a.geometry.points[2 * i] ?? 0) * view.scale,
    (a.geometry.points[2 * i + 1] ?? 0) * view.scale,
  ]
}

describe('hit index', () => {
  it('finds the arc under the pointer among many, and nothing far from every arc', () => {
    const atlantic = arc(frankfurt, newYork, 'normal')
    const pacific = arc(tokyo, newYork, 'normal')
    const south = arc(frankfurt, saoPaulo, 'crossBorder')
    const others = Array.from({ length: 2000 }, (_, i) =>
      arc(
        { lat: -40 + (i % 40), lon: 100 + (i % 30) },
        { lat: -30 + (i % 20), lon: 150 },
        'normal',
      ),
    )
    const list = listOf([...others, atlantic, pacific], [south], [])
    const index = buildHitIndex(view, list)
    const hitOf = (p: [number, number]) => hitTestIndexed(index, p[0], p[1], LAYERS)
    expect(hitOf(pointOn(atlantic, 0.5))).toEqual({ kind: 'flow', arc: atlantic })
    expect(hitOf(pointOn(pacific, 0.1))).toEqual({ kind: 'flow', arc: pacific })
    expect(hitOf(pointOn(south, 0.6))).toEqual({ kind: 'flow', arc: south })
    // Antarctica, far below every arc.
    expect(hitOf([512, 1000])).toBeNull()
    expect(hitTestIndexed(index, -5, 2000, LAYERS)).toBeNull()
  })

  it('finds what a scan of every arc finds: the nearest within reach, exposures first, the later of two as near', () => {
    const place = fc.record({
      lat: fc.double({ min: -50, max: 60, noNaN: true }),
      lon: fc.double({ min: -170, max: 170, noNaN: true }),
    })
    const arcOf = (kind: ArcKind) =>
      fc
        .tuple(place, place, fc.double({ min: 1, max: 12, noNaN: true }))
        .filter(([a, b]) => Math.abs(a.lon - b.lon) < 170 && Math.abs(a.lat - b.lat) > 0.5)
        .map(([a, b, widthPx]) => arc(a, b, kind, { widthPx }))
    fc.assert(
      fc.property(
        fc.array(arcOf('normal'), { maxLength: 25 }),
        fc.array(arcOf('crossBorder'), { maxLength: 10 }),
        fc.array(arcOf('concern'), { maxLength: 10 }),
        fc.array(fc.tuple(fc.nat(99), fc.double({ min: 0, max: 1, noNaN: true })), {
          minLength: 1,
          maxLength: 10,
        }),
        (normal, crossBorder, concern, probes) => {
          const list = listOf(normal, crossBorder, concern)
          if (list.arcs.length === 0) return
          const index = buildHitIndex(view, list)
          for (const [k, t] of probes) {
            const [x, y] = pointOn(list.arcs[k % list.arcs.length]!, t)
            for (const [px, py] of [
              [x, y],
              [x + 3, y - 2],
              [x - 6, y + 5],
            ] as const) {
              const hit = hitTestIndexed(index, px, py, LAYERS)
              const expected = scanNearest(list, px, py)
              expect(hit === null ? null : hit.kind === 'flow' ? hit.arc : hit).toBe(expected)
            }
          }
        },
      ),
      { numRuns: 60 },
    )
  })

  it('finds arcs kept to the map at its top, read from their points, as those off it by their curve', () => {
    // The bulge towards the pole takes this one past the square's top, where it is drawn clamped.
    const polar = arc({ lat: 84, lon: -60 }, { lat: 84.5, lon: 60 }, 'crossBorder')
    const plain = arc(frankfurt, newYork, 'normal')
    const g = polar.geometry
    expect(isInsideMapV(g.cv)).toBe(false)
    const list = listOf([plain], [polar], [])
    const index = buildHitIndex(view, list)
    for (const a of [polar, plain])
      for (const t of [0.1, 0.5, 0.9]) {
        const [x, y] = pointOn(a, t)
        const hit = hitTestIndexed(index, x, y + 2, LAYERS)
        expect(hit?.kind === 'flow' ? hit.arc : null).toBe(a)
      }
    const [x, y] = pointOn(plain, 0.5)
    expect(hitTestIndexed(index, x, y + 40, LAYERS)).toBeNull()
  })

  it('answers a point asked about twice once, and again when the layers shown change', () => {
    const atlantic = arc(frankfurt, newYork, 'normal')
    const index = buildHitIndex(view, listOf([atlantic], [], []))
    const [x, y] = pointOn(atlantic, 0.5)
    const first = hitTestIndexed(index, x, y, LAYERS)
    expect(first).toEqual({ kind: 'flow', arc: atlantic })
    expect(hitTestIndexed(index, x, y, LAYERS)).toBe(first)
    expect(hitTestIndexed(index, x, y, { ...LAYERS, flows: false })).toBeNull()
    expect(hitTestIndexed(index, x, y, LAYERS)).toEqual(first)
    expect(hitTestIndexed(index, x + 200, y + 200, LAYERS)).toBeNull()
  })

  it('answers an exposure before a bundle drawn along the same line', () => {
    const bundle = arc(frankfurt, newYork, 'normal', {
      widthPx: 6,
      bundle: { paths: 40, sites: 3, cities: 12 },
    })
    const exposure = arc(frankfurt, newYork, 'concern', { widthPx: 3 })
    // The bundle is wider and the exposure lies under its middle, a pixel off the centre line.
    const index = buildHitIndex(view, listOf([bundle], [], [exposure]))
    const [x, y] = pointOn(bundle, 0.5)
    expect(hitTestIndexed(index, x, y + 1, LAYERS)).toEqual({ kind: 'flow', arc: exposure })
    // With flows hidden, nothing answers.
    expect(hitTestIndexed(index, x, y, { flows: false, cities: true })).toBeNull()
  })

  it('answers a city dot before the arcs under it, and only cities with joins', () => {
    const path = arc(frankfurt, newYork, 'concern')
    const city = (cityIndex: number, p: Place, joins: number): CityItem => ({
      cityIndex,
      u: mercatorU(p.lon),
      v: mercatorV(p.lat),
      joins,
      radiusPx: 5,
      isFaded: false,
    })
    const cities = [city(0, newYork, 12), city(1, saoPaulo, 0)]
    const index = buildHitIndex(view, listOf([], [], [path], cities))
    const [x, y] = pointOn(path, 1)
    expect(hitTestIndexed(index, x, y, LAYERS)).toEqual({ kind: 'city', cityIndex: 0, joins: 12 })
    expect(hitTestIndexed(index, x, y, { flows: true, cities: false })).toEqual({
      kind: 'flow',
      arc: path,
    })
    const sp = [mercatorU(saoPaulo.lon) * view.scale, mercatorV(saoPaulo.lat) * view.scale]
    expect(hitTestIndexed(index, sp[0] ?? 0, sp[1] ?? 0, LAYERS)).toBeNull()
  })

  it('indexes every world copy of every arc a wide view shows, however many copies there are', () => {
    // Zoomed far out: 64 px a world, so the 1,024 px canvas shows about 17 copies of each arc.
    const wide: CanvasView = { ...view, scale: 64, originX: -32 }
    const arcs = [arc(frankfurt, newYork, 'normal'), arc(tokyo, saoPaulo, 'crossBorder')]
    const index = buildHitIndex(wide, listOf([arcs[0]!], [arcs[1]!], []))
    expect(index.copies.arc.length).toBeGreaterThan(2 * 16)
    for (const [i, a] of arcs.entries()) {
      const i0 = Math.round(0.5 * (a.geometry.count - 1))
      const u = a.geometry.points[2 * i0] ?? 0
      const y = (a.geometry.points[2 * i0 + 1] ?? 0) * wide.scale
      // The arc's middle on each whole world copy in view.
      const copies = []
      for (let k = -2; k <= 20; k++) {
        const x = (u + k) * wide.scale - wide.originX
        if (x >= 0 && x < wide.widthPx) copies.push(x)
      }
      expect(copies.length).toBeGreaterThan(14)
      for (const x of copies)
        expect(hitTestIndexed(index, x, y, LAYERS)).toEqual({ kind: 'flow', arc: arcs[i] })
    }
  })

  it('finds what a scan finds where hundreds of arcs meet, in cells asked about once or again', () => {
    // 400 arcs out of Frankfurt, as from a busy data center: its cells hold all of them.
    const place = fc.record({
      lat: fc.double({ min: -50, max: 65, noNaN: true }),
      lon: fc.double({ min: -60, max: 80, noNaN: true }),
    })
    fc.assert(
      fc.property(
        fc.array(place, { minLength: 400, maxLength: 400 }),
        fc.array(
          fc.tuple(
            fc.double({ min: -40, max: 40, noNaN: true }),
            fc.double({ min: -40, max: 40, noNaN: true }),
          ),
          {
            minLength: 12,
            maxLength: 12,
          },
        ),
        (ends, probes) => {
          const arcs = ends
            .filter((p) => Math.abs(p.lat - frankfurt.lat) + Math.abs(p.lon - frankfurt.lon) > 1)
            .map((p, i) => arc(frankfurt, p, i % 3 === 0 ? 'crossBorder' : 'normal'))
          const list = listOf(
            arcs.filter((a) => a.kind === 'normal'),
            arcs.filter((a) => a.kind === 'crossBorder'),
            [],
          )
          const index = buildHitIndex(view, list)
          const hub = [mercatorU(frankfurt.lon) * view.scale, mercatorV(frankfurt.lat) * view.scale]
          // Twice over: the second time every cell is known.
          for (const _ of [1, 2])
            for (const [dx, dy] of probes) {
              const [x, y] = [(hub[0] ?? 0) + dx, (hub[1] ?? 0) + dy]
              const hit = hitTestIndexed(index, x, y, LAYERS)
              expect(hit?.kind === 'flow' ? hit.arc : hit).toBe(scanNearest(list, x, y))
              index.last = null
            }
        },
      ),
      { numRuns: 15 },
    )
  })

  it('lists each copy in every block of the grid its box meets, in the order drawn', () => {
    // Quarters of a pixel, on and off the canvas.
    const quarters = (min: number, max: number) =>
      fc.integer({ min: 4 * min, max: 4 * max }).map((n) => n / 4)
    const box = fc
      .tuple(quarters(-300, 1300), quarters(-300, 1300), quarters(0, 600), quarters(0, 600))
      .map(([left, top, w, h]) => [left, top, left + w, top + h])
    fc.assert(
      fc.property(fc.array(box, { maxLength: 60 }), (boxes) => {
        const blocks = copiesByBlock(Float64Array.from(boxes.flat()), 32, 32)
        expect(blocks.columns).toBe(8)
        for (let b = 0; b < 64; b++) {
          const [left, top] = [(b % 8) * 128, Math.floor(b / 8) * 128]
          const listed = [...blocks.copy.subarray(blocks.start[b], blocks.start[b + 1])]
          const meets = boxes.flatMap(([l, t, r, d], j) =>
            (r ?? 0) >= left && (l ?? 0) < left + 128 && (d ?? 0) >= top && (t ?? 0) < top + 128
              ? [j]
              : [],
          )
          expect(listed).toEqual(meets)
        }
      }),
      { numRuns: 100 },
    )
  })

  it('finds the arcs in the middle of the view before a pointer asks, and answers the same after', () => {
    const arcs = [arc(frankfurt, newYork, 'normal'), arc(tokyo, saoPaulo, 'crossBorder')]
    const list = listOf([arcs[0]!], [arcs[1]!], [])
    const primed = buildHitIndex(view, list)
    const middle = 16 * Math.ceil(view.widthPx / 32) + 16
    expect(primed.arcsByCell[middle]).toBeUndefined()
    primeHitIndex(primed)
    expect(primed.arcsByCell[middle]).toBeDefined()
    expect(primed.last).toBeNull()
    const plain = buildHitIndex(view, list)
    for (const a of arcs)
      for (const t of [0.2, 0.5, 0.8]) {
        const [x, y] = pointOn(a, t)
        expect(hitTestIndexed(primed, x, y, LAYERS)).toEqual(hitTestIndexed(plain, x, y, LAYERS))
      }
  })
})
