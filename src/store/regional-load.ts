/**
 * Load against the capacity that serves it. A scenario whose participants live in a few regions
 * (US and Canada for citizenlab-2020) is judged against the primaries of those regions, not the
 * capacity of every site in the world: the world's total hides full primaries behind idle sites
 * no participant may use first.
 */
import { REGION_IDS } from '../sim/model'
import type { PolicyId, RegionId, StepRecord, World } from '../sim/model'
import { lruMemoize, weakMapMemoize } from 'reselect'
import { GROWING_LIST_CACHE } from './growing-list'
import { MAX_CHART_POINTS } from './chart-selectors'
import { buckets } from './selectors'
import { siteRoles } from './site-selectors'

/**
 * The regions the scenario's participants live in: those of the resolved world's cities (the
 * resolution keeps only the cities of `population.countries`), in the routing table's order.
 */
export const participantRegions = weakMapMemoize((world: World): readonly RegionId[] => {
  const present = new Set(world.cities.map((c) => c.region))
  return REGION_IDS.filter((r) => present.has(r))
})

/** Which sites serve the participants under a policy, as site indices. */
export interface LoadScope {
  readonly regions: readonly RegionId[]
  /** Sites that are a first choice for some participant city (free accounts). */
  readonly primary: readonly number[]
  /** Sites only on the backup lists of those cities. */
  readonly secondary: readonly number[]
}

/**
 * The primaries and the backup-only sites of the participants' cities under `policy`, with the
 * backup lists as corrected on 3 April when `isListCorrected`.
 */
export function loadScope(world: World, policy: PolicyId, isListCorrected = false): LoadScope {
  return scopeOf(world, policy, isListCorrected)
}

const scopeOf = weakMapMemoize(
  (world: World, policy: PolicyId, isListCorrected: boolean): LoadScope => {
    const roles = siteRoles(world, policy, undefined, isListCorrected)
    const primary: number[] = []
    const secondary: number[] = []
    roles.forEach((role, i) => {
      if (role.primaryForCities > 0) primary.push(i)
      else if (role.secondaryForCities > 0) secondary.push(i)
    })
    return { regions: participantRegions(world), primary, secondary }
  },
)

/** One point of the load chart, in simulated participants. */
export interface LoadPoint {
  readonly minutes: number
  /** Concurrent participants of the participant regions, wherever they are connected. */
  readonly load: number
  /** Capacity of the participant regions' primaries that are up. */
  readonly primaryCapacity: number
  /** Capacity of the backup-only sites that are up (the fallback). */
  readonly secondaryCapacity: number
}

const sumOver = (values: readonly number[], indices: readonly number[], down: readonly boolean[]) =>
  indices.reduce((sum, i) => sum + (down[i] ? 0 : (values[i] ?? 0)), 0)

/**
 * The load series: per step, or bucket maxima past {@link MAX_CHART_POINTS}. Each step is scoped
 * by the policy and backup lists in force in it, so the 3 April correction takes China off the
 * backup line.
 */
export function loadSeries(steps: readonly StepRecord[], world: World): readonly LoadPoint[] {
  return loadSeriesOf(steps, world, steps.length)
}

// The store appends to a run's step list in place: the count is part of the key.
const loadSeriesOf = lruMemoize(
  (steps: readonly StepRecord[], world: World, _count: number): readonly LoadPoint[] =>
    buckets(steps.length, MAX_CHART_POINTS).map(([start, end]) => {
      let load = 0
      let primaryCapacity = 0
      let secondaryCapacity = 0
      for (let i = start; i < end; i++) {
        const step = steps[i] as StepRecord
        const scope = loadScope(world, step.policy, step.isListCorrected)
        load = Math.max(
          load,
          step.siteOccupancy.reduce((a, b) => a + b, 0),
        )
        primaryCapacity = Math.max(
          primaryCapacity,
          sumOver(step.siteCapacity, scope.primary, step.siteDown),
        )
        secondaryCapacity = Math.max(
          secondaryCapacity,
          sumOver(step.siteCapacity, scope.secondary, step.siteDown),
        )
      }
      return {
        minutes: (steps[start] as StepRecord).startMinutes,
        load,
        primaryCapacity,
        secondaryCapacity,
      }
    }),
  GROWING_LIST_CACHE,
)

/** "US and Canada", "US, Canada and Europe", "all 8 regions". */
export function regionsText(world: World, regions: readonly RegionId[]): string {
  if (regions.length === REGION_IDS.length) return `all ${regions.length} regions`
  const names = regions.map((r) => world.regions.find((x) => x.id === r)?.name ?? r)
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1] ?? ''}`
}
