import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { MAX_SCENARIO_BYTES, parseScenarioText } from '../../src/sim/scenario'
import type { Scenario } from '../../src/sim/scenario'
import { busiestStep } from './page-measure'
import { STRESS_CASES, STRESS_CONCERN, stressScenario, writeStressWorlds } from './stress-worlds'

const SIZES: Record<string, readonly [number, number]> = {
  '60x1000': [60, 1000],
  '200x5000': [200, 5000],
  'misconfigured-list': [40, 600],
  congested: [40, 800],
}

function parsed(name: string): Scenario {
  const c = STRESS_CASES.find((x) => x.name === name)
  if (!c) throw new Error(`no stress case ${name}`)
  const result = parseScenarioText(JSON.stringify(stressScenario(c)))
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  return result.scenario
}

function worldOf(scenario: Scenario) {
  if (scenario.world === 'zoom-2020') throw new Error('a stress case brings its own world')
  return scenario.world
}

describe('stress worlds', () => {
  it('has the four cases the browser benchmark measures', () => {
    expect(STRESS_CASES.map((c) => c.name)).toEqual(Object.keys(SIZES))
  })

  it.each(Object.entries(SIZES))(
    '%s parses under the scenario schema with its stated numbers of sites and cities',
    (name, [sites, cities]) => {
      const world = worldOf(parsed(name))
      expect(world.sites).toHaveLength(sites)
      expect(world.cities).toHaveLength(cities)
    },
  )

  it('keeps every file under the import size limit', () => {
    for (const c of STRESS_CASES)
      expect(JSON.stringify(stressScenario(c)).length).toBeLessThan(MAX_SCENARIO_BYTES)
  })

  it('builds the same file from the same case every time', () => {
    const c = STRESS_CASES[0]
    if (!c) throw new Error('no cases')
    expect(JSON.stringify(stressScenario(c))).toBe(JSON.stringify(stressScenario(c)))
  })

  it('puts sites in several countries, including each jurisdiction of concern', () => {
    for (const name of Object.keys(SIZES)) {
      const scenario = parsed(name)
      const world = worldOf(scenario)
      expect(scenario.keys.concernJurisdictions).toEqual([...STRESS_CONCERN])
      expect(new Set(world.sites.map((s) => s.country)).size).toBeGreaterThanOrEqual(8)
      for (const j of STRESS_CONCERN)
        expect(world.sites.some((s) => s.jurisdiction === j)).toBe(true)
    }
  })

  it('keeps cities and sites on plausible coordinates with local time offsets', () => {
    const world = worldOf(parsed('200x5000'))
    for (const place of [...world.sites, ...world.cities]) {
      expect(place.lat).toBeGreaterThan(-45)
      expect(place.lat).toBeLessThan(60)
    }
    const newYorkish = world.cities.filter((c) => c.country === 'US' && c.lon > -82)
    expect(newYorkish.length).toBeGreaterThan(0)
    for (const c of newYorkish) expect(c.utcOffsetHours).toBe(-5)
  })

  it('runs the misconfigured list with the China data centres on the backup list', () => {
    const scenario = parsed('misconfigured-list')
    expect(scenario.policy).toBe('misconfigured-2020')
    expect(worldOf(scenario).sites.some((s) => s.region === 'CN')).toBe(true)
  })

  it('gives the congested world far less capacity than the busy ones', () => {
    const capacity = (name: string) =>
      worldOf(parsed(name)).sites.reduce((sum, s) => sum + s.capacityParticipants, 0)
    expect(capacity('congested')).toBeLessThan(capacity('misconfigured-list') / 5)
  })

  it.each([
    ['60x1000', 12_000, 20_000],
    ['200x5000', 50_000, 75_000],
  ] as const)(
    '%s draws between %i and %i key paths at its busiest step, at least 1,000 with keys from a jurisdiction of concern',
    (name, low, high) => {
      const c = STRESS_CASES.find((x) => x.name === name)
      if (!c) throw new Error(`no stress case ${name}`)
      const busiest = busiestStep(stressScenario(c))
      expect(busiest.flows).toBeGreaterThanOrEqual(low)
      expect(busiest.flows).toBeLessThanOrEqual(high)
      expect(busiest.concernFlows).toBeGreaterThanOrEqual(1000)
    },
  )

  it('writes one readable file per case into a directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-stress-'))
    try {
      const paths = writeStressWorlds(dir)
      expect(paths.map((p) => p.slice(dir.length + 1))).toEqual(
        Object.keys(SIZES).map((n) => `${n}.json`),
      )
      for (const p of paths) expect(parseScenarioText(readFileSync(p, 'utf8')).ok).toBe(true)
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
