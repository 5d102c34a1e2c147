import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DepartureHeap } from '../../src/sim/departure-heap'

describe('departure-heap', () => {
  it('pops events in time order, whatever the order they came in', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3000 }), (times) => {
        const heap = new DepartureHeap(4)
        times.forEach((t, i) => heap.push(t, i))
        const popped: number[] = []
        while (heap.size > 0) popped.push(heap.pop())
        expect(popped.map((i) => times[i])).toEqual([...times].sort((a, b) => a - b))
        expect([...popped].sort((a, b) => a - b)).toEqual(times.map((_, i) => i))
      }),
    )
  })

  it('reports +Infinity and -1 when empty, also after it emptied', () => {
    const heap = new DepartureHeap()
    const seen: number[] = [heap.peekTime(), heap.pop()]
    for (const [time, payload] of [
      [5, 50],
      [2, 20],
    ] as const)
      heap.push(time, payload)
    seen.push(heap.peekTime(), heap.pop(), heap.pop(), heap.peekTime(), heap.pop())
    expect(seen).toEqual([Infinity, -1, 2, 20, 50, Infinity, -1])
  })

  it('interleaves pushes and pops like a sorted list', () => {
    // null is a pop, a number a push at that time.
    const operations = fc.array(fc.option(fc.double({ min: 0, max: 100, noNaN: true })), {
      maxLength: 500,
    })
    fc.assert(
      fc.property(operations, (ops) => {
        const heap = new DepartureHeap(2)
        const pending: number[] = []
        for (const [i, time] of ops.entries()) {
          if (time !== null) {
            heap.push(time, i)
            pending.push(time)
            continue
          }
          const earliest = pending.sort((a, b) => a - b).shift()
          expect(heap.peekTime()).toBe(earliest ?? Infinity)
          const payload = heap.pop()
          expect(payload === -1 ? undefined : ops[payload]).toBe(earliest)
        }
      }),
    )
  })

  it('lists its events and rewrites a payload in place', () => {
    const heap = new DepartureHeap()
    heap.push(3, 30)
    heap.push(1, 10)
    heap.push(2, 20)
    const seen: [number, number, number][] = []
    heap.forEachEvent((index, time, payload) => seen.push([index, time, payload]))
    expect(seen.map(([, t, p]) => [t, p]).sort((a, b) => (a[0] ?? 0) - (b[0] ?? 0))).toEqual([
      [1, 10],
      [2, 20],
      [3, 30],
    ])
    const [index] = seen.find(([, t]) => t === 2) ?? [0]
    heap.setPayload(index, 21)
    expect([heap.pop(), heap.pop(), heap.pop()]).toEqual([10, 21, 30])
    expect(() => heap.setPayload(0, 1)).toThrow(RangeError)
  })
})
