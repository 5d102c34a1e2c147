import { describe, expect, it } from 'vitest'
import type { StepRecord, World } from '../../src/sim/model'
import { PRESETS } from '../../src/sim/presets/scenarios'
import {
  loadScope,
  loadSeries,
  participantRegions,
  regionsText,
} from '../../src/store/regional-load'
import { realRun } from './run-fixture'

// The 2020 case under its misconfigured list and geofenced, built once for the file.
const [citizenlab, geofenced] = [
  realRun('citizenlab-2020'),
  realRun('citizenlab-2020', 'geofenced'),
]

const siteNames = (world: World, indices: readonly number[]): string[] =>
  indices.map((i) => world.sites[i]?.city ?? '')

describe('load of the participant regions', () => {
  it('takes the participant regions from the resolved world of the real preset (US and Canada)', () => {
    expect(PRESETS['citizenlab-2020'].population?.countries).toEqual(['US', 'CA'])
    const world = citizenlab.world as World
    expect(participantRegions(world)).toEqual(['US', 'CA'])
    expect(regionsText(world, participantRegions(world))).toBe('United States and Canada')
  })

  it('counts the primaries of US and Canadian cities and keeps backup-only sites apart, per policy', () => {
    const world = citizenlab.world as World
    const misconfigured = loadScope(world, 'misconfigured-2020')
    expect(siteNames(world, misconfigured.primary).sort()).toEqual(
      ['New York area', 'San Jose', 'Toronto', 'Vancouver'].sort(),
    )
    expect(siteNames(world, misconfigured.secondary)).toContain('Beijing')
    expect(siteNames(world, loadScope(world, 'geofenced').secondary)).not.toContain('Beijing')
    for (const i of misconfigured.primary) expect(['US', 'CA']).toContain(world.sites[i]?.region)
  })

  it('plots load against the primaries’ capacity, which the full primaries reach, not the 7,980 of every site', () => {
    const world = citizenlab.world as World
    const series = loadSeries(citizenlab.steps, world)
    expect(series).toHaveLength(citizenlab.steps.length)
    const step = citizenlab.steps[14] as StepRecord
    const point = series[14]
    const scope = loadScope(world, step.policy)
    const primaryCapacity = scope.primary.reduce((s, i) => s + (step.siteCapacity[i] ?? 0), 0)
    expect(point?.primaryCapacity).toBe(primaryCapacity)
    expect(point?.load).toBe(step.siteOccupancy.reduce((a, b) => a + b, 0))
    // All sites together would read as ample headroom; the primaries were near full.
    expect(step.capacityParticipants).toBe(7980)
    expect(primaryCapacity).toBeLessThan(step.capacityParticipants / 2)
    expect((point?.load ?? 0) / primaryCapacity).toBeGreaterThan(0.9)
    expect((point?.load ?? 0) / step.capacityParticipants).toBeLessThan(0.5)
  })

  it('moves China out of the backup capacity once the geofenced lists apply', () => {
    const world = geofenced.world as World
    const series = loadSeries(geofenced.steps, world)
    const misconfigured = loadSeries(citizenlab.steps, citizenlab.world as World)
    expect(series[14]?.secondaryCapacity).toBeLessThan(misconfigured[14]?.secondaryCapacity ?? 0)
    expect(series[14]?.primaryCapacity).toBe(misconfigured[14]?.primaryCapacity)
  })

  it('scopes a global scenario to all regions', () => {
    const global = realRun('baseline-dec-2019')
    const world = global.world as World
    expect(regionsText(world, participantRegions(world))).toBe('all 8 regions')
  })
})

describe('load scope after the 3 April correction', () => {
  it('takes China off the backup capacity of the misconfigured list once the lists are corrected', () => {
    const world = citizenlab.world as World
    const corrected = citizenlab.steps.find((s) => s.isListCorrected) as StepRecord
    expect(corrected).toBeDefined()
    const names = siteNames(world, loadScope(world, corrected.policy, true).secondary)
    expect(names).not.toContain('Beijing')
    const i = citizenlab.steps.indexOf(corrected)
    const series = loadSeries(citizenlab.steps, world)
    expect(series[i]?.secondaryCapacity).toBeLessThan(series[i - 1]?.secondaryCapacity ?? 0)
  })
})
