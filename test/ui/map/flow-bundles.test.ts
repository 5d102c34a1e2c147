import { afterEach, describe, expect, it, vi } from 'vitest'
import { arcsIn, tableOf } from '../../../src/ui/map/arc-table'
import { NO_CITY_DOTS } from '../../../src/ui/map/city-dots'
import type { ArcItem, StepDrawList } from '../../../src/ui/map/draw-list'
import { bundleInSlices } from '../../../src/ui/map/flow-bundler'
import {
  BUNDLE_CELL_PX,
  MAX_BUNDLES,
  MAX_SEPARATE_NORMAL_PATHS,
  ShownLists,
  bundleStatement,
} from '../../../src/ui/map/flow-bundles'
import type { ShownArc, ShownDrawList } from '../../../src/ui/map/flow-bundles'
import { arcGeometry } from '../../../src/ui/map/map-data'
import type { ArcKind } from '../../../src/ui/map/map-scales'

interface Place {
  readonly lat: number
  readonly lon: number
}

// A deterministic spread of places around a centre, so many paths overlap.
const placesAround = (centre: Place, n: number, spreadDeg: number): Place[] =>
  Array.from({ length: n }, (_, i) => ({
    lat: centre.lat + (((i * 37) % 101) / 101 - 0.5) * spreadDeg,
    lon: centre.lon + (((i * 59) % 103) / 103 - 0.5) * spreadDeg,
  }))

const sites = placesAround({ lat: 50, lon: 8 }, 40, 6)
const cities = placesAround({ lat: 40, lon: -90 }, 400, 30)

function arc(siteIndex: number, cityIndex: number, kind: ArcKind, isFaded = false): ArcItem {
  const exposures = kind === 'normal' ? 0 : 2
  return {
    siteIndex,
    cityIndex,
    deliveries: 1 + ((siteIndex + cityIndex) % 7),
    exposures,
    concern: kind === 'concern' ? 1 : 0,
    kind,
    geometry: arcGeometry(sites[siteIndex] as Place, cities[cityIndex] as Place),
    widthPx: 1,
    isFaded,
  }
}

function listOf(normalCount: number, fadedShare = 0): StepDrawList {
  const normal: ArcItem[] = []
  for (let i = 0; i < normalCount; i++)
    normal.push(
      arc(
        i % sites.length,
        Math.floor(i / sites.length) % cities.length,
        'normal',
        i < normalCount * fadedShare,
      ),
    )
  const crossBorder = Array.from({ length: 30 }, (_, i) => arc(i, i, 'crossBorder'))
  const concern = Array.from({ length: 1200 }, (_, i) => arc(i % 40, (i * 3) % 400, 'concern'))
  return {
    arcs: tableOf([...normal, ...crossBorder, ...concern]),
    crossBorderStart: normal.length,
    concernStart: normal.length + crossBorder.length,
    cities: NO_CITY_DOTS,
  }
}

/** The list as shown at `scale`, bundled at once: under a clock that stands still, the first slice finishes it. */
function bundleDrawList(list: StepDrawList, scale: number): ShownDrawList {
  const clock = vi.spyOn(performance, 'now').mockReturnValue(0)
  try {
    const { shown } = bundleInSlices(list, scale, () => {})
    if (!shown) throw new Error('the first slice did not finish the bundling')
    return shown
  } finally {
    clock.mockRestore()
  }
}

// Pixels per unit of the Web Mercator square at zoom 1.75 (the world at 1280 px) and zoom 8.
const WORLD_SCALE = 256 * 2 ** 1.75
const CLOSE_SCALE = 256 * 2 ** 8

