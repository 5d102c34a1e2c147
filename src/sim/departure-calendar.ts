/**
 * The departures of the meetings in progress as a calendar of time buckets (after R. Brown's
 * calendar queue). The engine never needs departures one at a time in order: before each
 * arrival, timeline event or step end it takes every departure due by then, and their order among
 * themselves never shows (each only subtracts a count from its site's occupancy, exact in
 * integers). So a bucket is an unsorted list: a push links one node, and taking what is due
 * empties whole buckets and looks only into the bucket the limit falls in (put in time order
 * once, when a limit first falls in it). A binary heap paid a sift of log2(n) levels per
 * departure, the largest single cost of a run.
 *
 * Buckets are `width` minutes; a ring of `buckets` (a power of two) covers the next
 * buckets x width minutes, and later events wait in an overflow list moved into the ring every
 * half turn. Ring size and width follow the number of events held (about one event per bucket
 * near the front), rebuilt when the events outnumber the buckets or fall below an eighth of them.
 *
 * Determinism: bucket layout, node indices and list orders depend only on the run's history.
 * Allocates nothing per event once its arrays have reached the working size.
 */
import { doubled } from './typed-arrays'

/** Bits of a payload that hold the site index; the rest is the participant count. */
export const SITE_BITS = 10
const SITE_MASK = (1 << SITE_BITS) - 1
const MIN_BUCKETS = 64
const NONE = -1

/** A calendar of departure events: (time, count << SITE_BITS | site). */
export class DepartureCalendar {
  // Node pool: a node is one event; `link` chains a bucket's list or the free list.
  private times: Float64Array
  private payloads: Int32Array
  private link: Int32Array
  private free = NONE
  private used = 0

  /** The ring's list heads: a view of `ring`, the largest array the ring has needed. */
  private heads: Int32Array
  private ring: Int32Array
  private mask: number
  private invWidth = 1
  /** Absolute bucket number the calendar has drained to (every earlier bucket is empty). */
  private current = 0
  /** `current` within the ring. */
  private currentSlot = 0
  /** Absolute bucket at which the overflow moves into the ring next. */
  private nextSpill: number
  private overflow = NONE
  private ringCount = 0
  private count = 0
  /** Absolute bucket whose list is in time order (the current one once filtered), else NaN. */
  private sortedBucket = NaN
  /** The limit the last drain took events up to: no event held is earlier. */
  private drainedTo = 0

  /** Departures due at or before this time are taken by {@link drainInto} (with {@link dueBefore}). */
  dueAtOrBefore = 0
  /** Departures due strictly before this time are taken by {@link drainInto}. */
  dueBefore = 0

  /** @param initialCapacity events held before the node pool first grows */
  constructor(initialCapacity = 1024) {
    const capacity = Math.max(4, initialCapacity)
    this.times = new Float64Array(capacity)
    this.payloads = new Int32Array(capacity)
    this.link = new Int32Array(capacity)
    this.ring = new Int32Array(MIN_BUCKETS).fill(NONE)
    this.heads = this.ring
    this.mask = MIN_BUCKETS - 1
    this.nextSpill = MIN_BUCKETS / 2
  }

  /** Number of events held. */
  get size(): number {
    return this.count
  }

  /** Adds an event at `time` (finite, not before the last drain's limit); payload below 2^31. */
  push(time: number, payload: number): void {
    let node = this.free
    if (node !== NONE) this.free = this.link[node] as number
    else {
      if (this.used === this.times.length) this.growPool()
      node = this.used++
    }
    this.times[node] = time
    this.payloads[node] = payload
    this.count++
    this.insert(node)
    if (this.count > this.heads.length) this.rebuild()
  }

