import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import type { Position } from 'geojson'
import type { Topology } from 'topojson-specification'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { CountryCollection } from '../../../src/ui/map/basemap'
import {
  fixAntimeridianRing,
  fetchCountries,
  ISO_NUMERIC_TO_ALPHA2,
  loadCountries,
} from '../../../src/ui/map/basemap'

const topologyPath = fileURLToPath(
  new URL('../../../node_modules/world-atlas/countries-110m.json', import.meta.url),
)
const topology = JSON.parse(readFileSync(topologyPath, 'utf8')) as Topology
const countries: CountryCollection = loadCountries(topology)

const ringsOf = (collection: CountryCollection): { name: string; ring: Position[] }[] =>
  collection.features.flatMap((f) => {
    const polygons =
      f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates
    return polygons.flat().map((ring) => ({ name: f.properties.name, ring }))
  })

const maxJump = (ring: Position[]): number => {
  let max = 0
  for (let i = 1; i < ring.length; i++) {
    max = Math.max(max, Math.abs((ring[i]?.[0] ?? 0) - (ring[i - 1]?.[0] ?? 0)))
  }
  return max
}

const byName = (name: string) => countries.features.find((f) => f.properties.name === name)

describe('basemap', () => {
  it('leaves no ring with a longitude jump over 180 degrees', () => {
    const bad = ringsOf(countries)
      .filter(({ ring }) => maxJump(ring) > 180)
      .map(({ name }) => name)
    expect(bad).toEqual([])
  })

  it('keeps every ring closed', () => {
    for (const { ring } of ringsOf(countries)) {
      expect(ring[ring.length - 1]).toEqual(ring[0])
    }
  })

  it('keeps all 177 features with their ids and names, Russia, Fiji and Antarctica included', () => {
    expect(countries.features).toHaveLength(177)
    expect(byName('Russia')?.id).toBe('643')
    expect(byName('Fiji')?.id).toBe('242')
    expect(byName('Antarctica')?.id).toBe('010')
  })

  it('closes the Antarctic ring along the bottom edge of the map', () => {
    const antarctica = byName('Antarctica')
    if (antarctica?.geometry.type !== 'MultiPolygon') throw new Error('expected a MultiPolygon')
    const lats = antarctica.geometry.coordinates.flat(2).map((p) => p[1] ?? 0)
    expect(Math.min(...lats)).toBeLessThanOrEqual(-85)
    const lons = antarctica.geometry.coordinates.flat(2).map((p) => p[0] ?? 0)
    expect(Math.min(...lons)).toBeCloseTo(-180, 6)
    expect(Math.max(...lons)).toBeCloseTo(180, 6)
  })

  it('keeps the unwrapped Fiji piece next to the rest of Fiji', () => {
    const fiji = byName('Fiji')
    if (fiji === undefined) throw new Error('Fiji missing')
    for (const { ring } of ringsOf({ ...countries, features: [fiji] })) {
      for (const p of ring) expect(p[0]).toBeGreaterThan(177)
    }
  })

  it('unwraps an even-jump ring and caps an odd-jump ring at the nearer pole', () => {
    const even = fixAntimeridianRing([
      [178, 0],
      [-179, 0],
      [-179, 1],
      [178, 1],
      [178, 0],
    ])
    expect(even).toEqual([
      [178, 0],
      [181, 0],
      [181, 1],
      [178, 1],
      [178, 0],
    ])
    const odd = fixAntimeridianRing([
      [-180, 80],
      [0, 80],
      [180, 80],
      [-180, 80],
    ])
    expect(maxJump(odd)).toBeLessThanOrEqual(180)
    expect(odd.some((p) => p[1] === 85)).toBe(true)
    expect(odd[odd.length - 1]).toEqual(odd[0])
  })

  it('maps every feature id to an alpha-2 code, 840 to US and 156 to CN', () => {
    expect(ISO_NUMERIC_TO_ALPHA2['840']).toBe('US')
    expect(ISO_NUMERIC_TO_ALPHA2['156']).toBe('CN')
    expect(ISO_NUMERIC_TO_ALPHA2['036']).toBe('AU')
    const missing = countries.features
      .filter((f) => f.id !== undefined && ISO_NUMERIC_TO_ALPHA2[String(f.id)] === undefined)
      .map((f) => f.properties.name)
    expect(missing).toEqual([])
  })

  it('has distinct alpha-2 codes', () => {
    const codes = Object.values(ISO_NUMERIC_TO_ALPHA2)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^[A-Z]{2}$/)
  })

  describe('fetchCountries', () => {
    afterEach(() => vi.unstubAllGlobals())

    it('loads the bundled topology by URL and leaves Antarctica out of the map', async () => {
      const text = readFileSync(topologyPath, 'utf8')
      const requested: string[] = []
      vi.stubGlobal('fetch', (url: string) => {
        requested.push(url)
        return Promise.resolve(new Response(text))
      })
      const countries = await fetchCountries('/assets/countries.json')
      expect(requested).toEqual(['/assets/countries.json'])
      expect(countries.features).toHaveLength(176)
      expect(countries.features.some((f) => f.properties.name === 'Antarctica')).toBe(false)
      expect(countries.features.some((f) => f.properties.name === 'Fiji')).toBe(true)
    })

    it('says which URL failed when the server answers with an error', async () => {
      vi.stubGlobal('fetch', () => Promise.resolve(new Response('nope', { status: 404 })))
      await expect(fetchCountries('/missing.json')).rejects.toThrow(/\/missing.json: HTTP 404/)
    })
  })
})
