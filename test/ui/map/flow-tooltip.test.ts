import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../../src/sim/scenario'
import type { AppState } from '../../../src/store/store'
import { flowTooltipText } from '../../../src/ui/map/flow-tooltip'

describe('flowTooltipText', () => {
  const parsed = parseScenario(PRESETS['citizenlab-2020'])
  if (!parsed.ok) throw new Error('the citizenlab-2020 preset does not parse')
  const world = resolveScenario(parsed.scenario).world
  const state = {
    run: { world, stepMinutes: 60, steps: [], stepsDone: 0 },
    compare: null,
    mapRun: 'primary',
  } as unknown as AppState

  it('names a city and counts its joins this hour, in the singular for one', () => {
    const city = world.cities[0]!
    expect(flowTooltipText(state, { kind: 'city', cityIndex: 0, joins: 1 }).lines).toEqual([
      '1 participant joined this hour',
    ])
    const text = flowTooltipText(state, { kind: 'city', cityIndex: 0, joins: 1234 })
    expect(text.title.startsWith(`${city.name}, `)).toBe(true)
    expect(text.lines).toEqual(['1,234 participants joined this hour'])
  })
})
