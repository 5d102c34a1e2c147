import fc from 'fast-check'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { nameRanksOf, rankNamesInSlices } from '../../src/store/name-order'

const NAMES = [
  'Zürich',
  'zurich',
  'Zurich',
  'Ålesund',
  'Aachen',
  'aachen',
  'Évora',
  'Eton',
  'São Paulo',
  'Sao Paulo',
  '',
]

describe('nameRanksOf', () => {
  it("ranks sites' and cities' names together in localeCompare's order, equal names equal", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 8 }),
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 12 }),
        (siteNames, cityNames) => {
          const world = {
            ...WORLD_2020,
            sites: siteNames.map((city, i) => ({ ...WORLD_2020.sites[0]!, id: `s${i}`, city })),
            cities: cityNames.map((name, i) => ({ ...WORLD_2020.cities[0]!, id: `c${i}`, name })),
          }
          const ranks = nameRanksOf(world)
          const places = [
            ...siteNames.map((name, i) => ({ name, rank: ranks.sites[i]! })),
            ...cityNames.map((name, i) => ({ name, rank: ranks.cities[i]! })),
          ]
          for (const a of places)
            for (const b of places)
              expect(Math.sign(a.rank - b.rank)).toBe(Math.sign(a.name.localeCompare(b.name)))
        },
      ),
    )
  })

  it('makes the ranks once per world', () => {
    expect(nameRanksOf(WORLD_2020)).toBe(nameRanksOf(WORLD_2020))
    expect(nameRanksOf(WORLD_2020).cities).toHaveLength(WORLD_2020.cities.length)
  })
})

describe('rankNamesInSlices', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  // A world of 3,000 places, names repeated, as a large imported world has: fresh for each test,
  // as ranks are kept per world.
  const bigWorld = () => ({
    ...WORLD_2020,
    sites: Array.from({ length: 200 }, (_, i) => ({
      ...WORLD_2020.sites[0]!,
      id: `s${i}`,
      city: NAMES[(i * 7) % NAMES.length]! + String(i % 13),
    })),
    cities: Array.from({ length: 2800 }, (_, i) => ({
      ...WORLD_2020.cities[0]!,
      id: `c${i}`,
      name: NAMES[i % NAMES.length]! + String((i * 31) % 97),
    })),
  })
  const namesOf = (world: ReturnType<typeof bigWorld>): string[] => [
    ...world.sites.map((s) => s.city),
    ...world.cities.map((c) => c.name),
  ]
  const expectOrder = (world: ReturnType<typeof bigWorld>): void => {
    const { sites, cities } = nameRanksOf(world)
    const ranks = [...sites, ...cities]
    const names = namesOf(world)
    const order = names.map((_, i) => i).sort((a, b) => ranks[a]! - ranks[b]!)
    for (let k = 1; k < order.length; k++) {
      const a = order[k - 1]!
      const b = order[k]!
      expect(Math.sign(ranks[b]! - ranks[a]!)).toBe(Math.sign(names[b]!.localeCompare(names[a]!)))
    }
    expect(ranks[order[0]!]).toBe(0)
  }

  it('ranks over several tasks, none of them the whole ranking, to the same ranks', () => {
    vi.useFakeTimers()
    const world = bigWorld()
    // Time moves 10 ms at each read of the clock, so each slice stops after one step.
    let now = 0
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10))
    rankNamesInSlices(world)
    let tasks = 0
    while (vi.getTimerCount() > 0) {
      vi.advanceTimersToNextTimer()
      tasks++
    }
    clock.mockRestore()
    expect(tasks).toBeGreaterThan(8)
    const made = nameRanksOf(world)
    expect(nameRanksOf(world)).toBe(made)
    expectOrder(world)
  })

  it('is finished at once by a list that needs the ranks before the last slice', () => {
    vi.useFakeTimers()
    const world = bigWorld()
    rankNamesInSlices(world)
    // One slice, cut short by time spent: the ranking is under way.
    let now = 0
    const clock = vi.spyOn(performance, 'now').mockImplementation(() => (now += 10))
    vi.advanceTimersToNextTimer()
    clock.mockRestore()
    expect(vi.getTimerCount()).toBe(1)
    const made = nameRanksOf(world)
    expectOrder(world)
    // The slice left scheduled sees the ranking done and schedules nothing more: no other
    // ranking runs on and replaces the ranks.
    let tasks = 0
    while (vi.getTimerCount() > 0) {
      vi.advanceTimersToNextTimer()
      tasks++
    }
    expect(tasks).toBe(1)
    expect(nameRanksOf(world)).toBe(made)
    const fresh = bigWorld()
    expect([...nameRanksOf(world).cities]).toEqual([...nameRanksOf(fresh).cities])
  })
})
