import { describe, expect, it } from 'vitest'
import { allowedSites, describeCause, keySiteFor } from '../../src/sim/keys'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import { preset, run } from './helpers'

const siteIndex = (id: string) => WORLD_2020.sites.findIndex((s) => s.id === id)
const cityIndex = (id: string) => WORLD_2020.cities.findIndex((c) => c.id === id)

describe('keys', () => {
  it('describes repeated failures at one site compactly, and mixed failures once each with a count', () => {
    const full = { city: 'Toronto', reason: 'full' as const }
    expect(describeCause([full, full, full], true, 'Beijing', 'Beijing')).toBe(
      'Toronto full after 3 attempts -> secondary list -> key issued in Beijing',
    )
    expect(
      describeCause(
        [
          { city: 'Toronto', reason: 'congested' },
          { city: 'Vancouver', reason: 'full' },
        ],
        true,
        'Amsterdam',
        'Frankfurt',
      ),
    ).toBe(
      '2 attempts failed: Toronto congested, Vancouver full -> secondary list -> connected to Amsterdam -> key issued in Frankfurt',
    )
  })

  it('names a primary the client wrapped around to once, with how often it failed', () => {
    const newYork = { city: 'New York area', reason: 'congested' as const }
    const sanJose = { city: 'San Jose', reason: 'congested' as const }
    expect(describeCause([newYork, sanJose, newYork], true, 'Beijing', 'Beijing')).toBe(
      '3 attempts failed: New York area congested twice, San Jose congested -> secondary list -> key issued in Beijing',
    )
    const toronto = { city: 'Toronto', reason: 'full' as const }
    const vancouver = { city: 'Vancouver', reason: 'full' as const }
    expect(
      describeCause([toronto, vancouver, toronto, vancouver, toronto], false, 'Osaka', 'Osaka'),
    ).toBe(
      '5 attempts failed: Toronto full 3 times, Vancouver full twice -> primary Osaka -> key issued in Osaka',
    )
    // The same site failing for two reasons keeps both, in the order they happened.
    expect(
      describeCause([toronto, { city: 'Toronto', reason: 'congested' }], true, 'Tokyo', 'Tokyo'),
    ).toBe(
      '2 attempts failed: Toronto full, Toronto congested -> secondary list -> key issued in Tokyo',
    )
  })

  it('says when a primary took the client, and when no primary was allowed', () => {
    expect(
      describeCause([{ city: 'Hong Kong', reason: 'congested' }], false, 'Osaka', 'Osaka'),
    ).toBe('Hong Kong congested after 1 attempt -> primary Osaka -> key issued in Osaka')
    expect(describeCause([], false, 'Osaka', 'Osaka')).toBe('primary Osaka -> key issued in Osaka')
    expect(describeCause([], true, 'Tokyo', 'Tokyo')).toBe(
      'no primary data center allowed -> secondary list -> key issued in Tokyo',
    )
  })

  it('lets free accounts take keys from their region and its neighbours, never China', () => {
    const mask = allowedSites(WORLD_2020, cityIndex('toronto'), 'free', [])
    expect(mask[siteIndex('toronto')]).toBe(1)
    expect(mask[siteIndex('new-york')]).toBe(1)
    expect(mask[siteIndex('beijing')]).toBe(0)
    expect(mask[siteIndex('china-dc-2')]).toBe(0)
  })

  it('lets paid accounts add opted-in regions and keeps government accounts in their country', () => {
    const paid = allowedSites(WORLD_2020, cityIndex('toronto'), 'paid', ['CN'])
    expect(paid[siteIndex('beijing')]).toBe(1)
    const government = allowedSites(WORLD_2020, cityIndex('toronto'), 'government', [])
    expect(government[siteIndex('toronto')]).toBe(1)
    expect(government[siteIndex('new-york')]).toBe(0)
  })

  it('hands out keys from the connected site when it distributes them', () => {
    expect(keySiteFor(WORLD_2020, siteIndex('beijing'))).toBe(siteIndex('beijing'))
    const world = {
      ...WORLD_2020,
      sites: WORLD_2020.sites.map((s) => (s.id === 'osaka' ? { ...s, distributesKeys: false } : s)),
    }
    expect(keySiteFor(world, siteIndex('osaka'))).toBe(siteIndex('tokyo'))
  })

  it('gives every logged exposure a cause that matches how the client connected', () => {
    const result = run(preset('government', { policy: 'misconfigured-2020', days: 3 }))
    const cities = new Map(WORLD_2020.sites.map((s) => [s.id, s.city]))
    const viaPrimary = result.incidents.filter((i) => !i.isViaSecondary)
    expect(viaPrimary.length).toBeGreaterThan(0)
    for (const i of result.incidents) {
      expect(i.attemptedPrimaries).toHaveLength(i.primaryAttempts)
      const connected = cities.get(i.connectedSiteId) ?? ''
      if (i.isViaSecondary) expect(i.cause).toContain('-> secondary list')
      else expect(i.cause).toContain(`primary ${connected} -> key issued in`)
      for (const a of i.attemptedPrimaries) expect(i.cause).toContain(cities.get(a.siteId) ?? '?')
    }
  })
})
