import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Topology } from 'topojson-specification'
import { describe, expect, it } from 'vitest'
import { ANTARCTICA_ID, ISO_NUMERIC_TO_ALPHA2, loadCountries } from '../../../src/ui/map/basemap'
import type { CountryPaint } from '../../../src/ui/map/country-style'
import type { CanvasView } from '../../../src/ui/map/flow-draw'
import { mercatorU, mercatorV } from '../../../src/ui/map/map-scales'
import { countryAt, drawBasemap, projectCountry } from '../../../src/ui/map/projected-basemap'
import type { ProjectedCountry } from '../../../src/ui/map/projected-basemap'

const topologyPath = fileURLToPath(
  new URL('../../../node_modules/world-atlas/countries-110m.json', import.meta.url),
)
const world: ProjectedCountry[] = loadCountries(
  JSON.parse(readFileSync(topologyPath, 'utf8')) as Topology,
)
  .features.filter((f) => f.id !== ANTARCTICA_ID)
  .map((f) =>
    projectCountry(
      ISO_NUMERIC_TO_ALPHA2[String(f.id ?? '')] ?? '',
      (f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates).flat(),
    ),
  )

const codeAt = (lat: number, lon: number, copy = 0): string | null =>
  countryAt(world, mercatorU(lon) + copy, mercatorV(lat))?.code ?? null

/** A square ring of [lon, lat] corners, closed. */
const square = (lon0: number, lat0: number, lon1: number, lat1: number): number[][] => [
  [lon0, lat0],
  [lon1, lat0],
  [lon1, lat1],
  [lon0, lat1],
  [lon0, lat0],
]

describe('the country under a point of the projected basemap', () => {
  it('finds the country a capital lies in, and none at sea', () => {
    expect(codeAt(48.86, 2.35)).toBe('FR')
    expect(codeAt(45.42, -75.7)).toBe('CA')
    expect(codeAt(39.9, 116.4)).toBe('CN')
    expect(codeAt(19.43, -99.13)).toBe('MX')
    expect(codeAt(30, -40)).toBeNull()
    expect(codeAt(-40, 90)).toBeNull()
  })

  it('finds it on every world copy, and across the antimeridian', () => {
    for (const copy of [-1, 0, 1]) {
      expect(codeAt(48.86, 2.35, copy)).toBe('FR')
      // Chukotka, east of 180°: Russia's outline is unwrapped across the antimeridian.
      expect(codeAt(66, -175, copy)).toBe('RU')
      expect(codeAt(66, 175, copy)).toBe('RU')
    }
  })

  it('leaves out a ring’s hole, and finds a country drawn inside it', () => {
    const outer = projectCountry('AA', [square(0, 0, 30, 30), square(10, 10, 20, 20)])
    expect(countryAt([outer], mercatorU(5), mercatorV(5))?.code).toBe('AA')
    expect(countryAt([outer], mercatorU(15), mercatorV(15))).toBeNull()
    const inner = projectCountry('BB', [square(12, 12, 18, 18)])
    expect(countryAt([outer, inner], mercatorU(15), mercatorV(15))?.code).toBe('BB')
    expect(countryAt([outer, inner], mercatorU(11), mercatorV(11))).toBeNull()
  })
})

/** The calls of a canvas context that drawBasemap makes, recorded. */
function recordingContext() {
  const moves: [number, number][] = []
  const fills: string[] = []
  const ctx = {
    lineJoin: '',
    fillStyle: '',
    strokeStyle: '',
    lineWidth: 0,
    globalAlpha: 1,
    beginPath() {},
    closePath() {},
    moveTo(x: number, y: number) {
      moves.push([x, y])
    },
    lineTo() {},
    fill() {
      fills.push(ctx.fillStyle)
    },
    stroke() {},
  }
  return { ctx: ctx as unknown as CanvasRenderingContext2D, moves, fills }
}

const paint = (fill: string): CountryPaint => ({
  stroke: '#000',
  strokeWidthPx: 0.6,
  fill,
  strokeOpacity: 1,
})

describe('drawing the projected basemap', () => {
  const view = (u0: number, u1: number, v0: number, v1: number): CanvasView => ({
    widthPx: (u1 - u0) * 256,
    heightPx: (v1 - v0) * 256,
    originX: u0 * 256,
    originY: v0 * 256,
    scale: 256,
  })
  // A square from 10°E to 40°E: u from 0.528 to 0.611.
  const country = projectCountry('AA', [square(10, 0, 40, 20)])

  it('draws a country once on each world copy in view, where that copy stands', () => {
    const { ctx, moves, fills } = recordingContext()
    drawBasemap(ctx, view(-0.7, 1.7, 0.3, 0.6), [country], () => paint('#123456'))
    expect(fills).toEqual(['#123456'])
    const xs = moves.map(([x]) => Math.round(x))
    const x0 = Math.round((mercatorU(10) + 0.7) * 256)
    expect(xs).toEqual([x0 - 256, x0, x0 + 256])
    expect(moves.every(([, y]) => Math.abs(y - (mercatorV(0) - 0.3) * 256) < 1e-9)).toBe(true)
  })

  it('draws nothing of a country outside the view, across or up and down', () => {
    const { ctx, moves, fills } = recordingContext()
    drawBasemap(ctx, view(0.2, 0.5, 0.3, 0.6), [country], () => paint('#123456'))
    drawBasemap(ctx, view(0.5, 0.7, 0.0, 0.2), [country], () => paint('#123456'))
    expect(moves).toEqual([])
    expect(fills).toEqual([])
  })

  it('paints each country as its code asks', () => {
    const { ctx, fills } = recordingContext()
    const other = projectCountry('BB', [square(20, 5, 30, 15)])
    const asked: string[] = []
    drawBasemap(ctx, view(0.5, 0.7, 0.3, 0.6), [country, other], (code) => {
      asked.push(code)
      return paint(code === 'AA' ? '#aaaaaa' : '#bbbbbb')
    })
    expect(asked).toEqual(['AA', 'BB'])
    expect(fills).toEqual(['#aaaaaa', '#bbbbbb'])
  })
})
