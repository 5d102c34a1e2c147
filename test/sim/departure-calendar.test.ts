import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DepartureCalendar, SITE_BITS } from '../../src/sim/departure-calendar'

/** A payload of `count` participants leaving site `site`. */
const leave = (count: number, site: number): number => (count << SITE_BITS) | site

/** Drains `calendar` up to (at or before `atOrBefore`, before `before`) into fresh occupancy. */
function drain(calendar: DepartureCalendar, atOrBefore: number, before = Infinity): number[] {
  const occupancy = new Float64Array(8)
  calendar.dueAtOrBefore = atOrBefore
  calendar.dueBefore = before
  calendar.drainInto(occupancy)
  return Array.from(occupancy, (x) => 0 - x)
}

describe('departure-calendar', () => {
  it('takes exactly the events due, whatever the order they came in and however far ahead', () => {
    const event = fc.record({
      time: fc.oneof(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1e6, noNaN: true })),
      site: fc.integer({ min: 0, max: 7 }),
      count: fc.integer({ min: 1, max: 5 }),
    })
    const limits = fc.array(fc.double({ min: 0, max: 2e6, noNaN: true }), { maxLength: 20 })
    fc.assert(
      fc.property(fc.array(event, { maxLength: 3000 }), limits, (events, rawLimits) => {
        const calendar = new DepartureCalendar(4)
        for (const e of events) calendar.push(e.time, leave(e.count, e.site))
        let left = events
        for (const limit of [...rawLimits.sort((a, b) => a - b), Infinity]) {
          const expected = new Array<number>(8).fill(0)
          for (const e of left)
            if (e.time <= limit) expected[e.site] = (expected[e.site] ?? 0) + e.count
          left = left.filter((e) => e.time > limit)
          expect(drain(calendar, limit)).toEqual(expected)
          expect(calendar.size).toBe(left.length)
        }
      }),
    )
  })

  it('keeps an event at the exclusive limit and takes one at the inclusive limit', () => {
    const calendar = new DepartureCalendar()
    calendar.push(5, leave(1, 0))
    calendar.push(5, leave(2, 1))
    calendar.push(7, leave(4, 2))
    expect(drain(calendar, 10, 5)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect(drain(calendar, 5, 6)).toEqual([1, 2, 0, 0, 0, 0, 0, 0])
    expect(drain(calendar, 6.9, 7)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
    expect(drain(calendar, 7, 8)).toEqual([0, 0, 4, 0, 0, 0, 0, 0])
    expect(calendar.size).toBe(0)
    expect(drain(calendar, 100)).toEqual([0, 0, 0, 0, 0, 0, 0, 0])
  })

  it('interleaves pushes and drains like a sorted list, through its rebuilds', () => {
    // A number is a push that far after the last drain, null a drain up to the next time.
    const operations = fc.array(
      fc.option(fc.double({ min: 0, max: 300, noNaN: true }), { freq: 3 }),
      {
        maxLength: 2000,
      },
    )
    fc.assert(
      fc.property(operations, (ops) => {
        const calendar = new DepartureCalendar(2)
        let now = 0
        let pending: number[] = []
        for (const [i, ahead] of ops.entries()) {
          if (ahead !== null) {
            calendar.push(now + ahead, leave(1, i % 8))
            pending.push(now + ahead)
            continue
          }
          now += 1.5
          const due = pending.filter((t) => t <= now).length
          pending = pending.filter((t) => t > now)
          expect(drain(calendar, now).reduce((a, b) => a + b, 0)).toBe(due)
          expect(calendar.size).toBe(pending.length)
        }
      }),
    )
  })

  it('lists its events and rewrites a payload in place', () => {
    const calendar = new DepartureCalendar()
    calendar.push(3, leave(3, 0))
    calendar.push(1, leave(1, 1))
    calendar.push(500, leave(2, 2))
    const seen: [number, number, number][] = []
    calendar.forEachEvent((node, time, payload) => seen.push([node, time, payload]))
    expect(seen.map(([, t, p]) => [t, p]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([
      [1, leave(1, 1)],
      [3, leave(3, 0)],
      [500, leave(2, 2)],
    ])
    const [node] = seen.find(([, t]) => t === 3) ?? [0]
    calendar.setPayload(node, leave(1, 0))
    expect(drain(calendar, 1000)).toEqual([1, 1, 2, 0, 0, 0, 0, 0])
  })
})
