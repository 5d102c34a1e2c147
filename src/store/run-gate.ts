/**
 * The question a long run asks before it starts: the estimate of the runs a launch would start,
 * and whether they are long enough to ask first (see src/sim/run-size.ts).
 */
import { weakMapMemoize } from 'reselect'
import { CONFIRM_ABOVE_SECONDS, estimateRun } from '../sim/run-size'
import type { RunEstimate } from '../sim/run-size'
import { parseScenario } from '../sim/scenario'
import type { Scenario, ScenarioInput } from '../sim/scenario'
import type { AppState } from './store'

/** What a launch started its runs with; declining a later long run brings it back. */
export type LaunchChoices = Pick<
  AppState,
  'settings' | 'customScenario' | 'siteOverrides' | 'comparePolicy' | 'estimate'
>

// Worlds a whole-scenario check has passed (an imported file's, checked in the worker).
const checkedWorlds = new WeakSet<object>()

/** Notes that `world`, as a successful parse returned it, needs no second check of its cities. */
export function markWorldChecked(world: unknown): void {
  if (typeof world === 'object' && world !== null) checkedWorlds.add(world)
}

/**
 * `parseScenario`, but a checked world's cities get no second look (thousands of them take
 * hundreds of ms on the page): the check runs on a copy with one city per country, which keeps
 * every rule about sites, regions and the countries named, and the result holds the real world.
 * The estimate and a sweep's grid points are checked this way.
 */
export function parseCheckedScenario(scenario: ScenarioInput): ReturnType<typeof parseScenario> {
  const world: unknown = scenario.world
  if (typeof world !== 'object' || world === null || !checkedWorlds.has(world))
    return parseScenario(scenario)
  const { cities } = world as { cities: ReadonlyArray<{ country: string }> }
  const countries = new Set<string>()
  const oneCityPerCountry = cities.filter(
    (c) => !countries.has(c.country) && Boolean(countries.add(c.country)),
  )
  const parsed = parseScenario({ ...scenario, world: { ...world, cities: oneCityPerCountry } })
  return parsed.ok
    ? { ok: true, scenario: { ...parsed.scenario, world: world as Scenario['world'] } }
    : parsed
}

// Per scenario, not per launch: choosing a policy to compare with asks again of the same one, and
// parsing a 200 x 5,000 world again took 6 to 10 ms of that click's task.
const parsedForEstimate = weakMapMemoize(parseCheckedScenario)

/**
 * Estimate of the `runs` new runs of `scenario` a launch starts (two when a comparison policy
 * runs beside it and neither run is on screen yet; both share the worker). A run kept on screen
 * costs nothing again. Null for a scenario the worker will refuse: it reports why.
 */
export const estimateLaunch = weakMapMemoize(
  (scenario: ScenarioInput, runs: number): RunEstimate | null => {
    const parsed = parsedForEstimate(scenario)
    return parsed.ok ? estimateRun(parsed.scenario, runs) : null
  },
)

/** Whether a launch with this estimate asks before it starts (expected over a minute in the app). */
export function asksFirst(estimate: RunEstimate | null): boolean {
  return estimate !== null && estimate.appSeconds > CONFIRM_ABOVE_SECONDS
}
