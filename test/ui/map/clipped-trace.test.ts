import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { CLIP_MARGIN_PX, dashPeriodOf, traceClipped } from '../../../src/ui/map/clipped-trace'
import type { TraceFrame } from '../../../src/ui/map/clipped-trace'

type Point = readonly [number, number]

// Records the subpaths traced into it.
function recorder(): { sink: { moveTo: Fn; lineTo: Fn }; paths: Point[][] } {
  const paths: Point[][] = []
  return {
    paths,
    sink: {
      moveTo: (x, y) => void paths.push([[x, y]]),
      lineTo: (x, y) => void paths[paths.length - 1]?.push([x, y]),
    },
  }
}
type Fn = (x: number, y: number) => void

const FRAME: TraceFrame = { scale: 1, offsetX: 0, offsetY: 0, widthPx: 400, heightPx: 300 }

const distance = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1])

// Whether segment i (from sample i - 1 to sample i) comes near the frame's canvas.
function isNear(samples: readonly Point[], i: number, frame: TraceFrame): boolean {
  const [ax, ay] = samples[i - 1] as Point
  const [bx, by] = samples[i] as Point
  const m = CLIP_MARGIN_PX
  return !(
    Math.max(ax, bx) < -m ||
    Math.min(ax, bx) > frame.widthPx + m ||
    Math.max(ay, by) < -m ||
    Math.min(ay, by) > frame.heightPx + m
  )
}

/**
 * Where a traced subpath lies on the sampled arc, as lengths along it: [start, end]. Throws when
 * the subpath leaves the arc: its first point must lie on a segment and every later point must be
 * the next sample, exactly.
 */
function spanOnArc(samples: readonly Point[], path: readonly Point[]): [number, number] {
  const start = path[0] as Point
  let along = 0
  for (let j = 1; j < samples.length; j++) {
    const a = samples[j - 1] as Point
    const b = samples[j] as Point
    const onSegment = Math.abs(distance(a, start) + distance(start, b) - distance(a, b)) < 1e-6
    const rest = path.slice(1)
    const followsSamples = rest.every((p, k) => {
      const s = samples[j + k]
      return s !== undefined && p[0] === s[0] && p[1] === s[1]
    })
    if (onSegment && followsSamples && rest.length > 0) {
      let end = along + distance(a, start)
      let prev = start
      for (const p of rest) {
        end += distance(prev, p)
        prev = p
      }
      return [along + distance(a, start), end]
    }
    along += distance(a, b)
  }
  throw new Error(`subpath from ${start.join(',')} does not follow the arc`)
}

const lengthsAlong = (samples: readonly Point[]): number[] => {
  const out = [0]
  for (let i = 1; i < samples.length; i++)
    out.push((out[i - 1] ?? 0) + distance(samples[i - 1] as Point, samples[i] as Point))
  return out
}

const flat = (samples: readonly Point[]): number[] => samples.flatMap(([x, y]) => [x, y])

// Arcs as random walks that start anywhere from far off the canvas to inside it.
const walk = fc
  .tuple(
    fc.double({ min: -3000, max: 1000, noNaN: true }),
    fc.double({ min: -1500, max: 1000, noNaN: true }),
    fc.array(
      fc.tuple(
        fc.double({ min: 0, max: 150, noNaN: true }),
        fc.double({ min: -80, max: 80, noNaN: true }),
      ),
      { minLength: 1, maxLength: 60 },
    ),
  )
  .map(([x0, y0, steps]) => {
    const samples: Point[] = [[x0, y0]]
    for (const [dx, dy] of steps) {
      const [x, y] = samples[samples.length - 1] as Point
      samples.push([x + dx, y + dy])
    }
    return samples
  })

describe('traceClipped', () => {
  it('traces an arc within the canvas whole, as one subpath through every sample', () => {
    const samples: Point[] = [
      [10, 10],
      [120, 80],
      [250, 60],
      [390, 290],
    ]
    for (const period of [0, 16]) {
      const { sink, paths } = recorder()
      traceClipped(sink, flat(samples), samples.length, FRAME, period)
      expect(paths).toEqual([samples])
    }
  })

  it('leaves out an arc that never comes near the canvas', () => {
    const samples: Point[] = [
      [-900, -400],
      [-500, -300],
      [-100, -200],
      [600, -100],
    ]
    const { sink, paths } = recorder()
    traceClipped(sink, flat(samples), samples.length, FRAME, 16)
    expect(paths).toEqual([])
  })

  it('scales and offsets the samples into the frame', () => {
    const frame: TraceFrame = {
      scale: 1000,
      offsetX: 100,
      offsetY: 50,
      widthPx: 400,
      heightPx: 300,
    }
    const { sink, paths } = recorder()
    traceClipped(sink, [0.2, 0.1, 0.3, 0.2, 2, 2], 3, frame)
    expect(paths).toEqual([
      [
        [100, 50],
        [200, 150],
        [1900, 1950],
      ],
    ])
  })

  it('covers every segment near the canvas, starts stretches on whole dash periods, and traces little else', () => {
    fc.assert(
      fc.property(walk, fc.constantFrom(0, 5, 16), (samples, period) => {
        const { sink, paths } = recorder()
        traceClipped(sink, flat(samples), samples.length, FRAME, period)
        const spans = paths.map((path) => spanOnArc(samples, path))
        const along = lengthsAlong(samples)
        let nearLength = 0
        for (let i = 1; i < samples.length; i++) {
          if (!isNear(samples, i, FRAME)) continue
          const from = along[i - 1] ?? 0
          const to = along[i] ?? 0
          nearLength += to - from
          // Some stretch holds the whole segment.
          expect(spans.some(([s, e]) => s <= from + 1e-6 && e >= to - 1e-6)).toBe(true)
        }
        let tracedLength = 0
        for (const [s, e] of spans) {
          tracedLength += e - s
          if (period > 0) {
            // The dash pattern starts where it starts on the whole arc.
            const phase = s / period - Math.round(s / period)
            expect(Math.abs(phase)).toBeLessThan(1e-6)
          } else expect(along.some((a) => Math.abs(a - s) < 1e-9)).toBe(true)
        }
        // Beyond the near segments, at most one dash period before each stretch.
        expect(tracedLength).toBeLessThanOrEqual(nearLength + spans.length * period + 1e-6)
      }),
      { numRuns: 400 },
    )
  })
})

describe('dashPeriodOf', () => {
  it('sums a pattern, twice over when its length is odd, as a canvas repeats it', () => {
    expect(dashPeriodOf([])).toBe(0)
    expect(dashPeriodOf([6, 10])).toBe(16)
    expect(dashPeriodOf([0, 5])).toBe(5)
    expect(dashPeriodOf([4])).toBe(8)
    expect(dashPeriodOf([1, 2, 3])).toBe(12)
  })
})
