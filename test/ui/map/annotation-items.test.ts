import { describe, expect, it } from 'vitest'
import type { StepFlow, StepRecord } from '../../../src/sim/model'
import { MAP_LAYERS } from '../../../src/sim/briefing'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'
import type { Layers } from '../../../src/store/store'
import { labelItemsOf } from '../../../src/ui/map/annotation-items'
import type { CountrySymbol, LabelInputs } from '../../../src/ui/map/annotation-items'

const world = WORLD_2020
const flow = (s: string, c: string, deliveries: number, exposures: number): StepFlow => ({
  siteIndex: world.sites.findIndex((x) => x.id === s),
  cityIndex: world.cities.findIndex((x) => x.id === c),
  deliveries,
  exposures,
  concern: exposures,
})
const stepWith = (index: number, flows: StepFlow[]): StepRecord =>
  ({ step: index, startMinutes: index * 60, flows }) as unknown as StepRecord
const layers = Object.fromEntries(MAP_LAYERS.map((l) => [l, true])) as Layers
const usa = (radiusPx: number): CountrySymbol => ({
  country: 'US',
  lat: 39,
  lon: -98,
  radiusPx,
  keys: 7,
})
const inputs = (step: StepRecord, symbols: CountrySymbol[]): LabelInputs => ({
  world,
  step,
  concern: ['CN'],
  selection: null,
  incident: undefined,
  layers,
  symbols,
  period: 'this hour',
})

describe('the map labels of a step', () => {
  const first = stepWith(0, [flow('beijing', 'new-york', 30, 7)])
  const second = stepWith(1, [flow('toronto', 'miami', 9, 2)])

  it('follow a new peak of the country circles while the places stay those of the step', () => {
    const before = labelItemsOf(inputs(first, [usa(10)]))
    const after = labelItemsOf(inputs(first, [usa(20)]))
    expect(after.find((i) => i.id === 'country:US')?.clearancePx).toBe(20)
    expect(after.filter((i) => !i.id.startsWith('country:'))).toEqual(
      before.filter((i) => !i.id.startsWith('country:')),
    )
  })

  it('name the places of the step shown, not of the step shown before', () => {
    labelItemsOf(inputs(first, [usa(10)]))
    const ids = labelItemsOf(inputs(second, [usa(10)])).map((i) => i.id)
    expect(ids).toContain('city:miami')
    expect(ids).not.toContain('city:new-york')
  })
})
