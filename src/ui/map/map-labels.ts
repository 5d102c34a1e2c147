/**
 * Which places the map names at the shown step, in priority order: the selected item's places,
 * then the data centers in a jurisdiction of concern that issued exposed keys, then the per-country
 * counts, then every other site and participant city of the step's exposures by how many exposed
 * keys they handled. Pure over plain data; the label layer measures and places them.
 */
import type { Incident, StepRecord, World } from '../../sim/model'
import type { Selection } from '../../store/url-state'
import { isConcernSite } from './map-scales'
import { FIELDS, flowNumbersOf } from '../../store/step-flows'

/** A place the map may label. */
export interface PlaceLabel {
  /** `site:<id>` or `city:<id>`. */
  readonly id: string
  readonly kind: 'site' | 'city'
  readonly text: string
  readonly lat: number
  readonly lon: number
  readonly isConcern: boolean
  readonly isSelected: boolean
  /** Exposed keys the place issued (site) or received (city) in the step. */
  readonly exposures: number
  /** Ids of the labels this one also stands for (a site and a city at one place). */
  readonly alsoIds: readonly string[]
}

/** Places a selection points at: a site, a city, both ends of a flow or of an incident's key path. */
export function selectedPlaces(
  selection: Selection | null,
  incident: Incident | undefined,
): { siteIds: string[]; cityIds: string[] } {
  switch (selection?.kind) {
    case 'site':
      return { siteIds: [selection.id], cityIds: [] }
    case 'city':
      return { siteIds: [], cityIds: [selection.id] }
    case 'flow':
      return { siteIds: [selection.siteId], cityIds: [selection.cityId] }
    case 'incident':
      return incident
        ? { siteIds: [incident.keySiteId], cityIds: [incident.participantCityId] }
        : { siteIds: [], cityIds: [] }
    default:
      return { siteIds: [], cityIds: [] }
  }
}

// A site and a city this close, one name the start of the other, are one place (Toronto; New
// York and the New York area).
const SAME_PLACE_DEG = 1.5
const baseName = (name: string): string => name.replace(/\s*\([^)]*\)$/, '')
// localeCompare's order, without building a collator per comparison.
const byText = new Intl.Collator()

/** Label ids of a world's places (`site:<id>`, `city:<id>`), made once per world. */
const idsByWorld = new WeakMap<World, { sites: string[]; cities: string[] }>()

function placeIdsOf(world: World): { sites: string[]; cities: string[] } {
  let ids = idsByWorld.get(world)
  if (!ids) {
    ids = {
      sites: world.sites.map((s) => `site:${s.id}`),
      cities: world.cities.map((c) => `city:${c.id}`),
    }
    idsByWorld.set(world, ids)
  }
  return ids
}

// A label for each place that got exposed keys in the step or is selected, added to `out`.
function addLabels<P extends { readonly id: string; readonly lat: number; readonly lon: number }>(
  out: PlaceLabel[],
  kind: PlaceLabel['kind'],
  places: readonly P[],
  ids: readonly string[],
  exposuresByIndex: Float64Array,
  selectedIds: readonly string[],
  textOf: (place: P) => string,
  isConcernOf: (place: P) => boolean,
): void {
  for (let i = 0; i < places.length; i++) {
    const place = places[i] as P
    const exposures = exposuresByIndex[i] as number
    const isSelected = selectedIds.length > 0 && selectedIds.includes(place.id)
    if (exposures <= 0 && !isSelected) continue
    out.push({
      id: ids[i] as string,
      kind,
      text: textOf(place),
      lat: place.lat,
      lon: place.lon,
      isConcern: isConcernOf(place),
      isSelected,
      exposures,
      alsoIds: [],
    })
  }
}

/**
 * The labels for `step`, most important first (see the module comment). A city that shares its
 * name and place with a labelled site is named once, by the higher of the two. This runs for
 * every step the map shows, and a busy step of the 200 x 5,000 world labels 1,300 to 2,600
 * places: the counts are summed in typed arrays, each label is built once, and label ids are made
 * once per world.
 */
export function placeLabelsOf(
  world: World,
  step: StepRecord | null,
  concernJurisdictions: readonly string[],
  selected: { siteIds: readonly string[]; cityIds: readonly string[] },
): PlaceLabel[] {
  const siteExposures = new Float64Array(world.sites.length)
  const cityExposures = new Float64Array(world.cities.length)
  // Read from the step's numbers: its flow objects, tens of thousands, are never built here.
  if (step) {
    const { data, start, end } = flowNumbersOf(step)
    for (let at = start * FIELDS; at < end * FIELDS; at += FIELDS) {
      const exposures = data[at + 3] as number
      if (exposures <= 0) continue
      const site = data[at] as number
      const city = data[at + 1] as number
      if (site >= 0 && site < siteExposures.length)
        siteExposures[site] = (siteExposures[site] as number) + exposures
      if (city >= 0 && city < cityExposures.length)
        cityExposures[city] = (cityExposures[city] as number) + exposures
    }
  }
  const ids = placeIdsOf(world)
  const labels: PlaceLabel[] = []
  addLabels(
    labels,
    'site',
    world.sites,
    ids.sites,
    siteExposures,
    selected.siteIds,
    (site) => site.city,
    (site) => isConcernSite(site, concernJurisdictions),
  )
  addLabels(
    labels,
    'city',
    world.cities,
    ids.cities,
    cityExposures,
    selected.cityIds,
    (city) => city.name,
    () => false,
  )
  const rank = (l: PlaceLabel): number => (l.isSelected ? 0 : l.isConcern ? 1 : 2)
  labels.sort(
    (a, b) =>
      rank(a) - rank(b) ||
      b.exposures - a.exposures ||
      byText.compare(a.text, b.text) ||
      byText.compare(a.id, b.id),
  )
  // Kept labels by cell of SAME_PLACE_DEG, so each label is compared only with its neighbours:
  // a step of a large world labels thousands of places, and comparing all pairs took seconds.
  const kept: PlaceLabel[] = []
  const keptBase: string[] = []
  const byCell = new Map<number, number[]>()
  const cellOf = (deg: number): number => Math.floor(deg / SAME_PLACE_DEG)
  // A cell's row and column as one number: rows lie within ±61 (latitudes within ±91.5°).
  const cellKey = (row: number, column: number): number => column * 1000 + row
  for (const label of labels) {
    const a = baseName(label.text)
    const row = cellOf(label.lat)
    const column = cellOf(label.lon)
    let i = -1
    for (let r = row - 1; r <= row + 1; r++)
      for (let c = column - 1; c <= column + 1; c++)
        for (const j of byCell.get(cellKey(r, c)) ?? []) {
          if (i !== -1 && j >= i) continue
          const k = kept[j] as PlaceLabel
          const b = keptBase[j] as string
          const isSame =
            k.kind !== label.kind &&
            Math.abs(k.lat - label.lat) < SAME_PLACE_DEG &&
            Math.abs(k.lon - label.lon) < SAME_PLACE_DEG &&
            (a.startsWith(b) || b.startsWith(a))
          if (isSame) i = j
        }
    const same = kept[i]
    if (same) {
      kept[i] = { ...same, alsoIds: [...same.alsoIds, label.id] }
      continue
    }
    const key = cellKey(row, column)
    const cell = byCell.get(key)
    if (cell) cell.push(kept.length)
    else byCell.set(key, [kept.length])
    kept.push(label)
    keptBase.push(a)
  }
  return kept
}

/** Whether a label comes before the per-country counts in placement (selected or of concern). */
export function isAheadOfCountries(label: PlaceLabel): boolean {
  return label.isSelected || label.isConcern
}
