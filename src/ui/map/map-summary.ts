/**
 * The map in words, for screen readers and anyone who cannot see the projector: what the map
 * shows at the current step, in one or two sentences.
 */
import type { StepRecord, World } from '../../sim/model'
import { CONGESTED_UTILISATION } from './map-scales'

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']

const count = (n: number): string => Math.round(n).toLocaleString('en-US')

/** `31 Mar 2020 14:00 UTC` for a scenario start date (YYYY-MM-DD) plus minutes; '' if invalid. */
export function formatStepTimeUtc(startDate: string, minutes: number): string {
  const start = Date.parse(`${startDate}T00:00:00Z`)
  if (!Number.isFinite(start)) return ''
  const d = new Date(start + minutes * 60_000)
  const hh = String(d.getUTCHours()).padStart(2, '0')
  const mm = String(d.getUTCMinutes()).padStart(2, '0')
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()] ?? ''} ${d.getUTCFullYear()} ${hh}:${mm} UTC`
}

let regionNames: Intl.DisplayNames | null | undefined
/** English name of an ISO alpha-2 country code, or the code itself when the runtime has none. */
export function countryName(code: string): string {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(['en'], { type: 'region' })
    } catch {
      regionNames = null
    }
  }
  try {
    return regionNames?.of(code) ?? code
  } catch {
    return code
  }
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
 * centers, 3 congested above 90%; 1,204 keys delivered this hour, 37 exposed, 31 of them from
 * Beijing to cities in the United States and Canada."
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
    `${count(sites)} data center${sites === 1 ? '' : 's'}`,
    `${count(congested)} congested above ${Math.round(CONGESTED_UTILISATION * 100)}%`,
    ...(down > 0 ? [`${count(down)} down`] : []),
  ].join(', ')

  let delivered = 0
  let exposed = 0
  const exposedBySite = new Map<number, number>()
  for (const f of step.flows) {
    delivered += f.deliveries
    if (f.exposures > 0) {
      exposed += f.exposures
      exposedBySite.set(f.siteIndex, (exposedBySite.get(f.siteIndex) ?? 0) + f.exposures)
    }
  }
  const period =
    input.stepMinutes === 60 ? 'this hour' : `in this ${count(input.stepMinutes)}-minute step`
  let keyText = `${count(delivered)} key${delivered === 1 ? '' : 's'} delivered ${period}`
  if (exposed === 0) keyText += ', none exposed'
  else {
    let topSite = -1
    let topCount = 0
    for (const [siteIndex, n] of exposedBySite) {
      if (n > topCount || (n === topCount && siteIndex < topSite)) {
        topSite = siteIndex
        topCount = n
      }
    }
    const byCountry = new Map<string, number>()
    for (const f of step.flows) {
      if (f.siteIndex !== topSite || f.exposures <= 0) continue
      const country = world.cities[f.cityIndex]?.country
      if (country) byCountry.set(country, (byCountry.get(country) ?? 0) + f.exposures)
    }
    const countries = [...byCountry.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([c]) => countryName(c))
    const shown = countries.length > 3 ? [...countries.slice(0, 3), 'other countries'] : countries
    const siteName = world.sites[topSite]?.city ?? 'one data center'
    const share = topCount === exposed ? 'all of them' : `${count(topCount)} of them`
    keyText += `, ${count(exposed)} exposed, ${share} from ${siteName} to cities in ${listOf(shown)}`
  }
  const soFar =
    input.exposedCountries.length === 0
      ? 'No participant has received an exposed key so far.'
      : input.exposedCountries.length > 4
        ? `Participants in ${count(input.exposedCountries.length)} countries have received exposed keys so far.`
        : `Participants in ${listOf(input.exposedCountries.map(countryName))} have received exposed keys so far.`
  return `${when ? `At ${when}: ` : ''}${siteText}; ${keyText}. ${soFar}`
}
