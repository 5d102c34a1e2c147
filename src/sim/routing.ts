/**
 * Routing policies, closed in one place: a policy is data (id, label, summary, provenance,
 * whether the account kind matters to it) plus one small function
 * that says which sites a participant may try as primaries (nearest first) and which form its
 * secondary (backup) list, and what a backup-list correction (the 3 April 2020 fix, a
 * `list-correction` timeline event) does to it. The engine compiles a policy into lookup tables
 * once and never needs to know which policy it runs: adding a policy is one object here, in
 * {@link POLICY_LIST}; the ids (`PolicyId`, `POLICY_IDS`, the scenario schema's enum) and the
 * UI's traits derive from it.
 */
import type { AccountKind, Provenance, RegionId, World } from './model'
import { ACCOUNT_KINDS } from './model'
import { greatCircleKm } from './geo'

/** What a policy knows about one participant when it chooses sites. Indices are into `world.sites`. */
export interface PolicyContext {
  readonly world: World
  /** Index of the participant's city in `world.cities`. */
  readonly cityIndex: number
  readonly account: AccountKind
  /** Regions a paid account has opted into (its home region is always added). */
  readonly paidOptInRegions: readonly RegionId[]
  /** Every site index of a region, nearest to the participant first. */
  readonly sitesOfRegion: (region: RegionId) => number[]
  /** Every site index in a country, nearest to the participant first. */
  readonly sitesOfCountry: (country: string) => number[]
}

/** The sites a participant may use. */
export interface SiteChoice {
  /** Tried in order, wrapping around, for up to `primaryAttempts` attempts. */
  readonly primary: readonly number[]
  /** Two (scenario: `secondaryPicks`) are drawn from this list, uniformly without replacement. */
  readonly secondary: readonly number[]
}

/**
 * What a backup-list correction does to a policy. The correction removes the China data centers
 * that the 2020 list held by mistake; a policy that never held them is untouched.
 */
export interface ListCorrection {
  /** One sentence the UI shows: what the correction changes for this policy. */
  readonly change: string
  /** The policy's choice once the lists are corrected; absent when the correction changes nothing. */
  readonly choose?: (ctx: PolicyContext) => SiteChoice
}

/** A named routing policy: data plus one function, and what a list correction does to it. */
export interface RoutingPolicy<Id extends string = PolicyId> {
  readonly id: Id
  readonly label: string
  /** One or two sentences a briefing can read out. */
  readonly summary: string
  readonly provenance: Provenance
  /**
   * Whether the account kind (free, paid, government) changes where the policy sends a
   * participant. When it does not, the account mix changes only the classification of
   * deliveries (government accounts' allowed sites), not the routing.
   */
  readonly isAccountAware: boolean
  readonly choose: (ctx: PolicyContext) => SiteChoice
  readonly listCorrection: ListCorrection
}

/** A policy with its id's literal type kept, so the ids can be derived from the list. */
function definePolicy<const Id extends string>(policy: RoutingPolicy<Id>): RoutingPolicy<Id> {
  return policy
}

/** Whether a list correction changes what the policy chooses. */
export function isChangedByListCorrection(policy: RoutingPolicy): boolean {
  return policy.listCorrection.choose !== undefined
}

/** No change under a list correction, for a policy that never listed China for clients outside it. */
const untouched = (change: string): ListCorrection => ({ change: `No change: ${change}` })

const CHINA: RegionId = 'CN'

function homeRegion(ctx: PolicyContext): RegionId {
  return (ctx.world.cities[ctx.cityIndex] as { region: RegionId }).region
}

function homeCountry(ctx: PolicyContext): string {
  return (ctx.world.cities[ctx.cityIndex] as { country: string }).country
}

function secondaryRegionsOf(ctx: PolicyContext, region: RegionId): readonly RegionId[] {
  return ctx.world.regions.find((r) => r.id === region)?.secondaryRegions ?? []
}

function sitesOfRegions(ctx: PolicyContext, regions: readonly RegionId[]): number[] {
  return regions.flatMap((r) => ctx.sitesOfRegion(r))
}

/** Geofenced backup list: the home region's neighbours, China fenced both ways. */
function geofencedChoice(ctx: PolicyContext): SiteChoice {
  const home = homeRegion(ctx)
  const neighbours = secondaryRegionsOf(ctx, home).filter(
    (r) => r !== home && (home === CHINA) === (r === CHINA),
  )
  return { primary: ctx.sitesOfRegion(home), secondary: sitesOfRegions(ctx, neighbours) }
}

/**
 * Government accounts: sites in their own country, or their home region where it has none. No
 * secondary list: every allowed site is already a primary, so there is nowhere else to go.
 */
function ownCountryChoice(ctx: PolicyContext): SiteChoice {
  const own = ctx.sitesOfCountry(homeCountry(ctx))
  return { primary: own.length > 0 ? own : ctx.sitesOfRegion(homeRegion(ctx)), secondary: [] }
}

