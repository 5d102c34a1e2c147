import { describe, expect, it } from 'vitest'
import type { Site, World } from '../../../src/sim/model'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import type { SiteItem } from '../../../src/ui/map/draw-list'
import type { CanvasView } from '../../../src/ui/map/flow-draw'
import { mercatorU, mercatorV } from '../../../src/ui/map/map-scales'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import {
  drawCountrySymbols,
  drawSites,
  siteAt,
  siteTooltipLines,
} from '../../../src/ui/map/mark-draw'

const item = (over: Partial<SiteItem> = {}): SiteItem => ({
  utilisation: 0.5,
  isDown: false,
  capacity: 40_000,
  radiusPx: 8,
  isFaded: false,
  isConcern: false,
  ...over,
})

const SCALE = 256 * 2 ** 3
const sites: Site[] = WORLD_2020.sites.slice(0, 2)
const a = { ...(sites[0] as Site), id: 'a', lat: 40, lon: 100 }
const b = { ...(sites[1] as Site), id: 'b', lat: 40.05, lon: 100.05 }
const world: World = { ...WORLD_2020, sites: [a, b] }

/** World pixels of (lat, lon) at SCALE, on world copy `copy`. */
const px = (lat: number, lon: number, copy = 0) => ({
  x: (mercatorU(lon) + copy) * SCALE,
  y: mercatorV(lat) * SCALE,
})

describe('the data-center marker under a point', () => {
  it('finds a marker within its radius and a little outline, and none beyond', () => {
    const only: World = { ...world, sites: [a] }
    const at = px(a.lat, a.lon)
    expect(siteAt(only, [item()], at.x, at.y, SCALE)).toEqual({ siteIndex: 0, lon: 100 })
    expect(siteAt(only, [item()], at.x + 9.5, at.y, SCALE)?.siteIndex).toBe(0)
    expect(siteAt(only, [item()], at.x, at.y - 10.5, SCALE)).toBeNull()
    expect(siteAt(only, [item({ radiusPx: 13 })], at.x, at.y - 10.5, SCALE)?.siteIndex).toBe(0)
  })

  it('finds it on every world copy, with the longitude of the copy', () => {
    for (const copy of [-1, 1]) {
      const at = px(a.lat, a.lon, copy)
      expect(siteAt({ ...world, sites: [a] }, [item()], at.x, at.y, SCALE)).toEqual({
        siteIndex: 0,
        lon: 100 + 360 * copy,
      })
    }
  })

  it('gives the one drawn last where markers overlap, and passes over a site not drawn', () => {
    const between = px((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
    expect(siteAt(world, [item(), item()], between.x, between.y, SCALE)?.siteIndex).toBe(1)
    expect(siteAt(world, [item()], between.x, between.y, SCALE)?.siteIndex).toBe(0)
  })
})

describe("a data center's tooltip", () => {
  it('marks utilisation as simulated and capacity as an assumption, and names a concern', () => {
    const site = { ...a, jurisdiction: 'CN', provenance: { kind: 'assumption' as const, note: '' } }
    expect(siteTooltipLines(site, item({ utilisation: 0.42, isConcern: true }))).toEqual([
      'Utilisation 42% (simulated)',
      'Capacity 40,000 participants (assumption)',
      'Position: assumption',
      'Jurisdiction of concern (CN)',
    ])
    expect(siteTooltipLines(site, item({ isDown: true }))[0]).toBe('Down')
  })
})

/** A context that keeps the circles it is given and the colour of each stroke and fill. */
function recordingContext() {
  const arcs: { x: number; y: number; r: number }[] = []
  const strokes: string[] = []
  const fills: string[] = []
  const ctx = new Proxy<Record<string | symbol, unknown>>(
    {},
    {
      get: (t, p) => {
        if (p === 'arc') return (x: number, y: number, r: number) => arcs.push({ x, y, r })
        if (p === 'stroke') return () => strokes.push(String(t.strokeStyle))
        if (p === 'fill') return () => fills.push(String(t.fillStyle))
        return p in t ? t[p] : () => {}
      },
      set: (t, p, v) => ((t[p] = v), true),
    },
  ) as unknown as CanvasRenderingContext2D
  return { ctx, arcs, strokes, fills }
}

// Three turns of the world wide, so every mark is drawn three times.
const view: CanvasView = {
  widthPx: 3 * SCALE,
  heightPx: SCALE,
  originX: -SCALE,
  originY: 0,
  scale: SCALE,
}
const palette = FALLBACK_PALETTES.dark

describe('drawing the marks', () => {
  it('draws each site on every world copy in view, a ring for concern, the selected in accent', () => {
    const { ctx, arcs, strokes } = recordingContext()
    drawSites(ctx, view, palette, world, [item({ isConcern: true }), item()], 'b')
    // a: ring and marker on three copies; b: marker on three copies.
    expect(arcs.length).toBe(9)
    expect(arcs.filter((c) => c.r === 12)).toHaveLength(3)
    const ax = arcs.filter((c) => c.r === 8 && Math.abs(c.y - px(a.lat, a.lon).y) < 1e-6)
    expect(
      ax.map((c) => Math.round(c.x - mercatorU(a.lon) * SCALE - SCALE) + 0).sort((p, q) => p - q),
    ).toEqual([-SCALE, 0, SCALE])
    expect(strokes.filter((s) => s === palette.exposed)).toHaveLength(3)
    expect(strokes.filter((s) => s === palette.accent)).toHaveLength(3)
  })

  it("draws each country's circle on every world copy in view, at its radius, in the exposure colour", () => {
    const { ctx, arcs, fills } = recordingContext()
    const symbols = [
      { country: 'CA', lat: 56, lon: -106, radiusPx: 20, keys: 172 },
      { country: 'US', lat: 39, lon: -98, radiusPx: 11, keys: 37 },
    ]
    drawCountrySymbols(ctx, view, palette, symbols)
    expect(arcs.map((c) => c.r).sort((p, q) => p - q)).toEqual([11, 11, 11, 20, 20, 20])
    expect(fills).toEqual(Array<string>(6).fill(palette.exposed))
    const ca = arcs.filter((c) => c.r === 20).map((c) => c.x - mercatorU(-106) * SCALE - SCALE)
    expect(ca.map((x) => Math.round(x) + 0).sort((p, q) => p - q)).toEqual([-SCALE, 0, SCALE])
  })
})
