/**
 * The offline country basemap for exported pictures: loaded once from the same local topology the
 * map fetches, projected once to Web Mercator, then filled and outlined per frame with the
 * on-screen map's paint (country-style.ts) on every world copy in view.
 */
import { ISO_NUMERIC_TO_ALPHA2, countriesUrl, fetchCountries } from '../map/basemap'
import type { CountryPaint } from '../map/country-style'
import { countryAnchorsOf } from '../map/country-symbols'
import type { CanvasView } from '../map/flow-draw'
import { mercatorU, mercatorV } from '../map/map-scales'

/** One country, projected: rings as u,v pairs on the unit Mercator square. */
export interface ProjectedCountry {
  /** ISO alpha-2, '' for an area without one. */
  readonly code: string
  readonly rings: readonly Float64Array[]
  readonly minU: number
  readonly maxU: number
}

/** The basemap ready to draw: projected countries, and where each country's circle stands. */
export interface SceneBasemap {
  readonly countries: readonly ProjectedCountry[]
  readonly anchors: ReadonlyMap<string, { readonly lat: number; readonly lon: number }>
}

let loading: Promise<SceneBasemap> | null = null
let loaded: SceneBasemap | null = null

/** Loads and projects the basemap once; later calls share the first load. */
export function loadSceneBasemap(): Promise<SceneBasemap> {
  loading ??= fetchCountries(countriesUrl).then((collection) => {
    const countries = collection.features.map((f) => {
      const polygons =
        f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
      let minU = Infinity
      let maxU = -Infinity
      const rings = polygons.flat().map((ring) => {
        const out = new Float64Array(ring.length * 2)
        ring.forEach(([lon = 0, lat = 0], i) => {
          const u = mercatorU(lon)
          out[2 * i] = u
          out[2 * i + 1] = mercatorV(lat)
          minU = Math.min(minU, u)
          maxU = Math.max(maxU, u)
        })
        return out
      })
      return { code: ISO_NUMERIC_TO_ALPHA2[String(f.id ?? '')] ?? '', rings, minU, maxU }
    })
    loaded = { countries, anchors: countryAnchorsOf(collection) }
    return loaded
  })
  loading.catch(() => {
    loading = null
  })
  return loading
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
  ctx.lineJoin = 'round'
  for (const c of countries) {
    const paint = paintOf(c.code)
    ctx.beginPath()
    for (let k = Math.floor(left - c.maxU); k <= Math.ceil(right - c.minU); k++) {
      if (c.maxU + k < left || c.minU + k > right) continue
      const ox = originX - k * scale
      for (const ring of c.rings) {
        ctx.moveTo((ring[0] ?? 0) * scale - ox, (ring[1] ?? 0) * scale - originY)
        for (let i = 2; i < ring.length; i += 2)
          ctx.lineTo((ring[i] ?? 0) * scale - ox, (ring[i + 1] ?? 0) * scale - originY)
        ctx.closePath()
      }
    }
    ctx.fillStyle = paint.fill
    ctx.fill('evenodd')
    ctx.globalAlpha = paint.strokeOpacity
    ctx.strokeStyle = paint.stroke
    ctx.lineWidth = paint.strokeWidthPx
    ctx.stroke()
    ctx.globalAlpha = 1
  }
}
