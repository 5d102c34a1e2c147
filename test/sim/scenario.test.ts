import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { PRESETS, PRESET_IDS } from '../../src/sim/presets/scenarios'
import {
  MAX_SCENARIO_BYTES,
  parseScenario,
  parseScenarioText,
  resolveScenario,
  scenarioJsonSchema,
  withScenarioChanges,
} from '../../src/sim/scenario'
import type { ParseResult } from '../../src/sim/scenario'
import { estimateJoins } from '../../src/sim/scenario-world'
import { MINIMAL_SCENARIO } from './helpers'

const valid = PRESETS['citizenlab-2020']

function errorsOf(result: ParseResult): { path: string; message: string }[] {
  if (result.ok) throw new Error('expected the scenario to be rejected')
  return [...result.errors]
}

describe('scenario', () => {
  it('accepts every built-in preset', () => {
    for (const id of PRESET_IDS) {
      const parsed = parseScenario(PRESETS[id])
      expect(parsed.ok, id).toBe(true)
    }
  })

  it('fills defaults so a minimal file runs', () => {
    const parsed = parseScenario(MINIMAL_SCENARIO)
    expect(parsed.ok).toBe(true)
    if (parsed.ok) {
      expect(parsed.scenario.routing.secondaryPicks).toBe(2)
      expect(parsed.scenario.keys.concernJurisdictions).toEqual(['CN'])
      expect(parsed.scenario.world).toBe('zoom-2020')
    }
  })

  it('names the line and column of invalid JSON', () => {
    const [error] = errorsOf(parseScenarioText('{\n  "id": "x",\n  "days": ,\n}'))
    expect(error?.path).toBe('(file)')
    expect(error?.message).toMatch(/not valid JSON \(line 3, column \d+\)/)
  })

  it('names the path of a missing field and of a wrong type', () => {
    const { days: _days, ...withoutDays } = valid
    expect(errorsOf(parseScenario(withoutDays)).map((e) => e.path)).toContain('days')
    const wrongType = { ...valid, demand: { ...valid.demand, scale: 'a lot' } }
    const errors = errorsOf(parseScenario(wrongType))
    expect(errors).toContainEqual({
      path: 'demand.scale',
      message: expect.stringMatching(/expected number/) as string,
    })
  })

  it('rejects negative, out-of-range and non-finite numbers with their paths', () => {
    const negative = { ...valid, demand: { ...valid.demand, meanParticipants: -3 } }
    expect(errorsOf(parseScenario(negative)).map((e) => e.path)).toContain(
      'demand.meanParticipants',
    )
    const infinite = { ...valid, days: Infinity }
    expect(errorsOf(parseScenario(infinite)).map((e) => e.path)).toContain('days')
    const nan = { ...valid, routing: { primaryAttempts: Number.NaN } }
    expect(errorsOf(parseScenario(nan)).map((e) => e.path)).toContain('routing.primaryAttempts')
  })

  it('rejects unknown site ids in overrides and timeline events', () => {
    const scenario = {
      ...valid,
      siteOverrides: [{ siteId: 'atlantis', isDown: true }],
      timeline: [{ kind: 'outage', at: '2020-03-28T00:00Z', siteId: 'el-dorado' }],
    }
    const errors = errorsOf(parseScenario(scenario))
    expect(errors.map((e) => e.path)).toEqual(['siteOverrides[0].siteId', 'timeline[0].siteId'])
    expect(errors[0]?.message).toMatch(/unknown site id "atlantis"/)
  })

  it('rejects unknown fields, policies and timeline events outside the run', () => {
    const errors = errorsOf(
      parseScenario({
        ...valid,
        polcy: 'geofenced',
        policy: 'open-door',
        timeline: [{ kind: 'policy', at: '2021-01-01T00:00Z', policy: 'geofenced' }],
      }),
    )
    const paths = errors.map((e) => e.path)
    expect(paths).toContain('(top level)')
    expect(paths).toContain('policy')
    const outside = errorsOf(
      parseScenario({
        ...valid,
        timeline: [{ kind: 'policy', at: '2021-01-01T00:00Z', policy: 'geofenced' }],
      }),
    )
    expect(outside).toEqual([
      { path: 'timeline[0].at', message: expect.stringMatching(/outside the run/) as string },
    ])
  })

  it('refuses a file over the size limit before parsing it', () => {
    const huge = ' '.repeat(MAX_SCENARIO_BYTES + 1)
    const [error] = errorsOf(parseScenarioText(huge))
    expect(error?.message).toMatch(/limited to 2 MB/)
  })

  it('refuses a scenario for its size only above the memory bound, naming what to reduce', () => {
    const long = { ...valid, days: 120, timeline: [], demand: { ...valid.demand, scale: 1 } }
    expect(parseScenario(long).ok).toBe(true)
    const crowded = {
      ...valid,
      demand: { ...valid.demand, scale: 1, surgeMultiplier: 100 },
      timeline: [],
      days: 120,
    }
    const errors = errorsOf(parseScenario(crowded))
    expect(errors).toEqual([
      {
        path: 'demand.scale',
        message: expect.stringMatching(
          /GB of memory; the limit is 2\.0 GB\. .*lower demand\.scale/,
        ) as string,
      },
    ])
  })

  it('rejects a non-object and an array without throwing', () => {
    expect(errorsOf(parseScenario(null))[0]?.path).toBe('(top level)')
    expect(errorsOf(parseScenarioText('[1,2,3]'))[0]?.path).toBe('(top level)')
    expect(errorsOf(parseScenarioText('"just a string"'))[0]?.message).toMatch(/expected object/)
  })

  it('keeps the absolute demand of a filtered population', () => {
    const parsed = parseScenario(valid)
    if (!parsed.ok) throw new Error('preset invalid')
    const filtered = estimateJoins(parsed.scenario)
    const whole = estimateJoins({ ...parsed.scenario, population: {} })
    expect(filtered).toBeGreaterThan(0)
    expect(filtered).toBeLessThan(whole * 0.6)
    const resolved = resolveScenario(parsed.scenario)
    expect(new Set(resolved.world.cities.map((c) => c.country))).toEqual(new Set(['US', 'CA']))
    expect(resolved.baseCityWeight).toBeGreaterThan(
      resolved.world.cities.reduce((s, c) => s + c.weight, 0),
    )
  })

  it('leaves out a site that opens after the run ends', () => {
    const parsed = parseScenario(valid)
    if (!parsed.ok) throw new Error('preset invalid')
    const ids = resolveScenario(parsed.scenario).world.sites.map((s) => s.id)
    expect(ids).not.toContain('singapore')
    expect(ids).toContain('beijing')
  })

  it('keeps the committed JSON Schema in step with the zod schema', () => {
    const committed = JSON.parse(readFileSync('scenario.schema.json', 'utf8')) as unknown
    expect(committed).toEqual(scenarioJsonSchema())
  })
})

describe('withScenarioChanges', () => {
  const base = PRESETS['surge-march-2020']

  it('applies surge, account mix and site changes, the same whatever order the sites were changed in', () => {
    const a = withScenarioChanges(base, {
      surgeMultiplier: 1.5,
      accounts: { free: 0.5, paid: 0.4, government: 0.1 },
      siteOverrides: { toronto: { isDown: true }, beijing: { capacityParticipants: 1000 } },
    })
    const b = withScenarioChanges(base, {
      surgeMultiplier: 1.5,
      accounts: { free: 0.5, paid: 0.4, government: 0.1 },
      siteOverrides: { beijing: { capacityParticipants: 1000 }, toronto: { isDown: true } },
    })
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(a.demand.surgeMultiplier).toBe(1.5)
    expect(a.accounts).toMatchObject({ free: 0.5, paid: 0.4, government: 0.1 })
    expect(a.siteOverrides?.map((o) => o.siteId).slice(-2)).toEqual(['beijing', 'toronto'])
    expect(parseScenario(a).ok).toBe(true)
  })

  it('leaves a scenario with no changes as it is', () => {
    expect(withScenarioChanges(base, {})).toEqual(base)
  })
})
