// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { dotsOf } from '../../../src/ui/map/city-dots'
import { DashClock } from '../../../src/ui/map/dash-clock'
import { DashPainter } from '../../../src/ui/map/dash-off-thread'
import { FlowTop } from '../../../src/ui/map/flow-top'
import { FALLBACK_PALETTES } from '../../../src/ui/map/map-theme'
import type { DashCommand } from '../../../src/ui/map/dash-off-thread'
import type { ArcItem, FlowDrawList } from '../../../src/ui/map/draw-list'
import { tracePath } from '../../../src/ui/map/flow-draw'
import type { CanvasView } from '../../../src/ui/map/flow-draw'
import { arcGeometry } from '../../../src/ui/map/map-data'
import { DASH_PERIOD_PX, dashPathsOf } from '../../../src/ui/map/top-draw'
import type { RecordedPath } from '../../../src/ui/map/top-draw'

const places = [
  { lat: 43.7, lon: -79.4 },
  { lat: 39.9, lon: 116.4 },
  { lat: 37.4, lon: -122.1 },
  { lat: 22.5, lon: 114.1 },
]

const concernArc = (from: number, to: number, isFaded: boolean, concern: number): ArcItem => ({
  siteIndex: from,
  cityIndex: to,
  deliveries: 3,
  exposures: concern,
  concern,
  kind: 'concern',
  geometry: arcGeometry(places[from] ?? places[0]!, places[to] ?? places[0]!),
  widthPx: 2,
  isFaded,
})

const list: FlowDrawList = {
  arcs: [concernArc(0, 1, false, 1), concernArc(2, 3, true, 2), concernArc(0, 3, false, 5)],
  crossBorderStart: 0,
  concernStart: 0,
  cities: dotsOf([]),
}
const view: CanvasView = { widthPx: 800, heightPx: 500, originX: -40, originY: 60, scale: 512 }

interface Move {
  readonly kind: 'M' | 'L'
  readonly x: number
  readonly y: number
}
type Sink = (x: number, y: number) => void

/** A path sink that writes down every move. */
function movesSink(): { moves: Move[]; moveTo: Sink; lineTo: Sink } {
  const moves: Move[] = []
  return {
    moves,
    moveTo: (x, y) => moves.push({ kind: 'M', x, y }),
    lineTo: (x, y) => moves.push({ kind: 'L', x, y }),
  }
}

function replay({ xy, starts }: RecordedPath): Move[] {
  const sink = movesSink()
  for (let k = 0; k < starts.length; k++) {
    const from = starts[k]!
    const to = k + 1 < starts.length ? starts[k + 1]! : xy.length / 2
    for (let i = from; i < to; i++)
      (i === from ? sink.moveTo : sink.lineTo)(xy[2 * i]!, xy[2 * i + 1]!)
  }
  return sink.moves
}

/** Whether two paths make the same moves, to a thousandth of a pixel (the record is 32-bit). */
function expectSameMoves(got: readonly Move[], want: readonly Move[]): void {
  expect(got.map((m) => m.kind).join('')).toBe(want.map((m) => m.kind).join(''))
  const worst = Math.max(
    0,
    ...got.map((m, i) => Math.max(Math.abs(m.x - want[i]!.x), Math.abs(m.y - want[i]!.y))),
  )
  expect(worst).toBeLessThan(1e-3)
}

describe('the moving dashes’ paths', () => {
  it('are recorded as numbers that replay the moves the arcs trace, faded arcs apart', () => {
    const dashes = dashPathsOf(view, list)
    const traced = (isFaded: boolean): Move[] => {
      const sink = movesSink()
      for (const arc of list.arcs)
        if (arc.isFaded === isFaded) tracePath(sink, view, arc, DASH_PERIOD_PX)
      return sink.moves
    }
    expect(traced(false).length).toBeGreaterThan(20)
    expect(traced(true).length).toBeGreaterThan(10)
    expectSameMoves(replay(dashes.shown), traced(false))
    expectSameMoves(replay(dashes.faded), traced(true))
    expect([dashes.inView, dashes.animated]).toEqual([3, 3])
  })

  it('keep the arcs with most keys of concern, shown before faded, past the most that move', () => {
    const dashes = dashPathsOf(view, list, 1)
    expect([dashes.inView, dashes.animated]).toEqual([3, 1])
    const sink = movesSink()
    tracePath(sink, view, list.arcs[2]!, DASH_PERIOD_PX)
    expectSameMoves(replay(dashes.shown), sink.moves)
    expect(dashes.faded.starts).toHaveLength(0)
  })
})

