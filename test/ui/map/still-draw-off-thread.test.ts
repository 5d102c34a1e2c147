import { describe, expect, it } from 'vitest'
import { OFF_THREAD_MIN_MARKS, isLargeList } from '../../../src/ui/map/still-draw-off-thread'

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
})
