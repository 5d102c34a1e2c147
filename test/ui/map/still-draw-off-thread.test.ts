import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dotsOf } from '../../../src/ui/map/city-dots'
import type { FlowDrawList } from '../../../src/ui/map/draw-list'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import type { StillScene } from '../../../src/ui/map/still-draw'
import {
  OFF_THREAD_MIN_MARKS,
  StillPainter,
  isLargeList,
} from '../../../src/ui/map/still-draw-off-thread'

const marks = (n: number) => Array.from({ length: n }, () => ({}))
const list = (arcs: number, cities: number) =>
  ({ arcs: marks(arcs), cities: marks(cities) }) as unknown as Parameters<typeof isLargeList>[0]

describe('where a still picture is drawn', () => {
  it('draws a preset-sized list on the page and a list of thousands of arcs in the worker', () => {
    expect(isLargeList(list(1_800, 300))).toBe(false)
    expect(isLargeList(list(OFF_THREAD_MIN_MARKS, 0))).toBe(true)
  })

  it('counts city dots as marks, so a large world before its first key path is drawn off the page', () => {
    expect(isLargeList(list(0, 5_000))).toBe(true)
    expect(isLargeList(list(OFF_THREAD_MIN_MARKS - 300, 300))).toBe(true)
  })

  it('draws a list whose paths were bundled in the worker, however few marks it has left', () => {
    expect(isLargeList({ ...list(900, 300), bundles: 0 })).toBe(false)
    expect(isLargeList({ ...list(900, 300), bundles: 600 })).toBe(true)
  })
})

describe('a still picture of a new list, drawn by the worker', () => {
  // A stand-in for the map worker that records what the page posts to it.
  const posted: Array<{ type: string; listId?: number; seq?: number }> = []
  class FakeWorker {
    onmessage: unknown = null
    onerror: unknown = null
    postMessage(command: { type: string; listId?: number; seq?: number }): void {
      posted.push(command)
    }
    terminate(): void {}
  }

  beforeEach(() => {
    posted.length = 0
    vi.useFakeTimers()
    vi.stubGlobal('Worker', FakeWorker)
    vi.stubGlobal('OffscreenCanvas', class {})
  })
  afterEach(() => {
    vi.useRealTimers()
    vi.unstubAllGlobals()
  })

  const cities = (n: number): FlowDrawList['cities'] =>
    dotsOf(
      Array.from({ length: n }, (_, i) => ({
        cityIndex: i,
        u: i / n,
        v: 0.5,
        joins: 1,
        radiusPx: 2,
        isFaded: false,
      })),
    )
  const sceneOf = (list: FlowDrawList): StillScene => ({
    view: { widthPx: 800, heightPx: 500, originX: 0, originY: 0, scale: 512 },
    list,
    palette: FALLBACK_PALETTES.dark,
    layers: { flows: true, cities: true },
    dpr: 1,
  })
  const listOf = (n: number): FlowDrawList => ({
    arcs: [],
    crossBorderStart: 0,
    concernStart: 0,
    cities: cities(n),
  })

  it('is packed and sent in a task after the one that asked for it, and a list seen before is not packed again', () => {
    const painter = new StillPainter(() => null)
    const list = listOf(OFF_THREAD_MIN_MARKS)
    painter.start(sceneOf(list))
    expect(posted).toEqual([])
    expect(painter.isBusy).toBe(true)
    vi.runAllTimers()
    expect(posted.map((c) => c.type)).toEqual(['list', 'draw'])
    posted.length = 0
    painter.start(sceneOf(list))
    // At once, and without the list: the worker keeps it.
    expect(posted.filter((c) => c.type !== 'cancel').map((c) => c.type)).toEqual(['draw'])
  })

  it('is never packed when a later picture or a cancel comes first', () => {
    const painter = new StillPainter(() => null)
    painter.start(sceneOf(listOf(OFF_THREAD_MIN_MARKS)))
    const later = listOf(OFF_THREAD_MIN_MARKS + 1)
    painter.start(sceneOf(later))
    vi.runAllTimers()
    expect(posted.filter((c) => c.type === 'list')).toHaveLength(1)
    expect(posted.filter((c) => c.type === 'draw')).toHaveLength(1)
    posted.length = 0
    painter.start(sceneOf(listOf(OFF_THREAD_MIN_MARKS + 2)))
    painter.cancel()
    vi.runAllTimers()
    expect(posted.filter((c) => c.type !== 'cancel')).toEqual([])
  })
})