describe('the dash worker’s canvas', () => {
  const posted: DashCommand[] = []
  const workers: FakeWorker[] = []
  class FakeWorker {
    onmessage: ((e: { data: unknown }) => void) | null = null
    onerror: (() => void) | null = null
    isTerminated = false
    constructor() {
      workers.push(this)
    }
    postMessage(command: DashCommand): void {
      posted.push(command)
    }
    terminate(): void {
      this.isTerminated = true
    }
  }

  beforeEach(() => {
    posted.length = 0
    workers.length = 0
    vi.stubGlobal('Worker', FakeWorker)
    vi.stubGlobal('OffscreenCanvas', class {})
    Object.defineProperty(HTMLCanvasElement.prototype, 'transferControlToOffscreen', {
      configurable: true,
      value: () => ({ offscreen: true }),
    })
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    delete (HTMLCanvasElement.prototype as { transferControlToOffscreen?: unknown })
      .transferControlToOffscreen
  })

  const start = (onFail = () => {}) => {
    const container = document.createElement('div')
    const top = container.appendChild(document.createElement('canvas'))
    const painter = DashPainter.start(container, top, onFail)
    return { container, top, painter }
  }

  it('hands a canvas under the top one to the worker, and hides a new view’s until it is drawn', () => {
    const { container, top, painter } = start()
    expect(painter).not.toBeNull()
    expect([...container.children]).toEqual([painter!.canvas, top])
    expect(posted[0]).toEqual({ type: 'canvas', canvas: { offscreen: true } })
    const dashes = dashPathsOf(view, list)
    painter!.show(view, 2, '#123456', dashes)
    expect(posted[1]).toMatchObject({ type: 'paths', seq: 1, widthPx: 800, dpr: 2, fg: '#123456' })
    expect(painter!.canvas.style.visibility).toBe('hidden')
    // The same view again (a new step in playback) stays shown; a later view waits for its own.
    workers[0]!.onmessage?.({ data: { type: 'shown', seq: 1 } })
    expect(painter!.canvas.style.visibility).toBe('')
    painter!.show(view, 2, '#123456', null)
    expect(posted[2]).toMatchObject({ type: 'paths', seq: 2, paths: null })
    expect(painter!.canvas.style.visibility).toBe('')
    painter!.show({ ...view, originX: 0 }, 2, '#123456', dashes)
    painter!.show({ ...view, originX: 10 }, 2, '#123456', dashes)
    workers[0]!.onmessage?.({ data: { type: 'shown', seq: 3 } })
    expect(painter!.canvas.style.visibility).toBe('hidden')
    workers[0]!.onmessage?.({ data: { type: 'shown', seq: 4 } })
    expect(painter!.canvas.style.visibility).toBe('')
  })

  it('gives up its canvas and says so when the worker fails', () => {
    let failed = 0
    const { container, painter } = start(() => failed++)
    workers[0]!.onerror?.()
    expect(failed).toBe(1)
    expect(workers[0]!.isTerminated).toBe(true)
    expect(container.contains(painter!.canvas)).toBe(false)
  })

  it('is not started where a canvas cannot be handed over', () => {
    delete (HTMLCanvasElement.prototype as { transferControlToOffscreen?: unknown })
      .transferControlToOffscreen
    expect(start().painter).toBeNull()
    expect(workers).toEqual([])
  })
})

describe('the dash clock, when the worker moves the dashes', () => {
  const frames: FrameRequestCallback[] = []
  let isReduced = false
  const listeners: Array<(e: { matches: boolean }) => void> = []
  beforeEach(() => {
    frames.length = 0
    listeners.length = 0
    isReduced = false
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    vi.stubGlobal('matchMedia', () => ({
      matches: isReduced,
      addEventListener: (_: string, f: (e: { matches: boolean }) => void) => listeners.push(f),
      removeEventListener: () => {},
    }))
  })
  afterEach(() => vi.unstubAllGlobals())

  it('runs no loop of its own and says when the dashes move and when they stand still', () => {
    let hasDashes = true
    const told: string[] = []
    const clock = new DashClock(
      () => {},
      () => hasDashes,
    )
    clock.attach()
    clock.sync()
    expect(frames).toHaveLength(1)
    clock.moveElsewhere((isMoving, isReduced) => told.push(`${isMoving} ${isReduced}`))
    expect(clock.isRunning).toBe(false)
    clock.sync()
    expect(told).toEqual(['true false'])
    hasDashes = false
    clock.sync()
    hasDashes = true
    clock.sync()
    // Held while the map moves: still, then moving again.
    clock.hold(true)
    clock.hold(true)
    clock.hold(false)
    listeners.forEach((f) => f({ matches: true }))
    expect(told).toEqual([
      'true false',
      'false false',
      'true false',
      'false false',
      'true false',
      'false true',
    ])
    expect(frames).toHaveLength(1)
    clock.detach()
  })
})

describe('the top canvas', () => {
  const frames: FrameRequestCallback[] = []
  let cleared = 0
  beforeEach(() => {
    frames.length = 0
    cleared = 0
    vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f))
    vi.stubGlobal('cancelAnimationFrame', () => {})
    const context = new Proxy<Record<string | symbol, unknown>>(
      {},
      {
        get: (t, p) => (p in t ? t[p] : () => (p === 'clearRect' ? cleared++ : undefined)),
        set: (t, p, v) => ((t[p] = v), true),
      },
    )
    vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(
      context as unknown as CanvasRenderingContext2D,
    )
  })
  afterEach(() => {
    vi.restoreAllMocks()
    vi.unstubAllGlobals()
  })

  it('redraws the top canvas for a hover in the next frame, once for the moves before it', () => {
    const container = document.createElement('div')
    const top = new FlowTop(container)
    const palette = FALLBACK_PALETTES.dark
    const scene = { view, palette, layers: { flows: true, cities: true }, cities: dotsOf([]) }
    top.show(scene, 1, null, 10)
    const drawn = cleared
    top.hover({ kind: 'city', cityIndex: 0, joins: 1 })
    top.hover(null)
    top.hover({ kind: 'city', cityIndex: 0, joins: 1 })
    expect(cleared).toBe(drawn)
    expect(frames).toHaveLength(1)
    frames.splice(0).forEach((f) => f(16))
    expect(cleared).toBe(drawn + 1)
    top.dispose()
    expect(container.children).toHaveLength(0)
  })
})
