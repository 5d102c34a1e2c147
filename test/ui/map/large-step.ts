import type { StepFlow, StepRecord, World } from '../../../src/sim/model'
import { WORLD_2020 } from '../../../src/sim/presets/world-2020'

/** The counts of a step's `i`th flow. */
type CountsOf = (i: number) => Pick<StepFlow, 'deliveries' | 'exposures' | 'concern'>

/**
 * A fresh world, five times the preset's cities (so no other test has shaped its pairs), and a
 * step over its first `count` pairs, every site of a city before the next city.
 */
export function largeStep(
  count: number,
  countsOf: CountsOf = () => ({ deliveries: 1, exposures: 0, concern: 0 }),
): { world: World; step: StepRecord } {
  const cities = [0, 1, 2, 3, 4].flatMap((copy) =>
    WORLD_2020.cities.map((c) => ({ ...c, id: `${c.id}-${copy}` })),
  )
  const world: World = { ...WORLD_2020, cities }
  const flows: StepFlow[] = Array.from({ length: count }, (_, i) => ({
    siteIndex: i % world.sites.length,
    cityIndex: Math.floor(i / world.sites.length),
    ...countsOf(i),
  }))
  return { world, step: { flows } as unknown as StepRecord }
}