const misconfigured2020 = definePolicy({
  id: 'misconfigured-2020',
  label: 'Misconfigured backup list (Feb - 3 Apr 2020)',
  summary:
    "Clients try their region's primary data centers; when those fail they try two secondaries from a backup list that mistakenly holds the two China data centers for every region.",
  provenance: {
    kind: 'sourced',
    ref: 'https://www.ubergizmo.com/2020/04/zoom-calls-routed-to-china/',
    note: 'Zoom, 3 April 2020: clients try primary datacenters, then "two secondary datacenters off of a list of several"; the FT and TechCrunch report the two China data centers were mistakenly on the backup list since February.',
  },
  isAccountAware: false,
  choose(ctx) {
    const base = geofencedChoice(ctx)
    if (homeRegion(ctx) === CHINA) return base
    return { primary: base.primary, secondary: [...base.secondary, ...ctx.sitesOfRegion(CHINA)] }
  },
  listCorrection: {
    change: 'Removes the two China data centers from the backup lists (the geofenced list).',
    choose: geofencedChoice,
  },
})

const geofenced = definePolicy({
  id: 'geofenced',
  label: 'Geofenced backup list',
  summary:
    "Secondaries come only from the home region's neighbouring regions; China is fenced both ways, so no client outside China falls back to China and China's clients stay in China.",
  provenance: {
    kind: 'sourced',
    ref: 'https://www.straitstimes.com/asia/east-asia/zoom-shifting-to-partner-only-model-in-china-will-halt-direct-sales-in-region',
    note: 'Reuters: Zoom took its mainland China data centres off the approved list of backups for users outside China. Assumptions: the neighbour lists, and that clients in China fall back only inside China.',
  },
  isAccountAware: false,
  choose: geofencedChoice,
  listCorrection: untouched('this policy never listed China.'),
})

const regionControl = definePolicy({
  id: 'region-control',
  label: 'Data-routing control (from 18 Apr 2020)',
  summary:
    'Paid accounts fall back only to regions they opted into; the home region is locked; free accounts stay in their home region; China is opt-in only. (Keeping government accounts in their own country is this model’s assumption.)',
  provenance: {
    kind: 'sourced',
    ref: 'https://www.businessinsider.com/zoom-data-routing-control-china-servers-2020-4?r=US&IR=T',
    note: 'From 18 April 2020 paid admins opt in or out of regions, the default region is locked, free users are locked to their default region. Treating the participant’s region as the locked one is a simplification.',
  },
  isAccountAware: true,
  choose(ctx) {
    const home = homeRegion(ctx)
    if (ctx.account === 'government') return ownCountryChoice(ctx)
    // Free accounts stay in their home region, whose sites are all primaries: no fallback.
    if (ctx.account === 'free') return { primary: ctx.sitesOfRegion(home), secondary: [] }
    const optedIn = ctx.paidOptInRegions.filter((r) => r !== home)
    const chinaAllowed = home !== CHINA || ctx.paidOptInRegions.includes(CHINA)
    if (!chinaAllowed) {
      // A China-based paid account that did not opt into China connects from outside China.
      const outside = sitesOfRegions(ctx, optedIn.length > 0 ? optedIn : ['JPHK'])
      return { primary: outside, secondary: [] }
    }
    const secondary = sitesOfRegions(ctx, optedIn)
    return { primary: ctx.sitesOfRegion(home), secondary }
  },
  listCorrection: untouched('China is listed only for accounts that opted into it.'),
})

const government = definePolicy({
  id: 'government',
  label: 'Government carve-out during the misconfiguration',
  summary:
    'Government accounts use only data centers in their own country; free and paid accounts follow the misconfigured 2020 backup list.',
  provenance: {
    kind: 'sourced',
    ref: 'https://indiatoday.in/technology/news/story/zoom-admits-routing-user-data-through-china-says-govt-customers-unaffected-1664391-2020-04-07',
    note: 'Reported: government customers were not affected. Pinning them to their own country is an assumption about how.',
  },
  isAccountAware: true,
  choose(ctx) {
    return ctx.account === 'government' ? ownCountryChoice(ctx) : misconfigured2020.choose(ctx)
  },
  listCorrection: {
    change:
      'Removes the two China data centers from the backup lists of free and paid accounts; government accounts are unchanged.',
    choose: (ctx) => (ctx.account === 'government' ? ownCountryChoice(ctx) : geofencedChoice(ctx)),
  },
})

const failClosed = definePolicy({
  id: 'fail-closed',
  label: 'Fail closed (no secondaries)',
  summary:
    'Clients try only their region’s primary data centers; what the primaries cannot take is blocked, never redirected.',
  provenance: { kind: 'assumption', note: 'A counterfactual for comparison: no fallback at all.' },
  isAccountAware: false,
  choose(ctx) {
    return { primary: ctx.sitesOfRegion(homeRegion(ctx)), secondary: [] }
  },
  listCorrection: untouched('this policy has no backup lists.'),
})

/** The built-in policies, in the order the UI and the CLI list them: the one list of policies. */
export const POLICY_LIST = [misconfigured2020, geofenced, regionControl, government, failClosed]

/** Name of a routing policy. */
export type PolicyId = (typeof POLICY_LIST)[number]['id']

