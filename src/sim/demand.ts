/**
 * Demand as a scenario states it: the world a scenario runs in, daily participants on a day, and
 * the expected number of simulated joins. Pure functions of the validated scenario.
 */
import type { World } from './model'
import { utcDayMs } from './dates'
import { WORLD_2020 } from './presets/world-2020'
import type { Scenario } from './scenario'

/** The world a scenario names (the built-in 2020 world) or defines, before any filtering. */
export function worldOf(scenario: Scenario): World {
  return scenario.world === 'zoom-2020' ? WORLD_2020 : scenario.world
}

/** Daily participants (real, unscaled) on a UTC day, interpolated linearly between points. */
export function dailyParticipantsAt(scenario: Scenario, dayMs: number): number {
  const points = scenario.demand.dailyParticipants
    .map((p) => ({ t: utcDayMs(p.date), v: p.participants }))
    .sort((a, b) => a.t - b.t)
  const first = points[0]
  if (!first) return 0
  if (dayMs <= first.t) return first.v
  for (let i = 1; i < points.length; i++) {
    const a = points[i - 1] as { t: number; v: number }
    const b = points[i] as { t: number; v: number }
    if (dayMs <= b.t) return a.v + ((b.v - a.v) * (dayMs - a.t)) / (b.t - a.t)
  }
  return (points[points.length - 1] as { v: number }).v
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
