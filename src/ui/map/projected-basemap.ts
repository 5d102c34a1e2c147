/**
 * The offline country basemap on canvas, for the map and for exported pictures alike: loaded once
 * from the local topology, projected once to Web Mercator (rings as u,v pairs in typed arrays),
 * then filled and outlined with the country paint (country-style.ts) on every world copy in view.
 * Nothing is projected again when the view changes: a view only scales and shifts the numbers.
 */
import { ISO_NUMERIC_TO_ALPHA2, countriesUrl, fetchCountries } from './basemap'
import type { CountryPaint } from './country-style'
import { countryAnchorsOf } from './country-symbols'
import type { CanvasView } from './flow-draw'
import { mercatorU, mercatorV } from './map-scales'

/** One country, projected: rings as u,v pairs on the unit Mercator square, and their extent. */
export interface ProjectedCountry {
  /** ISO alpha-2, '' for an area without one. */
  readonly code: string
  readonly rings: readonly Float64Array[]
  readonly minU: number
  readonly maxU: number
  readonly minV: number
  readonly maxV: number
}

/** The basemap ready to draw: projected countries, and where each country's circle stands. */
export interface SceneBasemap {
  readonly countries: readonly ProjectedCountry[]
  readonly anchors: ReadonlyMap<string, { readonly lat: number; readonly lon: number }>
}

let loading: Promise<SceneBasemap> | null = null
let loaded: SceneBasemap | null = null

/** Projects one country's rings ([lon, lat] degrees) onto the unit Mercator square. */
export function projectCountry(
  code: string,
  rings: readonly (readonly number[][])[],
): ProjectedCountry {
  let minU = Infinity
  let maxU = -Infinity
  let minV = Infinity
  let maxV = -Infinity
  const projected = rings.map((ring) => {
    const out = new Float64Array(ring.length * 2)
    ring.forEach(([lon = 0, lat = 0], i) => {
      const u = mercatorU(lon)
      const v = mercatorV(lat)
      out[2 * i] = u
      out[2 * i + 1] = v
      minU = Math.min(minU, u)
      maxU = Math.max(maxU, u)
      minV = Math.min(minV, v)
      maxV = Math.max(maxV, v)
    })
    return out
  })
  return { code, rings: projected, minU, maxU, minV, maxV }
}

/** Loads and projects the basemap once; later calls share the first load. */
export function loadSceneBasemap(): Promise<SceneBasemap> {
  loading ??= fetchCountries(countriesUrl).then((collection) => {
    const countries = collection.features.map((f) =>
      projectCountry(
        ISO_NUMERIC_TO_ALPHA2[String(f.id ?? '')] ?? '',
        (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(),
      ),
    )
    loaded = { countries, anchors: countryAnchorsOf(collection) }
    return loaded
  })
  loading.catch(() => {
    loading = null
  })
  return loading
}

/** Forgets the load, so the next call loads again: for tests of a page that loads it anew. */
export function forgetSceneBasemap(): void {
  loading = null
  loaded = null
}

/** The projected basemap, or null before {@link loadSceneBasemap} has finished. */
export function sceneBasemap(): SceneBasemap | null {
  return loaded
}

/** Fills and outlines every country on each world copy in view, painted by `paintOf`. */
export function drawBasemap(
  ctx: CanvasRenderingContext2D,
  view: CanvasView,
  countries: readonly ProjectedCountry[],
  paintOf: (code: string) => CountryPaint,
): void {
  const { scale, originX, originY } = view
  const left = originX / scale
  const right = (originX + view.widthPx) / scale
  const top = originY / scale
  const bottom = (originY + view.heightPx) / scale
  ctx.lineJoin = 'round'
  for (const c of countries) {
    if (c.maxV < top || c.minV > bottom) continue
    let isBegun = false
    for (let k = Math.floor(left - c.maxU); k <= Math.ceil(right - c.minU); k++) {
      if (c.maxU + k < left || c.minU + k > right) continue
      if (!isBegun) ctx.beginPath()
      isBegun = true
      const ox = originX - k * scale
      for (const ring of c.rings) {
        ctx.moveTo((ring[0] ?? 0) * scale - ox, (ring[1] ?? 0) * scale - originY)
        for (let i = 2; i < ring.length; i += 2)
          ctx.lineTo((ring[i] ?? 0) * scale - ox, (ring[i + 1] ?? 0) * scale - originY)
        ctx.closePath()
      }
    }
    if (!isBegun) continue
    const paint = paintOf(c.code)
    ctx.fillStyle = paint.fill
    ctx.fill('evenodd')
    ctx.globalAlpha = paint.strokeOpacity
    ctx.strokeStyle = paint.stroke
    ctx.lineWidth = paint.strokeWidthPx
    ctx.stroke()
    ctx.globalAlpha = 1
  }
}

/** Whether (u, v) lies inside the rings, by the even-odd rule the drawing fills with. */
function isInside(rings: readonly Float64Array[], u: number, v: number): boolean {
  let inside = false
  for (const ring of rings) {
    const n = ring.length / 2
    for (let i = 0, j = n - 1; i < n; j = i++) {
      const ui = ring[2 * i] ?? 0
      const vi = ring[2 * i + 1] ?? 0
      const uj = ring[2 * j] ?? 0
      const vj = ring[2 * j + 1] ?? 0
      if (vi > v !== vj > v && u < ((uj - ui) * (v - vi)) / (vj - vi) + ui) inside = !inside
    }
  }
  return inside
}

/**
 * The country drawn at (u, v) on the unit Mercator square, on any world copy (u may lie outside
 * 0..1), or null over the sea. Where outlines overlap, the one drawn last (on top) is found.
 */
export function countryAt(
  countries: readonly ProjectedCountry[],
  u: number,
  v: number,
): ProjectedCountry | null {
  for (let i = countries.length - 1; i >= 0; i--) {
    const c = countries[i]
    if (!c || v < c.minV || v > c.maxV) continue
    const k = Math.ceil(c.minU - u)
    // The world copies of u that fall in the country's span of longitudes.
    for (let uk = u + k; uk <= c.maxU; uk += 1) if (isInside(c.rings, uk, v)) return c
  }
  return null
}
