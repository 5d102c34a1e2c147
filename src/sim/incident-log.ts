/**
 * The bounded incident log kept while a run goes on. Totals (metrics.ts) are always exact; only
 * the log is sampled, and deterministically (no randomness), so its size never changes the
 * simulation.
 */
import type { Incident } from './model'

/**
 * An incident log that keeps at most `limit` incidents spread evenly over the run: it keeps
 * every incident whose number is a multiple of the stride, and when full it drops every other
 * kept incident and doubles the stride. Memory is bounded by the limit, not by the run's size.
 */
export class IncidentLog {
  private readonly kept: Incident[] = []
  private stride = 1
  private total = 0

  /** @param limit the most incidents kept (0 keeps none, totals still count) */
  constructor(private readonly limit: number) {}

  /** Whether the incident with the next number will be kept (build it only then). */
  wantsNext(): boolean {
    return this.limit > 0 && this.total % this.stride === 0
  }

  /** Number the next incident gets. */
  get nextSeq(): number {
    return this.total
  }

  /** Counts an incident, keeping it when `incident` is given (call `wantsNext` first). */
  count(incident?: Incident): void {
    this.total++
    if (!incident) return
    this.kept.push(incident)
    if (this.kept.length > this.limit) {
      this.stride *= 2
      let w = 0
      for (const kept of this.kept) if (kept.seq % this.stride === 0) this.kept[w++] = kept
      this.kept.length = w
    }
  }

  /** Every exposure counted, kept or not. */
  get totalCount(): number {
    return this.total
  }

  /** The kept incidents, in time order. */
  incidents(): Incident[] {
    return [...this.kept]
  }
}
