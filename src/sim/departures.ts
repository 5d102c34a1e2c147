/**
 * Meetings' departures: one event per (meeting, site) it occupies, carrying how many of the
 * meeting's participants leave that site when it ends. Only concurrent meetings are held, in a
 * calendar (departure-calendar.ts) that the engine drains up to each arrival, timeline event or
 * step end.
 *
 * Determinism: the calendar's layout depends only on the run's history, so a cut picks its events
 * by end time, then by an order fixed by that history.
 */
import { DepartureCalendar, SITE_BITS } from './departure-calendar'
import type { MeetingDraw } from './demand'

const SITE_MASK = (1 << SITE_BITS) - 1

/** Most sites a run can have: a departure packs its site index into {@link SITE_BITS} bits. */
export const MAX_SITES = SITE_MASK

/** The departures of the meetings in progress. */
export class Departures extends DepartureCalendar {
  constructor() {
    super(4096)
  }

  /**
   * Schedules the departures of `meeting` at its end: one per site among the first `size` of
   * `sites` (negative: not connected). `sites` is overwritten (it is the engine's scratch). The
   * end is read from the meeting: a double passed to a call that is not inlined is boxed.
   */
  addMeeting(meeting: MeetingDraw, sites: Int32Array, siteCount: number): void {
    const { size, endMinutes } = meeting
    if (size === 1) {
      const site = sites[0] as number
      if (site >= 0) this.push(endMinutes, (1 << SITE_BITS) | site)
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
      this.push(endMinutes, (count << SITE_BITS) | site)
    }
  }

  /**
   * Cuts up to `count` participants off `site` (outage or capacity cut): the meetings that end
   * last lose their participants first, and their departure events shrink to match, so occupancy
   * stays exact when the remaining meetings end. Returns how many were cut.
   */
  cut(site: number, count: number): number {
    if (count <= 0) return 0
    const events: { node: number; order: number; time: number; count: number }[] = []
    this.forEachEvent((node, time, payload) => {
      if ((payload & SITE_MASK) === site)
        events.push({ node, order: events.length, time, count: payload >>> SITE_BITS })
    })
    // Latest end first; the calendar's order depends only on the run's history, so ties broken
    // by it are deterministic too.
    events.sort((a, b) => b.time - a.time || a.order - b.order)
    let left = count
    for (const e of events) {
      if (left <= 0) break
      const cut = Math.min(left, e.count)
      this.setPayload(e.node, ((e.count - cut) << SITE_BITS) | site)
      left -= cut
    }
    return count - left
  }
}
