/**
 * The min-heap of departures: times and integer payloads side by side in one Float64Array, so a
 * move between levels touches one cache line instead of three arrays. Unlike the general
 * EventQueue (event-queue.ts) it keeps no insertion sequence: events at equal times come out in an order
 * fixed by the heap's history (deterministic) but not first-in first-out. Departures need no
 * more: the engine takes every departure due before the next event in one go, so their order
 * among themselves never shows.
 *
 * A slot past the last event holds +Infinity, so a sift-down never checks whether a right child
 * exists. Grows by doubling; allocates nothing per event once at its working size.
 */
/** A min-heap of (time, integer payload) events, equal times in no promised order. */
export class DepartureHeap {
  /** [time0, payload0, time1, payload1, …], then +Infinity at the slot past the last event. */
  private data: Float64Array
  private count = 0

  /** @param initialCapacity events the heap holds before it first grows */
  constructor(initialCapacity = 1024) {
    this.data = new Float64Array(2 * Math.max(4, initialCapacity) + 2).fill(Infinity)
  }

  /** Number of queued events. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest event, or +Infinity when empty (the sentinel). */
  peekTime(): number {
    return this.data[0] as number
  }

  /** Adds an event at `time` (finite) with an integer payload below 2^31. */
  push(time: number, payload: number): void {
    if (2 * this.count + 4 > this.data.length) this.grow()
    const data = this.data
    let i = this.count++
    data[2 * i + 2] = Infinity
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = data[2 * parent] as number
      if (pt <= time) break
      data[2 * i] = pt
      data[2 * i + 1] = data[2 * parent + 1] as number
      i = parent
    }
    data[2 * i] = time
    data[2 * i + 1] = payload
  }

  /** Removes the earliest event and returns its payload; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1
    const data = this.data
    const top = data[1] as number
    const last = --this.count
    const time = data[2 * last] as number
    const payload = data[2 * last + 1] as number
    data[2 * last] = Infinity
    let i = 0
    const half = last >> 1
    // With `last` events left, a child index below `last` exists; the right child may be the
    // sentinel slot at `last`, which never wins.
    while (i < half) {
      // The smaller child by adding a comparison, not branching on it: which child is smaller
      // is a coin toss, and a mispredicted branch per level cost more than the reload.
      const left = 2 * i + 1
      const child = left + Number((data[2 * left + 2] as number) < (data[2 * left] as number))
      const ct = data[2 * child] as number
      if (time <= ct) break
      data[2 * i] = ct
      data[2 * i + 1] = data[2 * child + 1] as number
      i = child
    }
    if (last > 0) {
      data[2 * i] = time
      data[2 * i + 1] = payload
    }
    return top
  }

  /**
   * Every queued event as (index, time, payload), in heap order. The index is valid until the
   * next push or pop, for {@link setPayload}.
   */
  forEachEvent(visit: (index: number, time: number, payload: number) => void): void {
    const data = this.data
    for (let i = 0; i < this.count; i++) visit(i, data[2 * i] as number, data[2 * i + 1] as number)
  }

  /** Replaces the payload of a queued event; its place in the order is unchanged. */
  setPayload(index: number, payload: number): void {
    if (index < 0 || index >= this.count) throw new RangeError(`no queued event at ${index}`)
    this.data[2 * index + 1] = payload
  }

  private grow(): void {
    const data = new Float64Array(this.data.length * 2).fill(Infinity)
    data.set(this.data.subarray(0, 2 * this.count))
    this.data = data
  }
}
