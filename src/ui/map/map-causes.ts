/**
 * The words behind the map's hover tooltips: for a key path or a country, how many exposed keys
 * it carried this step (and so far) and the cause chain of the logged exposures behind them. The
 * incident log keeps a sample of exposures, so a cause is "of N logged", never "of all". Pure
 * functions over the run's plain data.
 */
import type { Incident, StepRecord, World } from '../../sim/model'
import type { RunSummary } from '../../worker/protocol'
import { countryName } from './country-name'
import type { CountryCount } from './country-symbols'
import { formatCount } from '../panels/format'

/** "this hour" for hourly steps, else "this step". */
export function periodOf(stepMinutes: number): string {
  return stepMinutes === 60 ? 'this hour' : 'this step'
}

/** The most common cause among `incidents`, with how many share it; null when there are none. */
export function commonCause(
  incidents: readonly Incident[],
): { readonly cause: string; readonly count: number; readonly of: number } | null {
  const byCause = new Map<string, number>()
  for (const i of incidents) byCause.set(i.cause, (byCause.get(i.cause) ?? 0) + 1)
  let best: { cause: string; count: number } | null = null
  for (const [cause, n] of byCause)
    if (!best || n > best.count || (n === best.count && cause < best.cause))
      best = { cause, count: n }
  return best ? { cause: best.cause, count: best.count, of: incidents.length } : null
}

/** Logged exposures that happened during `step`. */
export function incidentsInStep(
  summary: RunSummary | null,
  step: Pick<StepRecord, 'startMinutes'>,
  stepMinutes: number,
): Incident[] {
  const end = step.startMinutes + stepMinutes
  return (summary?.incidents ?? []).filter(
    (i) => i.timeMinutes >= step.startMinutes && i.timeMinutes < end,
  )
}

/** "Cause (2 of 3 logged this hour): …", or why there is none to show. */
function causeLine(
  incidents: readonly Incident[],
  scope: string,
  summary: RunSummary | null,
): string {
  if (!summary) return 'Causes appear when the run has finished.'
  const common = commonCause(incidents)
  if (!common) return `No exposure ${scope} is in the log (it keeps a sample).`
  const share =
    common.count === common.of
      ? `${formatCount(common.of)}`
      : `${formatCount(common.count)} of ${formatCount(common.of)}`
  return `Cause (${share} logged ${scope}): ${common.cause}`
}

/** What a hovered key path's tooltip says below its title. */
export function pathTooltipLines(input: {
  readonly world: World | null
  readonly step: StepRecord | null
  readonly summary: RunSummary | null
  readonly stepMinutes: number
  readonly siteIndex: number
  readonly cityIndex: number
  readonly deliveries: number
  readonly exposures: number
  readonly concern: number
}): string[] {
  const period = periodOf(input.stepMinutes)
  if (input.deliveries === 0) return ['Path of the selected incident']
  const crossBorder = input.exposures - Math.min(input.concern, input.exposures)
  const parts: string[] = []
  if (input.concern > 0) parts.push(`${formatCount(input.concern)} from a jurisdiction of concern`)
  if (crossBorder > 0)
    parts.push(`${formatCount(crossBorder)} ${input.concern > 0 ? 'other ' : ''}cross-border`)
  const lines = [
    `${formatCount(input.deliveries)} key${input.deliveries === 1 ? '' : 's'} delivered ${period}${parts.length > 0 ? `, ${parts.join(', ')}` : ''}`,
  ]
  if (input.exposures <= 0 || !input.step) return lines
  const site = input.world?.sites[input.siteIndex]
  const city = input.world?.cities[input.cityIndex]
  const isOnPath = (i: Incident): boolean =>
    i.keySiteId === site?.id && i.participantCityId === city?.id
  const onPath = incidentsInStep(input.summary, input.step, input.stepMinutes).filter(isOnPath)
  if (onPath.length > 0 || !input.summary) {
    lines.push(causeLine(onPath, `on this path ${period}`, input.summary))
    return lines
  }
  // The log keeps a sample: this hour's exposures on the path may all be left out of it. Then
  // the path's earlier ones say why, or else this hour's keys from the same data center.
  const end = input.step.startMinutes + input.stepMinutes
  const soFar = input.summary.incidents.filter((i) => isOnPath(i) && i.timeMinutes < end)
  const fromSite = incidentsInStep(input.summary, input.step, input.stepMinutes).filter(
    (i) => i.keySiteId === site?.id,
  )
  lines.push(
    soFar.length > 0 || fromSite.length === 0
      ? causeLine(soFar, 'on this path so far', input.summary)
      : causeLine(fromSite, `from ${site?.city ?? 'this site'} ${period}`, input.summary),
  )
  return lines
}

/** What a hovered country's tooltip says: keys this step and so far, from where, and why. */
export function countryTooltipLines(input: {
  readonly world: World
  readonly country: string
  readonly step: StepRecord | null
  readonly summary: RunSummary | null
  readonly stepMinutes: number
  readonly thisStep: CountryCount | undefined
  readonly soFar: CountryCount | undefined
}): string[] {
  const period = periodOf(input.stepMinutes)
  const keys = (n: number): string => `${formatCount(n)} exposed key${n === 1 ? '' : 's'}`
  const from = (c: CountryCount): string =>
    c.byJurisdiction.map((j) => `${countryName(j.jurisdiction)} ${formatCount(j.keys)}`).join(', ')
  const lines = [
    input.thisStep
      ? `${keys(input.thisStep.keys)} reached participants here ${period}, from ${from(input.thisStep)}`
      : `No exposed key reached participants here ${period}`,
    input.soFar ? `So far: ${keys(input.soFar.keys)}, from ${from(input.soFar)}` : 'So far: none',
  ]
  if (!input.step || !input.thisStep) return lines
  const cities = new Set(
    input.world.cities.filter((c) => c.country === input.country).map((c) => c.id),
  )
  const here = incidentsInStep(input.summary, input.step, input.stepMinutes).filter((i) =>
    cities.has(i.participantCityId),
  )
  lines.push(
    causeLine(here, `here ${period}`, input.summary).replace(/^Cause/, 'Most common cause'),
  )
  return lines
}