describe('bundling a draw list', () => {
  it('leaves a preset-sized list as it is and says nothing', () => {
    const list = listOf(MAX_SEPARATE_NORMAL_PATHS)
    const shown = bundleDrawList(list, WORLD_SCALE)
    expect(shown.arcs).toEqual(arcsIn(list.arcs))
    expect(shown.bundles).toBe(0)
    expect(bundleStatement(shown)).toBe('')
  })

  it('bundles overlapping normal paths but never an exposure, and the counts add up', () => {
    const list = listOf(6000)
    const shown = bundleDrawList(list, WORLD_SCALE)
    expect(shown.bundles).toBeGreaterThan(0)
    expect(shown.crossBorderStart).toBeLessThanOrEqual(MAX_BUNDLES)
    // Every exposure is still drawn, one arc each, in its order, after the normal ones.
    expect(shown.arcs.slice(shown.crossBorderStart)).toEqual(
      arcsIn(list.arcs, list.crossBorderStart),
    )
    expect(shown.concernStart - shown.crossBorderStart).toBe(30)
    const normal: ShownArc[] = shown.arcs.slice(0, shown.crossBorderStart)
    expect(normal.every((a) => a.kind === 'normal' && a.exposures === 0)).toBe(true)
    const bundles = normal.filter((a) => a.bundle)
    expect(bundles).toHaveLength(shown.bundles)
    const inBundles = bundles.reduce((n, a) => n + (a.bundle?.paths ?? 0), 0)
    expect(inBundles).toBe(shown.bundledPaths)
    expect(inBundles + (normal.length - bundles.length)).toBe(6000)
    const delivered = (arcs: readonly ArcItem[]): number =>
      arcs.reduce((n, a) => n + a.deliveries, 0)
    expect(delivered(normal)).toBe(delivered(arcsIn(list.arcs, 0, list.crossBorderStart)))
    expect(bundles.every((a) => (a.bundle?.paths ?? 0) >= 2)).toBe(true)
  })

  it("counts a bundle's paths, keys, sites and cities, and names it after its busiest path", () => {
    // 2 sites and 3 cities a few hundred metres apart: every path between them in one bundle.
    const near = (centre: Place, n: number): Place[] =>
      Array.from({ length: n }, (_, i) => ({ lat: centre.lat + i * 0.003, lon: centre.lon }))
    const [from, to] = [near({ lat: 50, lon: 8 }, 2), near({ lat: 40, lon: -90 }, 3)]
    const count = MAX_SEPARATE_NORMAL_PATHS + 100
    const normal: ArcItem[] = Array.from({ length: count }, (_, i) => ({
      siteIndex: i % 2,
      cityIndex: i % 3,
      deliveries: i === 100 ? 50 : 1 + (i % 7),
      exposures: 0,
      concern: 0,
      kind: 'normal',
      geometry: arcGeometry(from[i % 2] as Place, to[i % 3] as Place),
      widthPx: 1,
      isFaded: false,
    }))
    const shown = bundleDrawList(
      { arcs: tableOf(normal), crossBorderStart: count, concernStart: count, cities: NO_CITY_DOTS },
      WORLD_SCALE,
    )
    expect(shown.bundles).toBe(1)
    const [bundle] = shown.arcs
    expect(bundle?.bundle).toEqual({ paths: count, sites: 2, cities: 3 })
    expect(bundle?.deliveries).toBe(normal.reduce((sum, a) => sum + a.deliveries, 0))
    expect([bundle?.siteIndex, bundle?.cityIndex]).toEqual([100 % 2, 100 % 3])
  })

  it('separates more paths the further the map is zoomed in', () => {
    const list = listOf(6000)
    const world = bundleDrawList(list, WORLD_SCALE)
    const close = bundleDrawList(list, CLOSE_SCALE)
    expect(close.bundledPaths).toBeLessThan(world.bundledPaths)
    expect(close.arcs.length).toBeGreaterThan(world.arcs.length)
  })

  it('puts paths in one bundle exactly when both their ends share cells and their fading', () => {
    const list = listOf(6000, 0.3)
    // Zoomed in far enough that the first cell size keeps every cell, as the reference does.
    for (const scale of [256 * 2 ** 5, CLOSE_SCALE]) {
      const cell = BUNDLE_CELL_PX / scale
      const side = Math.ceil(1 / cell) + 1
      const at = (x: number): number => Math.min(side - 1, Math.max(0, Math.floor(x / cell)))
      const wrap = (u: number): number => u - Math.floor(u)
      const groups = new Map<string, number>()
      for (const a of arcsIn(list.arcs, 0, list.crossBorderStart)) {
        const { u0, v0, u1, v1 } = a.geometry
        const key = [at(wrap(u0)), at(v0), at(wrap(u1)), at(v1), a.isFaded].join()
        groups.set(key, (groups.get(key) ?? 0) + 1)
      }
      const shown = bundleDrawList(list, scale)
      const normal: ShownArc[] = shown.arcs.slice(0, shown.crossBorderStart)
      expect(normal).toHaveLength(groups.size)
      const sizes = (ns: number[]): number[] => ns.filter((n) => n > 1).sort((a, b) => a - b)
      expect(sizes(normal.map((a) => a.bundle?.paths ?? 1))).toEqual(sizes([...groups.values()]))
    }
  })

  it('keeps faded and emphasised paths in separate bundles', () => {
    const list = listOf(6000, 0.5)
    const shown = bundleDrawList(list, WORLD_SCALE)
    const normal: ShownArc[] = shown.arcs.slice(0, shown.crossBorderStart)
    const faded = (arcs: readonly ArcItem[]): number => arcs.filter((a) => a.isFaded).length
    const fadedPaths = normal
      .filter((a) => a.isFaded)
      .reduce((n, a) => n + (a.bundle?.paths ?? 1), 0)
    expect(fadedPaths).toBe(faded(arcsIn(list.arcs, 0, list.crossBorderStart)))
    // Faded first, so emphasised bundles are drawn over them.
    const firstShown = normal.findIndex((a) => !a.isFaded)
    expect(normal.slice(firstShown).every((a) => !a.isFaded)).toBe(true)
  })
})

