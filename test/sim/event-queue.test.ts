import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { EventQueue } from '../../src/sim/event-queue'

describe('event-queue', () => {
  it('pops events in time order, equal times first-in first-out', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 3000 }), (times) => {
        const queue = new EventQueue(4)
        times.forEach((t, i) => queue.push(t, i))
        const expected = times.map((t, i) => ({ t, i })).sort((a, b) => a.t - b.t || a.i - b.i)
        const popped: number[] = []
        while (queue.size > 0) popped.push(queue.pop())
        expect(popped).toEqual(expected.map((e) => e.i))
      }),
    )
  })

  it('reports the earliest time and answers -1 when empty', () => {
    const queue = new EventQueue()
    expect(queue.peekTime()).toBe(Infinity)
    expect(queue.pop()).toBe(-1)
    queue.push(5, 50)
    queue.push(2, 20)
    expect(queue.peekTime()).toBe(2)
    expect(queue.peekPayload()).toBe(20)
  })

  it('interleaves pushes and pops like a sorted list', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), fc.constant(-1)), {
          maxLength: 500,
        }),
        (ops) => {
          const queue = new EventQueue(2)
          const model: { t: number; i: number }[] = []
          ops.forEach((op, i) => {
            if (op < 0) {
              model.sort((a, b) => a.t - b.t || a.i - b.i)
              expect(queue.pop()).toBe(model.shift()?.i ?? -1)
            } else {
              queue.push(op, i)
              model.push({ t: op, i })
            }
          })
        },
      ),
    )
  })
})
