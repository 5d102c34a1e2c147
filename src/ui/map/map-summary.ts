/**
 * The map in words, for screen readers and anyone who cannot see the projector: what the map
 * shows at the current step, in one or two sentences.
 */
import { utcDayMs } from '../../sim/dates'
import type { StepRecord, World } from '../../sim/model'
import { countryName } from './country-name'
import { CONGESTED_UTILISATION } from './map-scales'
import { forEachFlow } from '../../store/step-flows'
import { formatCount } from '../panels/format'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

/** `31 Mar 2020 14:00 UTC` for a scenario start date (YYYY-MM-DD) plus minutes; '' if invalid. */
export function formatStepTimeUtc(startDate: string, minutes: number): string {
  const start = utcDayMs(startDate)
  if (!Number.isFinite(start)) return ''
  const d = new Date(start + minutes * 60_000)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${hh}:${mm} UTC`
}

/** Site names by descending count (at most three, then "other sites"), without "(city unknown)". */
function siteNames(world: World, bySite: ReadonlyMap<number, number>): string[] {
  const names = [...bySite.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .map(([i]) => (world.sites[i]?.city ?? 'a data center').replace(/\s*\([^)]*\)$/, ''))
  return names.length > 3 ? [...names.slice(0, 3), 'other sites'] : names
}

/** `A`, `A and B`, `A, B and C`. */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? ''
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`
}

/** What the summary needs. `step` is the record shown; null while none has arrived. */
export interface SummaryInput {
  readonly world: World | null
  readonly step: StepRecord | null
  readonly stepMinutes: number
  readonly startDate: string
  /** Countries whose participants received exposed keys so far. */
  readonly exposedCountries: readonly string[]
}

/**
 * One paragraph describing the map at a step, for example "At 31 Mar 2020 14:00 UTC: 17 data
 * centers, 3 congested above 90%; 1,204 keys delivered this hour: 37 keys from a jurisdiction of
 * concern (Beijing, China DC 2) to participants in United States and Canada, and 5 other
 * cross-border keys (from Frankfurt)." Keys from a jurisdiction of concern and keys that only
 * crossed a border are counted apart, as the map draws them apart.
 */
export function mapSummaryText(input: SummaryInput): string {
  const { world, step } = input
  if (!world || !step)
    return 'The simulation is starting; the map will show data centers, participant cities and key deliveries.'
  const when = formatStepTimeUtc(input.startDate, step.startMinutes)
  const sites = world.sites.length
  let congested = 0
  let down = 0
  world.sites.forEach((_, i) => {
    if (step.siteDown[i]) down++
    else if ((step.siteUtilisation[i] ?? 0) > CONGESTED_UTILISATION) congested++
  })
  const siteText = [
    `${formatCount(sites)} data center${sites === 1 ? '' : 's'}`,
    `${formatCount(congested)} congested above ${Math.round(CONGESTED_UTILISATION * 100)}%`,
    ...(down > 0 ? [`${formatCount(down)} down`] : []),
  ].join(', ')

  let delivered = 0
  let concern = 0
  let crossBorder = 0
  const concernBySite = new Map<number, number>()
  const crossBorderBySite = new Map<number, number>()
  // Concern keys by participant country, for where they went (the story of the briefing).
  const byCountry = new Map<string, number>()
  forEachFlow(step, (siteIndex, cityIndex, deliveries, exposures, concernKeys) => {
    delivered += deliveries
    const c = Math.min(concernKeys, exposures)
    if (c > 0) {
      concern += c
      concernBySite.set(siteIndex, (concernBySite.get(siteIndex) ?? 0) + c)
      const country = world.cities[cityIndex]?.country
      if (country) byCountry.set(country, (byCountry.get(country) ?? 0) + c)
    }
    if (exposures > c) {
      crossBorder += exposures - c
      crossBorderBySite.set(siteIndex, (crossBorderBySite.get(siteIndex) ?? 0) + exposures - c)
    }
  })
  const period =
    input.stepMinutes === 60 ? 'this hour' : `in this ${formatCount(input.stepMinutes)}-minute step`
  const keys = (n: number): string => `${formatCount(n)} key${n === 1 ? '' : 's'}`
  let keyText = `${keys(delivered)} delivered ${period}`
  if (concern === 0 && crossBorder === 0) keyText += ', none exposed'
  else {
    const countries = [...byCountry.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([c]) => countryName(c))
    const shownCountries =
      countries.length > 3 ? [...countries.slice(0, 3), 'other countries'] : countries
    const parts: string[] = []
    if (concern > 0)
      parts.push(
        `${keys(concern)} from a jurisdiction of concern (${siteNames(world, concernBySite).join(', ')}) to participants in ${listOf(shownCountries)}`,
      )
    if (crossBorder > 0)
      parts.push(
        concern > 0
          ? `${formatCount(crossBorder)} other cross-border key${crossBorder === 1 ? '' : 's'} (from ${siteNames(world, crossBorderBySite).join(', ')})`
          : `no key from a jurisdiction of concern; ${formatCount(crossBorder)} cross-border key${crossBorder === 1 ? '' : 's'} (from ${siteNames(world, crossBorderBySite).join(', ')})`,
      )
    keyText += `: ${parts.join(', and ')}`
  }
  const soFar =
    input.exposedCountries.length === 0
      ? 'No participant has received an exposed key so far.'
      : input.exposedCountries.length > 4
        ? `Participants in ${formatCount(input.exposedCountries.length)} countries have received exposed keys so far.`
        : `Participants in ${listOf(input.exposedCountries.map(countryName))} have received exposed keys so far.`
  return `${when ? `At ${when}: ` : ''}${siteText}; ${keyText}. ${soFar}`
}