// What a shown list draws, arc by arc: comparable across two bundlings of one list.
const drawn = (shown: ShownDrawList | null | undefined) =>
  shown && {
    ...shown,
    arcs: shown.arcs.map((a: ShownArc) => {
      const { u0, v0, u1, v1 } = a.geometry
      return [
        a.siteIndex,
        a.cityIndex,
        a.deliveries,
        a.widthPx,
        a.isFaded,
        a.bundle,
        u0,
        v0,
        u1,
        v1,
      ]
    }),
  }

describe('bundling in slices', () => {
  // A clock that moves 3 ms each time it is read, so no slice holds more than a few steps.
  const slowClock = (): void => {
    let now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 3))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
  }
  afterEach(() => {
    vi.useRealTimers()
    vi.restoreAllMocks()
  })

  it('gives the list one slice gives, in a task after the last slice, or at once when the first slice finishes it', async () => {
    // Two lists alike, so the ends kept per list are not there for the other.
    const list = listOf(9000, 0.3)
    const expected = drawn(bundleDrawList(listOf(9000, 0.3), WORLD_SCALE))
    const small = listOf(MAX_SEPARATE_NORMAL_PATHS + 10)
    const smallShown = drawn(bundleDrawList(small, WORLD_SCALE))
    // A clock that moves 1 ms a read, not the machine's: a small list's few steps fit one slice.
    let now = 0
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 1))
    expect(drawn(bundleInSlices(small, WORLD_SCALE, () => {}).shown)).toEqual(smallShown)
    clock.mockRestore()
    slowClock()
    const onDone = vi.fn<(shown: ShownDrawList) => void>()
    const started = bundleInSlices(list, WORLD_SCALE, onDone)
    expect(started.shown).toBeNull()
    await vi.advanceTimersToNextTimerAsync()
    expect(onDone).not.toHaveBeenCalled()
    await vi.runAllTimersAsync()
    expect(onDone).toHaveBeenCalledTimes(1)
    expect(drawn(onDone.mock.calls[0]?.[0])).toEqual(expected)
  })

  it('yields while it makes the arcs of thousands of cells, zoomed in', async () => {
    const list = listOf(9000)
    const expected = bundleDrawList(listOf(9000), CLOSE_SCALE)
    // Zoomed in, most paths are cells of their own: thousands of arcs to make.
    expect(expected.crossBorderStart).toBeGreaterThan(6 * 1024)
    // A clock that moves 10 ms a read: each slice runs one step of the bundling.
    let now = 0
    vi.spyOn(performance, 'now').mockImplementation(() => (now += 10))
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] })
    const onDone = vi.fn<(shown: ShownDrawList) => void>()
    bundleInSlices(list, CLOSE_SCALE, onDone)
    let tasks = 0
    while (onDone.mock.calls.length === 0 && tasks < 1_000) {
      await vi.advanceTimersToNextTimerAsync()
      tasks++
    }
    expect(drawn(onDone.mock.calls[0]?.[0])).toEqual(drawn(expected))
    // One step a slice: a step for each 1,024 cells made, besides the ends' and the cells'.
    expect(tasks).toBeGreaterThan(expected.crossBorderStart / 1024 + 4)
  })

  it('stops when told: the list is never given', async () => {
    slowClock()
    const onDone = vi.fn()
    const started = bundleInSlices(listOf(9000), CLOSE_SCALE, onDone)
    await vi.advanceTimersToNextTimerAsync()
    started.stop()
    await vi.runAllTimersAsync()
    expect(onDone).not.toHaveBeenCalled()
  })

  it("keeps a layer's lists per zoom, and a new list stops the bundling of the one before", async () => {
    const [a, b] = [listOf(9000), listOf(7000, 0.5)]
    // Of a list like b, so b's ends are not kept before the layer bundles it.
    const expected = drawn(bundleDrawList(listOf(7000, 0.5), WORLD_SCALE))
    slowClock()
    const waitFor = async (ready: ReturnType<typeof vi.fn>): Promise<void> => {
      for (let i = 0; i < 200 && ready.mock.calls.length === 0; i++)
        await vi.advanceTimersByTimeAsync(10)
    }
    // The first list a page bundles loads the bundler first.
    const first = vi.fn()
    expect(new ShownLists(first).at(listOf(5000), WORLD_SCALE)).toBeNull()
    await waitFor(first)
    expect(first).toHaveBeenCalledTimes(1)
    const onReady = vi.fn()
    const lists = new ShownLists(onReady)
    expect(lists.at(a, WORLD_SCALE)).toBeNull()
    await vi.advanceTimersToNextTimerAsync()
    expect(lists.at(b, WORLD_SCALE)).toBeNull()
    await waitFor(onReady)
    expect(onReady).toHaveBeenCalledTimes(1)
    const shown = lists.at(b, WORLD_SCALE)
    expect(drawn(shown)).toEqual(expected)
    expect(lists.kept(WORLD_SCALE)).toBe(shown)
    expect(lists.kept(CLOSE_SCALE)).toBeUndefined()
    // A small list needs no bundling and is shown at once.
    const small = listOf(100)
    expect(lists.at(small, CLOSE_SCALE)?.arcs).toEqual(arcsIn(small.arcs))
    await vi.runAllTimersAsync()
    expect(onReady).toHaveBeenCalledTimes(1)
  })
})

describe('bundleStatement', () => {
  it('says how many normal paths are shown as how many bundles, and that exposures are not', () => {
    expect(bundleStatement({ bundledPaths: 1240, bundles: 86 })).toBe(
      '1,240 normal paths shown as 86 bundles at this zoom (zoom in to separate them); every exposed path is drawn on its own.',
    )
    expect(bundleStatement({ bundledPaths: 2, bundles: 1 })).toMatch(
      /^2 normal paths shown as 1 bundle /,
    )
    expect(bundleStatement({ bundledPaths: 0, bundles: 0 })).toBe('')
  })
})
