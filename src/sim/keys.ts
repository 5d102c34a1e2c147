/**
 * Meeting keys: who delivers them and when a delivery is an exposure.
 *
 * The rule (Citizen Lab, 3 April 2020, and the press summaries of its figure): a meeting's
 * single AES-128 key is generated in the cloud when the meeting starts, and each participant's
 * client receives it from the key-distributing server of the site it connected to. Citizen Lab
 * saw the key of a US-Canada meeting reach one participant from a server in Beijing. So one
 * participant's fallback exposes the whole meeting's key: every participant shares it.
 *
 * A delivery is
 * - a cross-border exposure when the key's site lies outside the participant's allowed regions
 *   (see {@link allowedSites}), and
 * - a jurisdiction-of-concern exposure when the key's site lies in a listed jurisdiction
 *   (default CN) where no participant of the meeting is.
 * Both are policy-independent, so two policies are compared against the same yardstick.
 */
import type { AccountKind, FailureReason, RegionId, Site, World } from './model'
import { ACCOUNT_KINDS } from './model'

/** Jurisdiction of a country: the world's mapping (EU members to `EU`) or the ISO code itself. */
export function jurisdictionOf(world: World, country: string): string {
  return world.jurisdictionOfCountry[country] ?? country
}

/**
 * The site that hands the key to a client connected to `siteIndex`: the site itself when it
 * distributes keys, else the nearest key-distributing site of the same region, else the site
 * itself (the model then treats it as distributing). Returns a site index.
 */
export function keySiteFor(world: World, siteIndex: number): number {
  const site = world.sites[siteIndex] as Site
  if (site.distributesKeys) return siteIndex
  let best = siteIndex
  let bestKm = Infinity
  world.sites.forEach((other, i) => {
    if (!other.distributesKeys || other.region !== site.region) return
    const km = Math.hypot(other.lat - site.lat, other.lon - site.lon)
    if (km < bestKm) {
      bestKm = km
      best = i
    }
  })
  return best
}

/**
 * Sites from which a participant may receive keys without a cross-border exposure, as a 0/1
 * mask over `world.sites`:
 * - free and paid accounts: the home region and its geofenced neighbours (the list Zoom calls
 *   "appropriate to their region"); China only for participants in China;
 * - paid accounts also: every region they opted into (China included only if opted into);
 * - government accounts: the sites in their own country, or their home region where it has none.
 */
export function allowedSites(
  world: World,
  cityIndex: number,
  account: AccountKind,
  paidOptInRegions: readonly RegionId[],
): Uint8Array {
  const city = world.cities[cityIndex] as { region: RegionId; country: string }
  const mask = new Uint8Array(world.sites.length)
  if (account === 'government') {
    const own = world.sites
      .map((s, i) => (s.country === city.country ? i : -1))
      .filter((i) => i >= 0)
    const chosen =
      own.length > 0
        ? own
        : world.sites.map((s, i) => (s.region === city.region ? i : -1)).filter((i) => i >= 0)
    for (const i of chosen) mask[i] = 1
    return mask
  }
  const neighbours = world.regions.find((r) => r.id === city.region)?.secondaryRegions ?? []
  const regions = new Set<RegionId>([city.region])
  for (const r of neighbours) if (r !== 'CN' || city.region === 'CN') regions.add(r)
  if (account === 'paid') for (const r of paidOptInRegions) regions.add(r)
  world.sites.forEach((s, i) => {
    if (regions.has(s.region)) mask[i] = 1
  })
  return mask
}

/** Allowed-site masks for every (city, account), indexed `cityIndex * 3 + accountIndex`. */
export function allowedSiteTable(
  world: World,
  paidOptInRegions: readonly RegionId[],
): Uint8Array[] {
  const table: Uint8Array[] = []
  world.cities.forEach((_, cityIndex) => {
    for (const account of ACCOUNT_KINDS)
      table.push(allowedSites(world, cityIndex, account, paidOptInRegions))
  })
  return table
}

/**
 * Delivery classification for one run, precomputed: the key site of every site, the allowed-site
 * masks, and the jurisdictions as small integers. A meeting's participants' concern bits are
 * OR-ed into `presentConcern` (see {@link concernOfCity}); a delivery is then classified with
 * {@link isCrossBorder} and {@link isConcern}. Up to 30 jurisdictions of concern are honoured.
 */
export class DeliveryClassifier {
  /** Site index -> index of the site that hands its clients the key. */
  readonly keySite: Int32Array
  /** Jurisdictions met in the world, in first-met order (cities first); pair indices refer here. */
  readonly jurisdictions: readonly string[]
  /** Allowed-site masks of every (city, account), one after another, `siteCount` each. */
  private readonly allowed: Uint8Array
  private readonly siteCount: number
  private readonly accountCount = ACCOUNT_KINDS.length
  private readonly siteConcern: Int32Array
  private readonly cityConcern: Int32Array
  private readonly cityJurisdiction: Int32Array
  private readonly siteJurisdiction: Int32Array

