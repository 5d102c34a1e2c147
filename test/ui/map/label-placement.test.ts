import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  clearanceUnder,
  LABEL_ANCHORS,
  boxAt,
  boxesOverlap,
  placeLabels,
  pointBox,
} from '../../../src/ui/map/label-placement'
import type { Box, LabelRequest } from '../../../src/ui/map/label-placement'

const FRAME: Box = { left: 0, top: 0, right: 800, bottom: 500 }

const request = (id: string, x: number, y: number, priority: number, width = 80): LabelRequest => ({
  id,
  x,
  y,
  width,
  height: 16,
  priority,
  clearancePx: 6,
})

const requestArb = fc.record({
  x: fc.integer({ min: 0, max: 800 }),
  y: fc.integer({ min: 0, max: 500 }),
  width: fc.integer({ min: 10, max: 220 }),
  height: fc.integer({ min: 12, max: 24 }),
  priority: fc.integer({ min: 0, max: 5 }),
  clearancePx: fc.integer({ min: 0, max: 28 }),
})
const boxArb = fc
  .record({
    left: fc.integer({ min: 0, max: 780 }),
    top: fc.integer({ min: 0, max: 480 }),
    w: fc.integer({ min: 5, max: 200 }),
    h: fc.integer({ min: 5, max: 120 }),
  })
  .map(({ left, top, w, h }) => ({ left, top, right: left + w, bottom: top + h }))

const inside = (b: Box, f: Box): boolean =>
  b.left >= f.left && b.top >= f.top && b.right <= f.right && b.bottom <= f.bottom

describe('placing map labels', () => {
  it('never lets two placed labels overlap, nor a label cover an obstacle or leave the frame', () => {
    fc.assert(
      fc.property(
        fc.array(requestArb, { maxLength: 40 }),
        fc.array(boxArb, { maxLength: 4 }),
        (raw, obstacles) => {
          const requests = raw.map((r, i) => ({ ...r, id: `l${i}` }))
          const placed = placeLabels(requests, obstacles, FRAME)
          placed.forEach((a, i) => {
            expect(inside(a.box, FRAME)).toBe(true)
            for (const o of obstacles) expect(boxesOverlap(a.box, o)).toBe(false)
            for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false)
          })
        },
      ),
    )
  })

  it('keeps the priority order: a label is dropped only where everything before it took the room', () => {
    fc.assert(
      fc.property(fc.array(requestArb, { maxLength: 30 }), (raw) => {
        const requests = raw.map((r, i) => ({ ...r, id: `l${i}` }))
        const placed = placeLabels(requests, [], FRAME)
        const rank = new Map(
          [...requests]
            .map((r, i) => ({ r, i }))
            .sort((a, b) => a.r.priority - b.r.priority || a.i - b.i)
            .map(({ r }, k) => [r.id, k]),
        )
        // Placed in priority order.
        const ranks = placed.map((p) => rank.get(p.id) ?? -1)
        expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
        // Every position of a dropped label is out of the frame, or hit by a label or a point
        // that came before it.
        for (const r of requests) {
          if (placed.some((p) => p.id === r.id)) continue
          const k = rank.get(r.id) ?? 0
          const before = placed.filter((p) => (rank.get(p.id) ?? 0) < k).map((p) => p.box)
          const points = requests.filter((q) => (rank.get(q.id) ?? 0) < k).map(pointBox)
          for (const anchor of LABEL_ANCHORS) {
            const b = boxAt(r, anchor)
            const isBlocked =
              !inside(b, FRAME) ||
              before.some((p) => boxesOverlap(b, p, 2)) ||
              points.some((p) => boxesOverlap(b, p))
            expect(isBlocked).toBe(true)
          }
        }
      }),
    )
  })

  it('gives the room to the more important labels when there is not room for all', () => {
    // A strip with room beside the point, left and right, for two labels and no more.
    const strip: Box = { left: 0, top: 0, right: 500, bottom: 40 }
    const placed = placeLabels(
      [
        request('city', 250, 20, 2, 200),
        request('count', 250, 20, 1, 200),
        request('beijing', 250, 20, 0, 200),
      ],
      [],
      strip,
    )
    expect(placed.map((p) => p.id)).toEqual(['beijing', 'count'])
  })

  it('moves a label to the other side of its point before dropping it', () => {
    const legend: Box = { left: 405, top: 200, right: 600, bottom: 300 }
    const [placed] = placeLabels([request('a', 400, 250, 0)], [legend], FRAME)
    expect(placed?.anchor).toBe('left')
    expect(placed && placed.box.right).toBeLessThanOrEqual(400 - 6)
  })
})

describe('clearance under markers', () => {
  it('keeps its own clearance away from markers and clears the whole marker a point lies under', () => {
    const marker: Box = { left: 90, top: 90, right: 110, bottom: 110 }
    expect(clearanceUnder(200, 200, 9, [marker])).toBe(9)
    expect(clearanceUnder(100, 100, 4, [marker])).toBe(11)
    expect(clearanceUnder(95, 100, 4, [marker])).toBe(16)
  })
})
