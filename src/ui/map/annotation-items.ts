/**
 * What the map marks and names at the shown step, as plain data: the per-country circles, the
 * markers labels keep clear of, and the labels in priority order. The on-screen annotations and
 * the exported image both build them here, so a picture names what the screen names.
 */
import type { Incident, StepRecord, World } from '../../sim/model'
import type { Layers } from '../../store/store'
import type { Selection } from '../../store/url-state'
import { countryName } from './country-name'
import { countryCountsOf } from './country-symbols'
import { isAheadOfCountries, placeLabelsOf, selectedPlaces } from './map-labels'
import type { PlaceLabel } from './map-labels'
import type { MapLabelItem } from './map-labels-layer'
import { countrySymbolRadiusPx, isConcernSite, siteRadiusPx } from './map-scales'
import { CONCERN_RING_PX } from './mark-draw'
import { formatCount } from '../panels/format'

/** A country's circle: where, how large, and the count it stands for. */
export interface CountrySymbol {
  readonly country: string
  readonly lat: number
  readonly lon: number
  readonly radiusPx: number
  readonly keys: number
}

/** A symbol no label may cover. */
export interface LabelMarker {
  readonly lat: number
  readonly lon: number
  readonly radiusPx: number
}

// Room a city label keeps around its point: the largest city dot.
const CITY_CLEARANCE_PX = 9

const maxCapacityOf = (world: World): number =>
  Math.max(1, ...world.sites.map((s) => s.capacityParticipants))

/** One circle per country whose participants got exposed keys in `step`, sized against `max`. */
export function countrySymbolsOf(
  world: World,
  step: StepRecord,
  anchors: ReadonlyMap<string, { readonly lat: number; readonly lon: number }>,
  max: number,
): CountrySymbol[] {
  return countryCountsOf(world, step).flatMap((c) => {
    const at = anchors.get(c.country)
    return at
      ? [{ country: c.country, ...at, keys: c.keys, radiusPx: countrySymbolRadiusPx(c.keys, max) }]
      : []
  })
}

/** The data-center markers, which labels keep clear of (none when the sites layer is off). */
export function labelMarkersOf(world: World, showSites: boolean): LabelMarker[] {
  if (!showSites) return []
  const maxCapacity = maxCapacityOf(world)
  return world.sites.map((s) => ({
    lat: s.lat,
    lon: s.lon,
    radiusPx: siteRadiusPx(s.capacityParticipants, maxCapacity) + 2,
  }))
}

/** What the labels of a step depend on. */
export interface LabelInputs {
  readonly world: World
  readonly step: StepRecord | null
  readonly concern: readonly string[]
  readonly selection: Selection | null
  readonly incident: Incident | undefined
  readonly layers: Layers
  readonly symbols: readonly CountrySymbol[]
  /** "this hour" or "this step". */
  readonly period: string
}

type PlaceInputs = Pick<LabelInputs, 'world' | 'step' | 'concern' | 'selection' | 'incident'>
let lastPlaces: { readonly inputs: PlaceInputs; readonly places: PlaceLabel[] } | null = null

// The places of a step do not depend on the country circles, which change whenever a streaming
// run's peak grows: kept from the last call, so a new peak costs no second ranking of every
// city of a large world.
function placesOf(inputs: PlaceInputs): PlaceLabel[] {
  const last = lastPlaces?.inputs
  if (
    last?.world === inputs.world &&
    last.step === inputs.step &&
    last.concern === inputs.concern &&
    last.selection === inputs.selection &&
    last.incident === inputs.incident
  )
    return (lastPlaces as { places: PlaceLabel[] }).places
  const { world, step, concern, selection, incident } = inputs
  const places = placeLabelsOf(world, step, concern, selectedPlaces(selection, incident))
  lastPlaces = { inputs: { world, step, concern, selection, incident }, places }
  return places
}

/** The labels, most important first: selected and concern places, country counts, the rest. */
export function labelItemsOf(inputs: LabelInputs): MapLabelItem[] {
  const { world, step, concern, selection, incident, layers, symbols, period } = inputs
  const maxCapacity = maxCapacityOf(world)
  const siteClearance = (site: (typeof world.sites)[number]): number =>
    siteRadiusPx(site.capacityParticipants, maxCapacity) +
    (isConcernSite(site, concern) ? CONCERN_RING_PX : 0) +
    1
  const places = placesOf({ world, step, concern, selection, incident }).filter((p) =>
    p.kind === 'site' ? layers.sites : layers.cities,
  )
  const siteById = new Map(world.sites.map((s) => [s.id, s]))
  const clearanceOf = (id: string): number => {
    const site = id.startsWith('site:') ? siteById.get(id.slice('site:'.length)) : undefined
    return site ? siteClearance(site) : CITY_CLEARANCE_PX
  }
  const placeItem = (p: (typeof places)[number]): MapLabelItem => ({
    id: p.id,
    text: p.text,
    lat: p.lat,
    lon: p.lon,
    // Most places stand for no other: no list is made for them.
    clearancePx:
      p.alsoIds.length === 0
        ? clearanceOf(p.id)
        : Math.max(clearanceOf(p.id), ...p.alsoIds.map(clearanceOf)),
    className: `kr-map-label--${p.kind}${p.isConcern ? ' kr-map-label--concern' : ''}${p.isSelected ? ' kr-map-label--selected' : ''}`,
  })
  const countryItems: MapLabelItem[] = layers.countries
    ? symbols.map((s) => ({
        id: `country:${s.country}`,
        // The circle stands on the country: the eye needs only the count.
        hiddenPrefix: `${countryName(s.country)}: `,
        text: `${formatCount(s.keys)} key${s.keys === 1 ? '' : 's'} ${period}`,
        lat: s.lat,
        lon: s.lon,
        clearancePx: s.radiusPx,
        className: 'kr-map-label--count',
      }))
    : []
  return [
    ...places.filter(isAheadOfCountries).map(placeItem),
    ...countryItems,
    ...places.filter((p) => !isAheadOfCountries(p)).map(placeItem),
  ]
}
