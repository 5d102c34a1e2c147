import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { MAX_DAYS, SECTION_DEFAULTS, scenarioSchema } from '../../src/sim/scenario-schema'
import { MINIMAL_SCENARIO } from './helpers'

const minimal = MINIMAL_SCENARIO

describe('scenario schema', () => {
  it('reads the section defaults back from the fields that declare them', () => {
    expect(SECTION_DEFAULTS).toEqual({
      accounts: { free: 0.6, paid: 0.38, government: 0.02, paidOptInRegions: ['US', 'CA', 'EU'] },
      routing: {
        primaryAttempts: 3,
        secondaryPicks: 2,
        failureCurve: { thresholdUtilisation: 0.85, maxFailureProbability: 0.6, exponent: 2 },
      },
      keys: { concernJurisdictions: ['CN'] },
    })
  })

  it('fills an absent section exactly as an empty one', () => {
    const absent = scenarioSchema.parse(minimal)
    const empty = scenarioSchema.parse({
      ...minimal,
      accounts: {},
      routing: { failureCurve: {} },
      keys: {},
      population: {},
      demand: { ...minimal.demand, duration: {} },
    })
    expect(empty).toEqual(absent)
    expect(absent.accounts).toEqual(SECTION_DEFAULTS.accounts)
    expect(absent.demand.duration).toEqual({
      distribution: 'lognormal',
      meanMinutes: 40,
      sigma: 0.8,
    })
  })

  it('fills the fields a partly written section leaves out', () => {
    const parsed = scenarioSchema.parse({ ...minimal, accounts: { government: 0.5 } })
    expect(parsed.accounts).toEqual({ ...SECTION_DEFAULTS.accounts, government: 0.5 })
  })

  it('refuses a run longer than MAX_DAYS days', () => {
    expect(scenarioSchema.safeParse({ ...minimal, days: MAX_DAYS }).success).toBe(true)
    expect(scenarioSchema.safeParse({ ...minimal, days: MAX_DAYS + 1 }).success).toBe(false)
  })

  it('keeps the presets that state default sections equal to the defaults', () => {
    const government = scenarioSchema.parse(PRESETS.government)
    expect(government.accounts.paidOptInRegions).toEqual(['US', 'CA', 'EU'])
    expect(scenarioSchema.parse(PRESETS['region-control']).accounts).toEqual(
      SECTION_DEFAULTS.accounts,
    )
  })
})
