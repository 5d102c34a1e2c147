import { describe, expect, it } from 'vitest'
import { ACCOUNT_KINDS } from '../../src/sim/model'
import { WORLD_2020 } from '../../src/sim/presets/world-2020'
import type { AccountKind, PolicyId } from '../../src/sim/model'
import {
  POLICIES,
  POLICY_LIST,
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

  describe('every policy for a US, a Canadian, a Chinese and a European city', () => {
    type Lists = { readonly primary: readonly string[]; readonly secondary: readonly string[] }
    const CITIES = ['new-york', 'toronto', 'beijing', 'paris'] as const
    type CityId = (typeof CITIES)[number]
    const home: Record<CityId, string[]> = {
      'new-york': ['new-york', 'san-jose'],
      toronto: ['toronto', 'vancouver'],
      beijing: ['beijing', 'china-dc-2'],
      paris: ['amsterdam', 'frankfurt'],
    }
    // The neighbours' sites, China fenced both ways (US: CA, EU, LATAM; CA: US, EU; EU: US, IN).
    const fenced: Record<CityId, string[]> = {
      'new-york': ['amsterdam', 'frankfurt', 'sao-paulo', 'toronto', 'vancouver'],
      toronto: ['amsterdam', 'frankfurt', 'new-york', 'san-jose'],
      beijing: [],
      paris: ['hyderabad', 'mumbai', 'new-york', 'san-jose'],
    }
    const chinaAdded = (c: CityId) => (c === 'beijing' ? [] : ['beijing', 'china-dc-2'])
    // Own country; France has no site, so Paris falls back to its region.
    const ownCountry = (c: CityId): Lists => ({ primary: home[c], secondary: [] })
    const misconfigured = (c: CityId): Lists => ({
      primary: home[c],
      secondary: [...fenced[c], ...chinaAdded(c)],
    })
    // Region control with the paid opt-in US, CA, EU.
    const optedIn: Record<CityId, Lists> = {
      'new-york': {
        primary: home['new-york'],
        secondary: ['amsterdam', 'frankfurt', 'toronto', 'vancouver'],
      },
      toronto: {
        primary: home.toronto,
        secondary: ['amsterdam', 'frankfurt', 'new-york', 'san-jose'],
      },
      // A China-based paid account that did not opt into China connects from outside it.
      beijing: {
        primary: ['amsterdam', 'frankfurt', 'new-york', 'san-jose', 'toronto', 'vancouver'],
        secondary: [],
      },
      paris: { primary: home.paris, secondary: ['new-york', 'san-jose', 'toronto', 'vancouver'] },
    }
    const expected: Record<PolicyId, (c: CityId, a: AccountKind) => Lists> = {
      'misconfigured-2020': (c) => misconfigured(c),
      geofenced: (c) => ({ primary: home[c], secondary: fenced[c] }),
      'region-control': (c, a) =>
        a === 'government'
          ? ownCountry(c)
          : a === 'free'
            ? { primary: home[c], secondary: [] }
            : optedIn[c],
      government: (c, a) => (a === 'government' ? ownCountry(c) : misconfigured(c)),
      'fail-closed': (c) => ({ primary: home[c], secondary: [] }),
    }
    const index = buildSiteIndex(WORLD_2020)
    const ids = (list: Int16Array | undefined) => [...(list ?? [])].map((i) => siteIds[i]).sort()
    const cases = POLICY_LIST.flatMap((p) =>
      CITIES.flatMap((city) => ACCOUNT_KINDS.map((account) => [p.id, city, account] as const)),
    )

    it('covers all five policies', () => {
      expect(POLICY_LIST.map((p) => p.id).sort()).toEqual(Object.keys(expected).sort())
    })

    it.each(cases)('%s gives %s (%s) its primaries and backup list', (policyId, city, account) => {
      const tables = compilePolicy(POLICIES[policyId], WORLD_2020, index, ['US', 'CA', 'EU'])
      const want = expected[policyId](city, account)
      expect(ids(tables.primary[row(city, account)])).toEqual([...want.primary].sort())
      expect(ids(tables.secondary[row(city, account)])).toEqual([...want.secondary].sort())
    })

    it.each(POLICY_LIST.map((p) => [p.id, p.isAccountAware] as const))(
      '%s says whether the account kind matters (%s), as its tables show',
      (policyId, isAccountAware) => {
        const tables = compilePolicy(POLICIES[policyId], WORLD_2020, index, ['US', 'CA', 'EU'])
        const differs = WORLD_2020.cities.some((c) => {
          const lists = ACCOUNT_KINDS.map((a) =>
            JSON.stringify([
              ids(tables.primary[row(c.id, a)]),
              ids(tables.secondary[row(c.id, a)]),
            ]),
          )
          return new Set(lists).size > 1
        })
        expect(differs).toBe(isAccountAware)
      },
    )
  })
})
