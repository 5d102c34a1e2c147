import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { nameRanksOf } from '../../src/store/name-order'

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
