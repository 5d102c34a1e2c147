import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { estimateLaunch } from '../../src/store/run-gate'
import { launchKey } from '../../src/store/launch-key'
import { scenarioForSettings, settingsForPreset } from '../../src/store/settings'

describe('launch keys and estimates', () => {
  it('keys a launch by the JSON of its scenario, seed, policy and hold choice', () => {
    const launch = {
      scenario: PRESETS['citizenlab-2020'],
      seed: 7,
      policy: 'geofenced' as const,
      holdPolicy: true,
    }
    const expected = JSON.stringify([launch.scenario, 7, 'geofenced', true])
    expect(launchKey(launch)).toBe(expected)
    // Again from the cache, and a copy of the scenario gives the same key.
    expect(launchKey(launch)).toBe(expected)
    expect(launchKey({ ...launch, scenario: structuredClone(launch.scenario) })).toBe(expected)
    expect(launchKey({ ...launch, seed: 8 })).not.toBe(expected)
  })

  it('gives the same scenario object and estimate for the same settings, new ones for new settings', () => {
    const settings = settingsForPreset('citizenlab-2020')
    const scenario = scenarioForSettings(settings, null)
    expect(scenarioForSettings(settings, null)).toBe(scenario)
    expect(estimateLaunch(scenario, 1)).toBe(estimateLaunch(scenario, 1))
    const doubled = scenarioForSettings({ ...settings, surgeMultiplier: 2 }, null)
    expect(doubled).not.toBe(scenario)
    expect(estimateLaunch(scenario, 2)!.expectedSeconds).toBeCloseTo(
      2 * estimateLaunch(scenario, 1)!.expectedSeconds,
    )
  })
})
