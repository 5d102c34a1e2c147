/**
 * Per-site views: utilisation in a step, a site's utilisation over the run, and its part in a
 * policy's routing lists.
 */
import { lruMemoize, weakMapMemoize } from 'reselect'
import { GROWING_LIST_CACHE } from './growing-list'
import type { PolicyId, RegionId, StepRecord, World } from '../sim/model'
import { ACCOUNT_KINDS } from '../sim/model'
import { POLICIES, buildSiteIndex, compilePolicy } from '../sim/routing'
import { SECTION_DEFAULTS } from '../sim/scenario-schema'
import { buckets } from './selectors'

/** One bar of the per-site utilisation chart. */
export interface SiteLoad {
  readonly siteId: string
  readonly label: string
  readonly jurisdiction: string
  /** Peak utilisation during the step, in percent. */
  readonly utilisationPct: number
  readonly isDown: boolean
}

/** Per-site peak utilisation in one step, busiest first. Stable per (step, world). */
export function siteLoads(step: StepRecord | null, world: World | null): readonly SiteLoad[] {
  if (!step || !world) return []
  return siteLoadsOf(step, world)
}

const siteLoadsOf = weakMapMemoize((step: StepRecord, world: World): readonly SiteLoad[] =>
  world.sites
    .map((site, i) => ({
      siteId: site.id,
      label: site.city,
      jurisdiction: site.jurisdiction,
      utilisationPct: Math.round((step.siteUtilisation[i] ?? 0) * 1000) / 10,
      isDown: step.siteDown[i] ?? false,
    }))
    .sort((a, b) => b.utilisationPct - a.utilisationPct || a.label.localeCompare(b.label)),
)

/**
 * A site's peak utilisation per step (0..1), bucket maxima past `maxPoints`, for a sparkline.
 * Stable per (steps so far, site, points).
 */
export function siteUtilisationSeries(
  steps: readonly StepRecord[],
  siteIndex: number,
  maxPoints = 240,
): readonly number[] {
  return utilisationSeriesOf(steps, steps.length, siteIndex, maxPoints)
}

const utilisationSeriesOf = lruMemoize(
  (steps: readonly StepRecord[], count: number, siteIndex: number, maxPoints: number) =>
    buckets(count, maxPoints).map(([start, end]) => {
      let peak = 0
      for (let i = start; i < end; i++)
        peak = Math.max(peak, (steps[i] as StepRecord).siteUtilisation[siteIndex] ?? 0)
      return peak
    }),
  GROWING_LIST_CACHE,
)

/** A site's part in a policy: for how many cities it is a primary, and on how many backup lists. */
export interface SiteRole {
  readonly primaryForCities: number
  readonly secondaryForCities: number
  readonly cityCount: number
}

/**
 * Every site's role under a policy (lists corrected if `isListCorrected`), for free accounts (the
 * majority): compiled from the policy itself so the panel can never disagree with the engine.
 */
export function siteRoles(
  world: World,
  policy: PolicyId,
  paidOptInRegions: readonly RegionId[] = SCHEMA_OPT_IN_REGIONS,
  isListCorrected = false,
): readonly SiteRole[] {
  return rolesOf(world, policy, paidOptInRegions, isListCorrected)
}

// The schema's default, read from it: a run's own list comes with its `started` message.
const SCHEMA_OPT_IN_REGIONS = SECTION_DEFAULTS.accounts.paidOptInRegions

const rolesOf = weakMapMemoize(
  (
    world: World,
    policy: PolicyId,
    paidOptInRegions: readonly RegionId[],
    isListCorrected: boolean,
  ): readonly SiteRole[] => {
    const index = buildSiteIndex(world)
    const tables = compilePolicy(POLICIES[policy], world, index, paidOptInRegions, isListCorrected)
    const primary = world.sites.map(() => 0)
    const secondary = world.sites.map(() => 0)
    world.cities.forEach((_, cityIndex) => {
      const row = cityIndex * ACCOUNT_KINDS.length + ACCOUNT_KINDS.indexOf('free')
      for (const i of new Set(tables.primary[row] ?? [])) primary[i] = (primary[i] ?? 0) + 1
      for (const i of new Set(tables.secondary[row] ?? [])) secondary[i] = (secondary[i] ?? 0) + 1
    })
    return world.sites.map((_, i) => ({
      primaryForCities: primary[i] ?? 0,
      secondaryForCities: secondary[i] ?? 0,
      cityCount: world.cities.length,
    }))
  },
)