/** The policies' ids, in list order (a non-empty tuple, as zod's enum takes it). */
export const POLICY_IDS = POLICY_LIST.map((p) => p.id) as unknown as readonly [
  PolicyId,
  ...PolicyId[],
]

/** The built-in policies by id. */
export const POLICIES = Object.fromEntries(POLICY_LIST.map((p) => [p.id, p])) as Readonly<
  Record<PolicyId, RoutingPolicy>
>

/**
 * A policy compiled for one world: per (city, account) the primary and secondary site indices.
 * Index a table with `cityIndex * ACCOUNT_KINDS.length + accountIndex`.
 */
export interface RoutingTables {
  readonly policyId: PolicyId
  readonly primary: readonly Int16Array[]
  readonly secondary: readonly Int16Array[]
}

/** Site indices nearest first, per city, for every region and country (built once per world). */
export interface SiteIndex {
  readonly byRegion: ReadonlyArray<ReadonlyMap<string, number[]>>
  readonly byCountry: ReadonlyArray<ReadonlyMap<string, number[]>>
}

/** Orders the sites by distance from each city, grouped by region and by country. */
export function buildSiteIndex(world: World): SiteIndex {
  const byRegion: Map<string, number[]>[] = []
  const byCountry: Map<string, number[]>[] = []
  for (const city of world.cities) {
    const order = world.sites
      .map((site, index) => ({ index, km: greatCircleKm(city.lat, city.lon, site.lat, site.lon) }))
      .sort((a, b) => a.km - b.km || a.index - b.index)
    const regions = new Map<string, number[]>()
    const countries = new Map<string, number[]>()
    for (const { index } of order) {
      const site = world.sites[index] as { region: string; country: string }
      regions.set(site.region, [...(regions.get(site.region) ?? []), index])
      countries.set(site.country, [...(countries.get(site.country) ?? []), index])
    }
    byRegion.push(regions)
    byCountry.push(countries)
  }
  return { byRegion, byCountry }
}

/**
 * Compiles a policy into tables for every (city, account) of the world: its own choice, or with
 * `isListCorrected` its choice after a list correction (the same when the correction changes nothing).
 */
export function compilePolicy(
  policy: RoutingPolicy,
  world: World,
  index: SiteIndex,
  paidOptInRegions: readonly RegionId[],
  isListCorrected = false,
): RoutingTables {
  const choose = (isListCorrected ? policy.listCorrection.choose : undefined) ?? policy.choose
  const primary: Int16Array[] = []
  const secondary: Int16Array[] = []
  world.cities.forEach((_, cityIndex) => {
    const regions = index.byRegion[cityIndex] as ReadonlyMap<string, number[]>
    const countries = index.byCountry[cityIndex] as ReadonlyMap<string, number[]>
    for (const account of ACCOUNT_KINDS) {
      const choice = choose({
        world,
        cityIndex,
        account,
        paidOptInRegions,
        sitesOfRegion: (r) => [...(regions.get(r) ?? [])],
        sitesOfCountry: (c) => [...(countries.get(c) ?? [])],
      })
      primary.push(Int16Array.from(choice.primary))
      secondary.push(Int16Array.from(choice.secondary))
    }
  })
  return { policyId: policy.id, primary, secondary }
}

/**
 * The tables of one world's policies, compiled on first use and kept: each (policy, corrected)
 * once per run. A correction that changes nothing reuses the plain tables.
 */
export class PolicyTables {
  private readonly index: SiteIndex
  private readonly compiled = new Map<string, RoutingTables>()

  constructor(
    private readonly world: World,
    private readonly paidOptInRegions: readonly RegionId[],
  ) {
    this.index = buildSiteIndex(world)
  }

  /** A policy's tables, corrected or not. */
  get(policyId: PolicyId, isListCorrected: boolean): RoutingTables {
    const policy = POLICIES[policyId]
    const isCorrected = isListCorrected && isChangedByListCorrection(policy)
    const key = `${policyId}|${isCorrected ? 1 : 0}`
    let tables = this.compiled.get(key)
    if (!tables) {
      tables = compilePolicy(policy, this.world, this.index, this.paidOptInRegions, isCorrected)
      this.compiled.set(key, tables)
    }
    return tables
  }
}

/**
 * Probability that an attempt on a site fails by chance at utilisation `u` (0..1): zero up to
 * the threshold, then `maxFailureProbability * ((u - threshold) / (1 - threshold)) ^ exponent`.
 * The curve's shape is an assumption: no public figures exist for Zoom's connection failures.
 */
export function congestionFailureProbability(
  utilisation: number,
  curve: {
    readonly thresholdUtilisation: number
    readonly maxFailureProbability: number
    readonly exponent: number
  },
): number {
  if (utilisation <= curve.thresholdUtilisation) return 0
  if (curve.thresholdUtilisation >= 1) return 0
  const x = Math.min(
    1,
    (utilisation - curve.thresholdUtilisation) / (1 - curve.thresholdUtilisation),
  )
  return curve.maxFailureProbability * Math.pow(x, curve.exponent)
}
