/**
 * The text of the flow layer's tooltip: a city's joins, a key path's deliveries and causes, or
 * what a bundle of normal paths holds (so a bundle never hides how many paths it stands for).
 */
import { selectMapRun } from '../../store/selectors'
import type { AppState } from '../../store/store'
import { countryName } from './country-name'
import { selectMapStep } from './draw-list'
import type { ShownArc } from './flow-bundles'
import type { FlowHit } from './flow-draw'
import { pathTooltipLines, periodOf } from './map-causes'
import { formatCount } from '../panels/format'

/** Title and lines of the tooltip for what lies under the pointer. */
export function flowTooltipText(state: AppState, hit: FlowHit): { title: string; lines: string[] } {
  const run = selectMapRun(state)
  const world = run?.world ?? null
  const stepMinutes = run?.stepMinutes ?? 60
  if (hit.kind === 'city') {
    const city = world?.cities[hit.cityIndex]
    return {
      title: city ? `${city.name}, ${countryName(city.country)}` : 'City',
      lines: [
        `${formatCount(hit.joins)} participant${hit.joins === 1 ? '' : 's'} joined ${periodOf(stepMinutes)}`,
      ],
    }
  }
  const arc: ShownArc = hit.arc
  const bundle = arc.bundle
  if (bundle) {
    const sites = `${formatCount(bundle.sites)} data center${bundle.sites === 1 ? '' : 's'}`
    const cities = `${formatCount(bundle.cities)} cit${bundle.cities === 1 ? 'y' : 'ies'}`
    return {
      title: `Bundle of ${formatCount(bundle.paths)} normal key paths`,
      lines: [
        `From ${sites} to ${cities}, ${formatCount(arc.deliveries)} keys delivered ${periodOf(stepMinutes)}, none exposed`,
        'Click or zoom in to separate them',
      ],
    }
  }
  const site = world?.sites[arc.siteIndex]?.city ?? '?'
  const city = world?.cities[arc.cityIndex]?.name ?? '?'
  const step = selectMapStep(state)
  const summary = run?.summary ?? null
  return {
    title: `${site} → ${city}`,
    lines: pathTooltipLines({ ...arc, world, step, summary, stepMinutes }),
  }
}

/** The tooltip's content element. */
export function flowTooltipElement(state: AppState, hit: FlowHit): HTMLElement {
  const { title, lines } = flowTooltipText(state, hit)
  const el = document.createElement('div')
  el.append(Object.assign(document.createElement('strong'), { textContent: title }))
  for (const line of lines)
    el.append(Object.assign(document.createElement('div'), { textContent: line }))
  return el
}
