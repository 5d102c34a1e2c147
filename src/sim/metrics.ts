/**
 * Bounded records kept while a run goes on. Totals are always exact; only the incident log is
 * sampled, and deterministically (no randomness), so its size never changes the simulation.
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

/** Canonical JSON: object keys sorted at every level, so equal data gives equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {}
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k]
      return sorted
    }
    return v
  })
}

/** A 64-bit hash of a string as 16 hex digits (two independent 32-bit FNV-1a / murmur mixes). */
export function hashText(text: string): string {
  let h1 = 0x811c9dc5
  let h2 = 0x9747b28c
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    h1 = Math.imul(h1 ^ c, 0x01000193)
    h2 = Math.imul(h2 ^ c, 0x5bd1e995)
    h2 ^= h2 >>> 15
  }
  h1 ^= h1 >>> 16
  h1 = Math.imul(h1, 0x85ebca6b)
  h1 ^= h1 >>> 13
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0xc2b2ae35)
  h2 ^= h2 >>> 16
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0')
}
