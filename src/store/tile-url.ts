/**
 * The optional online basemap's address. Leaflet fills in {s} {z} {x} {y} {r} and throws on
 * any other placeholder while drawing, so an address is checked here before the map sees it.
 */

/** The placeholders Leaflet's tile layer fills in. */
export const TILE_PLACEHOLDERS = ['s', 'z', 'x', 'y', 'r'] as const

/** Placeholders an address must hold to name one tile. */
const REQUIRED: readonly string[] = ['z', 'x', 'y']

// Leaflet's own template pattern (L.Util.template), so what it would fill in is what is checked.
const PLACEHOLDER = /\{ *([\w_ -]+) *\}/g

/** Why a tile URL template cannot be used, or null when it can (an empty one switches tiles off). */
export function tileUrlProblem(url: string): string | null {
  const trimmed = url.trim()
  if (trimmed === '') return null
  if (!/^https:\/\/[^\s/]+\//i.test(trimmed)) return 'it must start with https:// and a host name'
  const found = [...trimmed.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '')
  const unknown = found.find((name) => !(TILE_PLACEHOLDERS as readonly string[]).includes(name))
  if (unknown !== undefined)
    return `{${unknown}} is not a placeholder keyroute can fill in (use ${TILE_PLACEHOLDERS.map((p) => `{${p}}`).join(' ')})`
  const rest = trimmed.replace(PLACEHOLDER, '')
  if (/[{}]/.test(rest)) return 'it has a { or } that does not belong to a placeholder such as {z}'
  if (/\s/.test(rest)) return 'it must not contain spaces'
  const missing = REQUIRED.find((name) => !found.includes(name))
  if (missing !== undefined) return `it must contain {${missing}}`
  return null
}

/** A usable address as the map gets it: trimmed, the scheme in lower case (HTTPS:// works too). */
export function normaliseTileUrl(url: string): string {
  return url.trim().replace(/^https:\/\//i, 'https://')
}
