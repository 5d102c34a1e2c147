/**
 * The world a scenario runs in and the number of joins it is expected to simulate, worked out
 * before a run. Apart from demand.ts so the engine, which runs an already resolved world, does
 * not load the built-in world and its schema (and zod) into the replication threads.
 */
import type { World } from './model'
import { utcDayMs } from './dates'
import { dailyParticipantsAt } from './demand'
import { WORLD_2020 } from './presets/world-2020'
import type { Scenario } from './scenario'

/** The world a scenario names (the built-in 2020 world) or defines, before any filtering. */
export function worldOf(scenario: Scenario): World {
  return scenario.world === 'zoom-2020' ? WORLD_2020 : scenario.world
}

/**
 * Expected number of simulated participant joins over the run (the population filter and the
 * surge included), before the run starts.
 */
export function estimateJoins(scenario: Scenario): number {
  const world = worldOf(scenario)
  const allWeight = world.cities.reduce((s, c) => s + c.weight, 0)
  const countries = scenario.population.countries
  const keptWeight = countries
    ? world.cities.filter((c) => countries.includes(c.country)).reduce((s, c) => s + c.weight, 0)
    : allWeight
  const start = utcDayMs(scenario.startDate)
  let total = 0
  const wholeDays = Math.ceil(scenario.days)
  for (let d = 0; d < wholeDays; d++) {
    const share = Math.min(1, scenario.days - d)
    total += dailyParticipantsAt(scenario, start + d * 86_400_000) * share
  }
  return (total * scenario.demand.scale * scenario.demand.surgeMultiplier * keptWeight) / allWeight
}