  /**
   * Takes every event due at or before {@link dueAtOrBefore} and before {@link dueBefore} (set
   * them first: fields rather than arguments, as a double passed to a call is boxed), subtracting
   * each event's count from `occupancy` at its site.
   */
  drainInto(occupancy: Float64Array): void {
    const atOrBefore = this.dueAtOrBefore
    const before = this.dueBefore
    const limit = atOrBefore < before ? atOrBefore : before
    this.drainedTo = limit
    if (this.count === 0) return
    // Every event of a bucket below `last` is earlier than the limit: multiplying by a positive
    // constant never reverses an order, so time * invWidth < last <= limit * invWidth.
    const last = Math.floor(limit * this.invWidth)
    while (this.current < last) {
      if (this.ringCount === 0) {
        if (this.overflow === NONE) break
        this.jumpTo(Math.min(last, this.overflowFirstBucket()))
        continue
      }
      this.drainBucket(occupancy)
      this.current++
      this.currentSlot = (this.currentSlot + 1) & this.mask
      if (this.current >= this.nextSpill) this.spill()
    }
    if (this.current === last) this.filterBucket(occupancy, atOrBefore, before)
    if (this.count < this.heads.length >> 3 && this.heads.length > MIN_BUCKETS) this.rebuild()
  }

  /**
   * Every event held as (node, time, payload), in an order fixed by the run's history. The node
   * stays valid until the next push or drain, for {@link setPayload}.
   */
  forEachEvent(visit: (node: number, time: number, payload: number) => void): void {
    const visitList = (head: number): void => {
      for (let node = head; node !== NONE; node = this.link[node] as number)
        visit(node, this.times[node] as number, this.payloads[node] as number)
    }
    for (let i = 0; i <= this.mask; i++)
      visitList(this.heads[(this.currentSlot + i) & this.mask] as number)
    visitList(this.overflow)
  }

  /** Replaces the payload of an event held; its time is unchanged. */
  setPayload(node: number, payload: number): void {
    this.payloads[node] = payload
  }

  /** Links `node` into its bucket, or the overflow past the ring. */
  private insert(node: number): void {
    const ahead = Math.floor((this.times[node] as number) * this.invWidth) - this.current
    // Past the ring: such an event's bucket is at least a turn ahead, so after the next spill.
    if (ahead > this.mask) {
      this.link[node] = this.overflow
      this.overflow = node
      return
    }
    // An event in the bucket drained to (or, by rounding, before it) is filtered there.
    if (ahead <= 0) {
      this.ringCount++
      if (this.sortedBucket === this.current) this.linkInOrder(node, this.currentSlot)
      else {
        this.link[node] = this.heads[this.currentSlot] as number
        this.heads[this.currentSlot] = node
      }
      return
    }
    const slot = (this.currentSlot + ahead) & this.mask
    this.link[node] = this.heads[slot] as number
    this.heads[slot] = node
    this.ringCount++
  }

  /** Links `node` into the time-ordered list of `slot`, after the events not later than it. */
  private linkInOrder(node: number, slot: number): void {
    const link = this.link
    const times = this.times
    const time = times[node] as number
    const head = this.heads[slot] as number
    if (head === NONE || time < (times[head] as number)) {
      link[node] = head
      this.heads[slot] = node
      return
    }
    let previous = head
    for (;;) {
      const next = link[previous] as number
      if (next === NONE || time < (times[next] as number)) break
      previous = next
    }
    link[node] = link[previous] as number
    link[previous] = node
  }

  /** Takes every event of the current bucket. */
  private drainBucket(occupancy: Float64Array): void {
    let node = this.heads[this.currentSlot] as number
    if (node === NONE) return
    const link = this.link
    let removed = 0
    for (;;) {
      const payload = this.payloads[node] as number
      const site = payload & SITE_MASK
      occupancy[site] = (occupancy[site] as number) - (payload >>> SITE_BITS)
      removed++
      const next = link[node] as number
      if (next === NONE) break
      node = next
    }
    // The bucket's list joins the free list whole.
    link[node] = this.free
    this.free = this.heads[this.currentSlot] as number
    this.heads[this.currentSlot] = NONE
    this.ringCount -= removed
    this.count -= removed
  }

