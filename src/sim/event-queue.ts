/**
 * A binary min-heap of events ordered by (time, seq): events with equal times come out in the
 * order they were pushed (first in, first out), which keeps runs deterministic. Each event
 * carries one integer payload. Storage is typed arrays that grow by doubling, so the queue
 * allocates nothing per event once it has reached its working size.
 *
 * Hand-written rather than a heap package: the published ones store objects (an allocation
 * per event in the engine's hottest loop) and do not promise first-in, first-out order for
 * equal keys, on which byte-identical runs depend.
 */
import { doubled } from './typed-arrays'
export class EventQueue {
  private times: Float64Array
  private seqs: Float64Array
  private payloads: Int32Array
  private count = 0
  private nextSeq = 0

  /** @param initialCapacity events the queue holds before it first grows */
  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity)
    this.times = new Float64Array(capacity)
    this.seqs = new Float64Array(capacity)
    this.payloads = new Int32Array(capacity)
  }

  /** Number of queued events. */
  get size(): number {
    return this.count
  }

  /** Time of the earliest event, or +Infinity when empty. */
  peekTime(): number {
    return this.count > 0 ? (this.times[0] as number) : Infinity
  }

  /** Payload of the earliest event; undefined behaviour when empty (check `size` first). */
  peekPayload(): number {
    return this.payloads[0] as number
  }

  /** Adds an event at `time` (any unit, finite) with an integer payload. */
  push(time: number, payload: number): void {
    if (this.count === this.times.length) this.grow()
    const seq = this.nextSeq++
    let i = this.count++
    const times = this.times
    const seqs = this.seqs
    const payloads = this.payloads
    while (i > 0) {
      const parent = (i - 1) >> 1
      const pt = times[parent] as number
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break
      times[i] = pt
      seqs[i] = seqs[parent] as number
      payloads[i] = payloads[parent] as number
      i = parent
    }
    times[i] = time
    seqs[i] = seq
    payloads[i] = payload
  }

  /** Removes the earliest event and returns its payload; -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1
    const times = this.times
    const seqs = this.seqs
    const payloads = this.payloads
    const top = payloads[0] as number
    const last = --this.count
    if (last === 0) return top
    const time = times[last] as number
    const seq = seqs[last] as number
    const payload = payloads[last] as number
    let i = 0
    const half = last >> 1
    while (i < half) {
      let child = 2 * i + 1
      const right = child + 1
      if (right < last) {
        const ct = times[child] as number
        const rt = times[right] as number
        if (rt < ct || (rt === ct && (seqs[right] as number) < (seqs[child] as number)))
          child = right
      }
      const ct = times[child] as number
      if (time < ct || (time === ct && seq < (seqs[child] as number))) break
      times[i] = ct
      seqs[i] = seqs[child] as number
      payloads[i] = payloads[child] as number
      i = child
    }
    times[i] = time
    seqs[i] = seq
    payloads[i] = payload
    return top
  }

  /**
   * Every queued event as (index, time, payload), in no particular order. The index is valid
   * until the next push or pop, for {@link setPayload}.
   */
  forEachEvent(visit: (index: number, time: number, payload: number) => void): void {
    for (let i = 0; i < this.count; i++)
      visit(i, this.times[i] as number, this.payloads[i] as number)
  }

  /** Replaces the payload of a queued event; its place in the order (time, seq) is unchanged. */
  setPayload(index: number, payload: number): void {
    if (index < 0 || index >= this.count) throw new RangeError(`no queued event at ${index}`)
    this.payloads[index] = payload
  }

  private grow(): void {
    this.times = doubled(this.times)
    this.seqs = doubled(this.seqs)
    this.payloads = doubled(this.payloads)
  }
}
