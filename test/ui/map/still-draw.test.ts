// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dotsOf } from '../../../src/ui/map/city-dots'
import type { FlowDrawList } from '../../../src/ui/map/draw-list'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import { SlicedStillDraw } from '../../../src/ui/map/still-draw'
import type { StillScene } from '../../../src/ui/map/still-draw'

// jsdom has no canvas: a context that counts the strokes and reads back it is asked for.
let calls: string[] = []
const counted = new Set(['stroke', 'fill', 'getImageData'])
const getContext = () =>
  new Proxy<Record<string | symbol, unknown>>(
    {},
    {
      get: (t, p) =>
        p in t ? t[p] : () => (typeof p === 'string' && counted.has(p) ? calls.push(p) : undefined),
      set: (t, p, v) => ((t[p] = v), true),
    },
  )

const frames: FrameRequestCallback[] = []
beforeEach(() => {
  calls = []
  frames.length = 0
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockImplementation(
    getContext as unknown as HTMLCanvasElement['getContext'],
  )
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
  vi.stubGlobal('cancelAnimationFrame', () => {})
})
afterEach(() => {
  vi.restoreAllMocks()
  vi.unstubAllGlobals()
})

const list: FlowDrawList = {
  arcs: [],
  crossBorderStart: 0,
  concernStart: 0,
  cities: dotsOf(
    Array.from({ length: 20 }, (_, i) => ({
      cityIndex: i,
      u: i / 20,
      v: 0.5,
      joins: 5,
      radiusPx: 3,
      isFaded: false,
    })),
  ),
}
const scene: StillScene = {
  view: { widthPx: 800, heightPx: 400, originX: 0, originY: 0, scale: 512 },
  list,
  palette: FALLBACK_PALETTES.dark,
  layers: { flows: true, cities: true },
  dpr: 1,
}

describe('SlicedStillDraw', () => {
  it('draws nothing in the task that asks for a picture, and all of a small one in the next frame', () => {
    const done: StillScene[] = []
    const draw = new SlicedStillDraw((_back, s) => (done.push(s), null))
    draw.start(scene)
    expect(calls).toEqual([])
    expect(done).toEqual([])
    expect(draw.isBusy).toBe(true)
    expect(frames).toHaveLength(1)
    frames.shift()?.(0)
    expect(calls.length).toBeGreaterThan(0)
    expect(done).toEqual([scene])
    expect(draw.isBusy).toBe(false)
  })

  it('never draws a picture cancelled before its frame', () => {
    const done: StillScene[] = []
    const draw = new SlicedStillDraw((_back, s) => (done.push(s), null))
    draw.start(scene)
    draw.cancel()
    frames.shift()?.(0)
    expect(calls).toEqual([])
    expect(done).toEqual([])
  })
})