  /**
   * Takes the events of the current bucket that are due; the others stay. The bucket is put in
   * time order the first time (a few events), so the many arrivals that fall in one bucket each
   * look at its first event only.
   */
  private filterBucket(occupancy: Float64Array, atOrBefore: number, before: number): void {
    const slot = this.currentSlot
    if (this.sortedBucket !== this.current) {
      let node = this.heads[slot] as number
      this.heads[slot] = NONE
      while (node !== NONE) {
        const next = this.link[node] as number
        this.linkInOrder(node, slot)
        node = next
      }
      this.sortedBucket = this.current
    }
    const link = this.link
    const times = this.times
    let node = this.heads[slot] as number
    while (node !== NONE) {
      const time = times[node] as number
      if (!(time <= atOrBefore && time < before)) break
      const payload = this.payloads[node] as number
      const site = payload & SITE_MASK
      occupancy[site] = (occupancy[site] as number) - (payload >>> SITE_BITS)
      const next = link[node] as number
      link[node] = this.free
      this.free = node
      this.ringCount--
      this.count--
      node = next
    }
    this.heads[slot] = node
  }

  /** Moves the overflow events that now fall inside the ring into it. */
  private spill(): void {
    this.nextSpill = this.current + (this.mask + 1) / 2
    let node = this.overflow
    this.overflow = NONE
    while (node !== NONE) {
      const next = this.link[node] as number
      this.insert(node)
      node = next
    }
  }

  /** The first bucket an overflow event falls in. */
  private overflowFirstBucket(): number {
    let first = Infinity
    for (let node = this.overflow; node !== NONE; node = this.link[node] as number)
      first = Math.min(first, Math.floor((this.times[node] as number) * this.invWidth))
    return first
  }

  /** Moves the (empty) ring on to bucket `bucket`, then lets the overflow in. */
  private jumpTo(bucket: number): void {
    this.current = bucket
    this.currentSlot = (bucket % (this.mask + 1)) | 0
    this.spill()
  }

  /**
   * Rebuilds the ring for the events held: about twice as many buckets as events, and a width
   * that puts about one event in a bucket near the front (the mean time to departure over the
   * count), so the ring spans about twice the mean time to departure. The events are gathered
   * into one list through their links and the ring's array is reused when large enough, so a
   * rebuild allocates nothing once the calendar has reached its working size.
   */
  private rebuild(): void {
    const link = this.link
    let all = NONE
    let ahead = 0
    // Every bucket, then (at i = mask + 1) the overflow; a loop, not a closure, which would box
    // the running sum on every addition.
    for (let i = 0; i <= this.mask + 1; i++) {
      let node = i <= this.mask ? (this.heads[i] as number) : this.overflow
      while (node !== NONE) {
        const next = link[node] as number
        link[node] = all
        all = node
        ahead += (this.times[node] as number) - this.drainedTo
        node = next
      }
    }
    const count = this.count
    let buckets = MIN_BUCKETS
    while (buckets < 2 * count) buckets *= 2
    this.invWidth = count > 0 && ahead > 0 ? (count * count) / ahead : 1
    if (this.ring.length < buckets) this.ring = new Int32Array(buckets)
    this.heads = this.ring.subarray(0, buckets).fill(NONE)
    this.mask = buckets - 1
    this.overflow = NONE
    this.ringCount = 0
    this.sortedBucket = NaN
    this.current = Math.floor(this.drainedTo * this.invWidth)
    this.currentSlot = (this.current % buckets) | 0
    this.nextSpill = this.current + buckets / 2
    for (let node = all; node !== NONE;) {
      const next = link[node] as number
      this.insert(node)
      node = next
    }
  }

  private growPool(): void {
    this.times = doubled(this.times)
    this.payloads = doubled(this.payloads)
    this.link = doubled(this.link)
  }
}
