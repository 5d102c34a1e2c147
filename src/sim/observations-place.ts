/**
 * Places observations (observations.ts) in a scenario's world: the participant on a city, the
 * server on a site, directly by id or name, or through the sourced table of known server
 * addresses (presets/known-servers.ts). A row that cannot be placed gets an error with its line
 * and field; the others are placed. Pure and deterministic.
 */
import type { City, Provenance, World } from './model'
import type { ObservationError, ObservationRow, ObservationSeen } from './observations'
import { KNOWN_SERVERS } from './presets/known-servers'

/** An observation placed in a world: where on the map its participant and server are. */
export interface PlacedObservation {
  readonly line: number
  /** Milliseconds since 1970, UTC. */
  readonly timeMs: number
  readonly seen: ObservationSeen
  /** The participant's city; for a country, its most-weighted city in the world (`isCountry`). */
  readonly cityId: string
  /** The participant's country (ISO 3166-1 alpha-2). */
  readonly country: string
  /** Whether the file named only the country, so the city is where the mark stands, not a fact. */
  readonly isCountry: boolean
  readonly siteId: string
  /** The address the file gave for the server, or '' when it gave a site. */
  readonly serverAddress: string
  /** The source tying the address to the site (known-servers.ts), or null. */
  readonly serverProvenance: Provenance | null
  readonly source: string
  readonly sourceUrl: string
  readonly note: string
}

/** Observations placed, and the rows that could not be, in line order. */
export interface PlacedObservations {
  readonly observations: readonly PlacedObservation[]
  readonly errors: readonly ObservationError[]
}

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/

/*
 * Country names in English from the runtime's own table (Intl.DisplayNames, offline in Node and
 * Chromium), plus the common long and short forms it does not give. Parsing only: a name becomes
 * the same code the file could have given, so runs do not depend on the table.
 */
const COUNTRY_ALIASES: Readonly<Record<string, string>> = {
  usa: 'US',
  'united states of america': 'US',
  uk: 'GB',
  "people's republic of china": 'CN',
  prc: 'CN',
}

function englishCountryName(code: string): string | null {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' }).of(code) ?? null
  } catch {
    return null
  }
}

/** The code of a country of `world` named in full ("Canada", "united states"), or null. */
function countryCodeOfName(lower: string, world: World): string | null {
  const alias = COUNTRY_ALIASES[lower]
  const codes = new Set(world.cities.map((c) => c.country))
  if (alias !== undefined) return codes.has(alias) ? alias : null
  for (const code of codes) if (englishCountryName(code)?.toLowerCase() === lower) return code
  return null
}

/** The most-weighted city of a country in the world, or null when it has none. */
function anchorCity(code: string, world: World): City | null {
  return world.cities
    .filter((c) => c.country === code)
    .reduce<City | null>((best, c) => (best && best.weight >= c.weight ? best : c), null)
}

/**
 * The city a participant field names: a city id or name, or, for a country (its code or its name
 * in English), that country's most-weighted city.
 */
function cityOf(
  text: string,
  world: World,
): { city: City; isCountry: boolean } | { problem: string } {
  const lower = text.toLowerCase()
  const byName = world.cities.find((c) => c.id === lower || c.name.toLowerCase() === lower)
  if (byName) return { city: byName, isCountry: false }
  if (/^[A-Za-z]{2}$/.test(text)) {
    const code = text.toUpperCase()
    const anchor = anchorCity(code, world)
    if (anchor) return { city: anchor, isCountry: true }
    return { problem: `participant "${text}": this scenario's world has no city in ${code}` }
  }
  const named = countryCodeOfName(lower.trim().replace(/\s+/g, ' '), world)
  const anchor = named === null ? null : anchorCity(named, world)
  if (anchor) return { city: anchor, isCountry: true }
  return {
    problem: `participant "${text}" is neither a city nor a country (a code such as CA, or a name such as Canada) of this scenario's world`,
  }
}

/** The site a server field names: a site id or city, or a known server address. */
function siteOf(
  text: string,
  world: World,
): { siteId: string; address: string; provenance: Provenance | null } | { problem: string } {
  const lower = text.toLowerCase()
  const site = world.sites.find((s) => s.id === lower || s.city.toLowerCase() === lower)
  if (site) return { siteId: site.id, address: '', provenance: null }
  if (!IPV4.test(text))
    return {
      problem: `server "${text}" is neither a site id (such as beijing) nor a server address`,
    }
  const known = KNOWN_SERVERS.find((k) => k.address === text)
  if (!known)
    return {
      problem: `server "${text}" is not a known server address (known: ${KNOWN_SERVERS.map((k) => k.address).join(', ')}); give the site id instead`,
    }
  if (!world.sites.some((s) => s.id === known.siteId))
    return {
      problem: `server "${text}" is at site ${known.siteId}, which this scenario's world does not have`,
    }
  return { siteId: known.siteId, address: known.address, provenance: known.provenance }
}

/**
 * Places each row in `world`. Rows whose participant or server is not in the world are left
 * out, each problem an error naming the row's line and the field.
 */
export function placeObservations(
  rows: readonly ObservationRow[],
  world: World,
): PlacedObservations {
  const observations: PlacedObservation[] = []
  const errors: ObservationError[] = []
  for (const row of rows) {
    const city = cityOf(row.participant, world)
    const site = siteOf(row.server, world)
    if ('problem' in city)
      errors.push({ line: row.line, field: 'participant', message: city.problem })
    if ('problem' in site) errors.push({ line: row.line, field: 'server', message: site.problem })
    if ('problem' in city || 'problem' in site) continue
    observations.push({
      line: row.line,
      timeMs: row.timeMs,
      seen: row.seen,
      cityId: city.city.id,
      country: city.city.country,
      isCountry: city.isCountry,
      siteId: site.siteId,
      serverAddress: site.address,
      serverProvenance: site.provenance,
      source: row.source,
      sourceUrl: row.sourceUrl,
      note: row.note,
    })
  }
  return { observations, errors }
}

const MONTHS_SHORT = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
] as const

/** "2 Apr 2020", with ", 15:00 UTC" when the time is not midnight. */
export function observationTimeText(timeMs: number): string {
  const d = new Date(timeMs)
  const date = `${d.getUTCDate()} ${MONTHS_SHORT[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()}`
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return hh === '00' && mm === '00' ? date : `${date}, ${hh}:${mm} UTC`
}

/**
 * One sentence for an observation, as captions and the table say it: "Observed: key delivered
 * by 52.81.151.250 (Beijing) to a participant in Canada, 2 Apr 2020 (Citizen Lab)".
 * `countryName` turns an ISO code into a name (the UI's), so this stays free of locale data.
 */
export function observationText(
  obs: PlacedObservation,
  world: World,
  countryName: (code: string) => string,
): string {
  const siteCity = world.sites.find((s) => s.id === obs.siteId)?.city ?? obs.siteId
  const server = obs.serverAddress ? `${obs.serverAddress} (${siteCity})` : siteCity
  const city = world.cities.find((c) => c.id === obs.cityId)?.name ?? obs.cityId
  const where = obs.isCountry ? countryName(obs.country) : `${city}, ${countryName(obs.country)}`
  const what =
    obs.seen === 'key-delivered'
      ? `key delivered by ${server} to`
      : `media relayed by ${server} for`
  const source = obs.source ? ` (${obs.source})` : ''
  return `Observed: ${what} a participant in ${where}, ${observationTimeText(obs.timeMs)}${source}`
}
