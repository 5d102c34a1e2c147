/**
 * A result's identity: canonical JSON and a 64-bit hash of it. Pure; the same data gives the same
 * text and the same 16 hex digits in every JavaScript engine.
 */

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
