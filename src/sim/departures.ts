/**
 * Meetings' departures: one event per (meeting, site) it occupies, carrying how many of the
 * meeting's participants leave that site when it ends. Only concurrent meetings are held.
 *
 * Determinism: the heap's layout depends only on the run's history, so events at equal times come
 * out in a fixed order (departure-heap.ts), and a cut picks its events by end time, then by heap
 * position.
 */
import { DepartureHeap } from './departure-heap'

const SITE_BITS = 10
const SITE_MASK = (1 << SITE_BITS) - 1

/** Most sites a run can have: a departure packs its site index into {@link SITE_BITS} bits. */
export const MAX_SITES = SITE_MASK

/** The departures of the meetings in progress. */
export class Departures {
  private readonly queue = new DepartureHeap(4096)

  /** Time of the next departure (Infinity when none). */
  peekTime(): number {
    return this.queue.peekTime()
  }

  /** Takes the next departure off `occupancy` (participants per site index). */
  popInto(occupancy: Float64Array): void {
    const payload = this.queue.pop()
    const site = payload & SITE_MASK
    occupancy[site] = (occupancy[site] as number) - (payload >>> SITE_BITS)
  }

  /**
   * Schedules a meeting's departures at `endMinutes`: one per site among the first `size` of
   * `sites` (negative: not connected). `sites` is overwritten (it is the engine's scratch).
   */
  addMeeting(endMinutes: number, sites: Int32Array, size: number, siteCount: number): void {
    if (size === 1) {
      const site = sites[0] as number
      if (site >= 0) this.queue.push(endMinutes, (1 << SITE_BITS) | site)
      return
    }
    for (let p = 0; p < size; p++) {
      const site = sites[p] as number
      if (site < 0) continue
      let count = 0
      for (let q = p; q < size; q++) {
        if (sites[q] === site) {
          count++
          if (q > p) sites[q] = -1 - siteCount // mark as handled
        }
      }
      this.queue.push(endMinutes, (count << SITE_BITS) | site)
    }
  }

  /**
   * Cuts up to `count` participants off `site` (outage or capacity cut): the meetings that end
   * last lose their participants first, and their departure events shrink to match, so occupancy
   * stays exact when the remaining meetings end. Returns how many were cut.
   */
  cut(site: number, count: number): number {
    if (count <= 0) return 0
    const events: { index: number; time: number; count: number }[] = []
    this.queue.forEachEvent((index, time, payload) => {
      if ((payload & SITE_MASK) === site) events.push({ index, time, count: payload >>> SITE_BITS })
    })
    // Latest end first; the heap's layout depends only on the run's history, so ties broken by
    // position are deterministic too.
    events.sort((a, b) => b.time - a.time || a.index - b.index)
    let left = count
    for (const e of events) {
      if (left <= 0) break
      const cut = Math.min(left, e.count)
      this.queue.setPayload(e.index, ((e.count - cut) << SITE_BITS) | site)
      left -= cut
    }
    return count - left
  }
}
