import { describe, expect, it } from 'vitest'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { parseScenario } from '../../src/sim/scenario'
import type { ScenarioInput } from '../../src/sim/scenario'
import { worldSchema } from '../../src/sim/world-schema'
import { syntheticScenario } from './synthetic-world'

type WorldInput = Exclude<ScenarioInput['world'], 'zoom-2020' | undefined>

const scenario = syntheticScenario({ sites: 4, cities: 6, days: 1, joinsPerDay: 10 })
const world = scenario.world as WorldInput

function errorsWith(patch: Partial<WorldInput>) {
  const parsed = parseScenario({ ...scenario, world: { ...world, ...patch } })
  if (parsed.ok) throw new Error('expected the world to be refused')
  return parsed.errors
}

describe('world schema', () => {
  it('accepts the built-in 2020 world', () => {
    const parsed = worldSchema.safeParse(WORLD_2020)
    expect(parsed.error?.issues ?? []).toEqual([])
    expect(parsed.data).toEqual(WORLD_2020)
  })

  it('names each duplicate id and where it was first used', () => {
    const sites = world.sites.map((s, i) => (i === 3 ? { ...s, id: 'site-1' } : s))
    const cities = world.cities.map((c, i) => (i === 5 ? { ...c, id: 'city-0' } : c))
    const regions = world.regions.map((r, i) =>
      i === 7 ? { ...world.regions[0]!, name: 'again' } : r,
    )
    expect(errorsWith({ sites, cities, regions })).toEqual(
      expect.arrayContaining([
        { path: 'world.sites[3].id', message: 'duplicate id "site-1" (also at world.sites[1])' },
        { path: 'world.cities[5].id', message: 'duplicate id "city-0" (also at world.cities[0])' },
        { path: 'world.regions[7].id', message: 'duplicate id "US" (also at world.regions[0])' },
      ]),
    )
  })

  it('refuses secondary regions, site regions and city regions that name no region', () => {
    const regions = world.regions
      .filter((r) => r.id !== 'IN')
      .map((r) => (r.id === 'US' ? { ...r, secondaryRegions: ['CA', 'CA'] as const } : r))
    const errors = errorsWith({
      regions: regions.map((r) => ({ ...r, secondaryRegions: [...r.secondaryRegions] })),
    })
    const paths = errors.map((e) => e.path)
    // EU and AU list IN as a neighbour; site 3 and city 3 stand in IN (the eight regions in turn).
    expect(paths).toEqual(
      expect.arrayContaining([
        'world.regions[2].secondaryRegions[1]',
        'world.sites[3].region',
        'world.cities[3].region',
      ]),
    )
    expect(errors.find((e) => e.path === 'world.sites[3].region')?.message).toMatch(
      /^region "IN" is not defined in world.regions \(defined: US, CA, EU, AU, CN, LATAM, JPHK\)$/,
    )
    expect(errors).toContainEqual({
      path: 'world.regions[0].secondaryRegions[1]',
      message: 'region "CA" is listed twice',
    })
  })

  it('refuses a world where no site distributes keys', () => {
    const sites = world.sites.map((s) => ({ ...s, distributesKeys: false }))
    expect(errorsWith({ sites })).toEqual([
      {
        path: 'world.sites',
        message: expect.stringMatching(/^no site distributes keys/) as string,
      },
    ])
  })

  it('accepts the synthetic world it is given and reports field errors with the world checks', () => {
    expect(parseScenario(scenario).ok).toBe(true)
    const sites = world.sites.map((s, i) => (i === 2 ? { ...s, id: 'site-0', lat: 200 } : s))
    const paths = errorsWith({ sites }).map((e) => e.path)
    expect(paths).toContain('world.sites[2].lat')
  })
})
