// @vitest-environment jsdom
import { act, cleanup, renderHook } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { SITES_PER_RESTYLE, useItemsInSlices } from '../../../src/ui/map/marker-slices'

interface Item {
  readonly site: number
  readonly step: number
}

const itemsOf = (sites: number, step: number): Item[] =>
  Array.from({ length: sites }, (_, site) => ({ site, step }))

/** How many of `shown` are the very objects of `items`. */
const sameCount = (shown: readonly Item[], items: readonly Item[]): number =>
  shown.filter((item, i) => item === items[i]).length

const nextTask = () =>
  act(() => {
    vi.advanceTimersByTime(0)
  })

function renderSliced(items: readonly Item[], world: object) {
  return renderHook(({ items, world }) => useItemsInSlices(items, world), {
    initialProps: { items, world },
  })
}

describe('useItemsInSlices', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    cleanup()
    vi.useRealTimers()
  })

  it('takes a new step up a slice of sites per task, then shows the items themselves', () => {
    const world = {}
    const sites = 2 * SITES_PER_RESTYLE + 5
    const first = itemsOf(sites, 0)
    const { result, rerender } = renderSliced(first, world)
    expect(result.current).toBe(first)
    nextTask()
    const second = itemsOf(sites, 1)
    rerender({ items: second, world })
    expect(result.current).toStrictEqual(first)
    nextTask()
    expect(sameCount(result.current, second)).toBe(SITES_PER_RESTYLE)
    expect(result.current.slice(SITES_PER_RESTYLE)).toStrictEqual(first.slice(SITES_PER_RESTYLE))
    nextTask()
    expect(sameCount(result.current, second)).toBe(2 * SITES_PER_RESTYLE)
    nextTask()
    expect(result.current).toBe(second)
  })

  it('goes on from where the last slice ended when steps come faster than the slices', () => {
    const world = {}
    const sites = 3 * SITES_PER_RESTYLE
    const { result, rerender } = renderSliced(itemsOf(sites, 0), world)
    nextTask()
    rerender({ items: itemsOf(sites, 1), world })
    nextTask()
    // Every step after one slice: each site still catches up within three tasks.
    const later = itemsOf(sites, 2)
    rerender({ items: later, world })
    nextTask()
    expect(result.current.slice(0, SITES_PER_RESTYLE).map((i) => i.step)).toEqual(
      Array<number>(SITES_PER_RESTYLE).fill(1),
    )
    expect(sameCount(result.current, later)).toBe(SITES_PER_RESTYLE)
    nextTask()
    nextTask()
    expect(result.current).toBe(later)
  })

  it("shows a new world's items and a small world's at once", () => {
    const sites = 2 * SITES_PER_RESTYLE
    const { result, rerender } = renderSliced(itemsOf(sites, 0), {})
    nextTask()
    const otherWorld = itemsOf(sites, 0)
    rerender({ items: otherWorld, world: {} })
    expect(result.current).toBe(otherWorld)
    const world = {}
    const small = itemsOf(SITES_PER_RESTYLE, 0)
    rerender({ items: small, world })
    nextTask()
    const smallNext = itemsOf(SITES_PER_RESTYLE, 1)
    rerender({ items: smallNext, world })
    expect(result.current).toBe(smallNext)
  })
})
