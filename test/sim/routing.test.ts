import { describe, expect, it } from 'vitest'
import { ACCOUNT_KINDS } from '../../src/sim/model'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import {
  POLICIES,
  buildSiteIndex,
  compilePolicy,
  congestionFailureProbability,
} from '../../src/sim/routing'

const curve = { thresholdUtilisation: 0.8, maxFailureProbability: 0.6, exponent: 2 }
const siteIds = WORLD_2020.sites.map((s) => s.id)
const row = (city: string, account: (typeof ACCOUNT_KINDS)[number]) =>
  WORLD_2020.cities.findIndex((c) => c.id === city) * ACCOUNT_KINDS.length +
  ACCOUNT_KINDS.indexOf(account)

describe('routing', () => {
  it('fails nobody up to the threshold and rises to the maximum at full utilisation', () => {
    expect(congestionFailureProbability(0.5, curve)).toBe(0)
    expect(congestionFailureProbability(0.8, curve)).toBe(0)
    expect(congestionFailureProbability(0.9, curve)).toBeCloseTo(0.15, 10)
    expect(congestionFailureProbability(1, curve)).toBeCloseTo(0.6, 10)
    expect(congestionFailureProbability(0.99, { ...curve, thresholdUtilisation: 1 })).toBe(0)
  })

  it('puts the China sites on every non-China backup list only under the misconfiguration', () => {
    const index = buildSiteIndex(WORLD_2020)
    const china = new Set(['beijing', 'china-dc-2'].map((id) => siteIds.indexOf(id)))
    const bad = compilePolicy(POLICIES['misconfigured-2020'], WORLD_2020, index, [])
    const good = compilePolicy(POLICIES.geofenced, WORLD_2020, index, [])
    const toronto = row('toronto', 'free')
    expect([...(bad.secondary[toronto] ?? [])].filter((i) => china.has(i))).toHaveLength(2)
    expect([...(good.secondary[toronto] ?? [])].some((i) => china.has(i))).toBe(false)
    // Primaries are the home region's sites, nearest first.
    expect([...(good.primary[toronto] ?? [])].map((i) => siteIds[i])).toEqual([
      'toronto',
      'vancouver',
    ])
  })

  it('gives fail-closed, free region-control and government accounts no secondaries', () => {
    const index = buildSiteIndex(WORLD_2020)
    const closed = compilePolicy(POLICIES['fail-closed'], WORLD_2020, index, [])
    const control = compilePolicy(POLICIES['region-control'], WORLD_2020, index, ['US', 'CA', 'EU'])
    expect(closed.secondary.every((list) => list.length === 0)).toBe(true)
    expect(control.secondary[row('toronto', 'free')]).toHaveLength(0)
    expect(control.secondary[row('toronto', 'government')]).toHaveLength(0)
    expect(
      [...(control.secondary[row('toronto', 'paid')] ?? [])].map((i) => siteIds[i]).sort(),
    ).toEqual(['amsterdam', 'frankfurt', 'new-york', 'san-jose'])
  })
})