  constructor(
    world: World,
    paidOptInRegions: readonly RegionId[],
    concernJurisdictions: readonly string[],
  ) {
    this.keySite = Int32Array.from(world.sites, (_, i) => keySiteFor(world, i))
    this.siteCount = world.sites.length
    this.allowed = new Uint8Array(world.cities.length * this.accountCount * this.siteCount)
    allowedSiteTable(world, paidOptInRegions).forEach((mask, i) =>
      this.allowed.set(mask, i * this.siteCount),
    )
    const jurisdictions: string[] = []
    const jurisdictionId = (j: string): number => {
      let i = jurisdictions.indexOf(j)
      if (i < 0) i = jurisdictions.push(j) - 1
      return i
    }
    this.cityJurisdiction = Int32Array.from(world.cities, (c) =>
      jurisdictionId(jurisdictionOf(world, c.country)),
    )
    this.siteJurisdiction = Int32Array.from(world.sites, (s) => jurisdictionId(s.jurisdiction))
    this.jurisdictions = jurisdictions
    const concern = concernJurisdictions.slice(0, 30)
    const concernBit = (j: string): number => {
      const i = concern.indexOf(j)
      return i < 0 ? 0 : 1 << i
    }
    this.siteConcern = Int32Array.from(world.sites, (s) => concernBit(s.jurisdiction))
    this.cityConcern = Int32Array.from(world.cities, (c) =>
      concernBit(jurisdictionOf(world, c.country)),
    )
  }

  /** The concern bit of a city's jurisdiction (0 if it is not of concern). */
  concernOfCity(city: number): number {
    return this.cityConcern[city] as number
  }

  /** Whether a key from `keySite` is outside the allowed sites of (city, account index). */
  isCrossBorder(city: number, account: number, keySite: number): boolean {
    return this.allowed[(city * this.accountCount + account) * this.siteCount + keySite] === 0
  }

  /** Whether a key from `keySite` comes from a concern jurisdiction none of `presentConcern` is in. */
  isConcern(keySite: number, presentConcern: number): boolean {
    const bit = this.siteConcern[keySite] as number
    return bit !== 0 && (presentConcern & bit) === 0
  }

  /** Index of the (city's jurisdiction, key site's jurisdiction) pair. */
  pairOf(city: number, keySite: number): number {
    return (
      (this.cityJurisdiction[city] as number) * this.jurisdictions.length +
      (this.siteJurisdiction[keySite] as number)
    )
  }
}

/**
 * The plain-language cause of an exposure, to be read aloud: what the failed primary attempts
 * met, then where the client connected. A client wraps around its primaries, so a site it tried
 * twice is named once with a count: "Toronto full after 3 attempts -> secondary list -> key
 * issued in Beijing", "3 attempts failed: New York area congested twice, San Jose congested ->
 * secondary list -> key issued in Beijing", or, when a primary outside the account's allowed
 * sites took the client, "Hong Kong congested after 1 attempt -> primary Osaka -> key issued in
 * Osaka". The incident's `attemptedPrimaries` keeps every attempt in order.
 */
export function describeCause(
  failures: readonly { readonly city: string; readonly reason: FailureReason }[],
  isViaSecondary: boolean,
  connectedCity: string,
  keyCity: string,
): string {
  const parts: string[] = []
  if (failures.length > 0) parts.push(describeFailures(failures))
  else if (isViaSecondary) parts.push('no primary data center allowed')
  if (isViaSecondary) {
    parts.push('secondary list')
    if (connectedCity !== keyCity) parts.push(`connected to ${connectedCity}`)
  } else parts.push(`primary ${connectedCity}`)
  parts.push(`key issued in ${keyCity}`)
  return parts.join(' -> ')
}

/** Failed attempts grouped by site and reason, in the order first met, each with a count. */
function describeFailures(
  failures: readonly { readonly city: string; readonly reason: FailureReason }[],
): string {
  const groups: { what: string; count: number }[] = []
  for (const { city, reason } of failures) {
    const what = `${city} ${reason}`
    const group = groups.find((g) => g.what === what)
    if (group) group.count++
    else groups.push({ what, count: 1 })
  }
  const n = failures.length
  const only = groups.length === 1 ? groups[0] : undefined
  if (only) return `${only.what} after ${n} attempt${n === 1 ? '' : 's'}`
  const times = (count: number): string =>
    count === 1 ? '' : count === 2 ? ' twice' : ` ${count} times`
  return `${n} attempts failed: ${groups.map((g) => g.what + times(g.count)).join(', ')}`
}
