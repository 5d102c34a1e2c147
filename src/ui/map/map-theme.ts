/**
 * The map's colours, read from the app's CSS custom properties (app.css) so a theme change
 * restyles canvas and SVG alike; the fallbacks keep the map readable when a property is missing.
 */

/** Colours the map draws with, as CSS colour strings. */
export interface MapPalette {
  readonly bg: string
  readonly fg: string
  readonly ocean: string
  readonly land: string
  readonly landStroke: string
  readonly exposed: string
  /** Keys that only crossed a border (not from a jurisdiction of concern). */
  readonly crossBorder: string
  readonly normalPath: string
  readonly accent: string
}

/** Fallbacks per theme: contrast checked against the matching ocean colour. */
export const FALLBACK_PALETTES: Readonly<Record<'dark' | 'light', MapPalette>> = {
  dark: {
    bg: '#0f1419',
    fg: '#e6edf3',
    ocean: '#0d2233',
    land: '#26313c',
    landStroke: '#4a5968',
    exposed: '#ff4f7b',
    crossBorder: '#d98cb8',
    normalPath: '#9fb3c8',
    accent: '#58a6ff',
  },
  light: {
    bg: '#ffffff',
    fg: '#1b1f24',
    ocean: '#cfe3f0',
    land: '#f4f1ea',
    landStroke: '#9aa5b1',
    exposed: '#c2185b',
    crossBorder: '#a5527f',
    normalPath: '#4d6275',
    accent: '#0b62d6',
  },
}

const VARIABLES: Readonly<Record<keyof MapPalette, string>> = {
  bg: '--kr-bg',
  fg: '--kr-fg',
  ocean: '--kr-ocean',
  land: '--kr-land',
  landStroke: '--kr-land-stroke',
  exposed: '--kr-exposed',
  crossBorder: '--kr-cross-border',
  normalPath: '--kr-normal-path',
  accent: '--kr-accent',
}

/** The CSS custom property of a palette colour, as `var(--kr-…)`, for SVG drawn in the page. */
export function paletteVar(key: keyof MapPalette): string {
  return `var(${VARIABLES[key]})`
}

/** The palette in force on `element` (custom properties inherit), with per-theme fallbacks. */
export function readPalette(element: Element | null, theme: 'dark' | 'light'): MapPalette {
  const fallback = FALLBACK_PALETTES[theme]
  if (!element || typeof getComputedStyle !== 'function') return fallback
  const style = getComputedStyle(element)
  const read = (key: keyof MapPalette): string =>
    style.getPropertyValue(VARIABLES[key]).trim() || fallback[key]
  return {
    bg: read('bg'),
    fg: read('fg'),
    ocean: read('ocean'),
    land: read('land'),
    landStroke: read('landStroke'),
    exposed: read('exposed'),
    crossBorder: read('crossBorder'),
    normalPath: read('normalPath'),
    accent: read('accent'),
  }
}

/** Whether two palettes are the same colours (avoids redraws when a re-read changes nothing). */
export function samePalette(a: MapPalette, b: MapPalette): boolean {
  return (Object.keys(VARIABLES) as (keyof MapPalette)[]).every((k) => a[k] === b[k])
}

const parseHex = (colour: string): [number, number, number] | null => {
  const m = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(colour.trim())
  if (!m?.[1]) return null
  const h = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1]
  return [0, 2, 4].map((i) => parseInt(h.slice(i, i + 2), 16)) as [number, number, number]
}

/**
 * `share` of `colour` over `base`, as an opaque `#rrggbb` (a tint that keeps the land looking
 * like land); `colour` itself when either is not a hex colour.
 */
export function tint(base: string, colour: string, share: number): string {
  const a = parseHex(base)
  const b = parseHex(colour)
  if (!a || !b) return colour
  return `#${a
    .map((x, i) =>
      Math.round(x + ((b[i] ?? x) - x) * share)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`
}
