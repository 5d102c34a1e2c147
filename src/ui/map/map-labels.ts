/**
 * Which places the map names at the shown step, in priority order: the selected item's places,
 * then the data centers in a jurisdiction of concern that issued exposed keys, then the per-country
 * counts, then every other site and participant city of the step's exposures by how many exposed
 * keys they handled. Pure over plain data; the label layer measures and places them.
 */
import type { Incident, StepRecord, World } from '../../sim/model'
import type { Selection } from '../../store/url-state'
import { isConcernSite } from './map-scales'
import { byName, nameRanksOf } from '../../store/name-order'
import { PLACE_FIELDS, placeTotalsOf } from '../../store/step-flows'

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

// The cells of SAME_PLACE_DEG over the globe, as rows of latitude and columns of longitude; a
// place beyond -90..90 or -180..180 counts in the edge cell, which only adds places to compare.
const GRID_ROWS = Math.ceil(180 / SAME_PLACE_DEG) + 3
const GRID_COLUMNS = Math.ceil(360 / SAME_PLACE_DEG) + 3
const clampTo = (n: number, size: number): number => Math.min(size - 1, Math.max(0, n))
const gridRowOf = (lat: number): number =>
  clampTo(Math.floor((lat + 90) / SAME_PLACE_DEG) + 1, GRID_ROWS)
const gridColumnOf = (lon: number): number =>
  clampTo(Math.floor((lon + 180) / SAME_PLACE_DEG) + 1, GRID_COLUMNS)
const GRID_CELLS = GRID_ROWS * GRID_COLUMNS
// The first kept label of each cell (-1: none), kept between calls and emptied after each, so a
// call allocates no grid and no list per cell: sites' labels in the first GRID_CELLS, cities' in
// the rest. Only a site and a city are ever one place, so each looks among the other kind alone:
// a busy step of a large world keeps thousands of city labels around a few hundred sites.
const cellHeads = new Int32Array(2 * GRID_CELLS).fill(-1)

/** A world's places as lists, sites first, then cities: label ids, texts and base names. */
interface PlaceNames {
  /** `site:<id>`, then `city:<id>`. */
  readonly ids: readonly string[]
  /** A site's city, a city's name. */
  readonly texts: readonly string[]
  /** The texts without a trailing parenthesis. */
  readonly bases: readonly string[]
}
const namesByWorld = new WeakMap<World, PlaceNames>()

function placeNamesOf(world: World): PlaceNames {
  let names = namesByWorld.get(world)
  if (!names) {
    const texts = [...world.sites.map((s) => s.city), ...world.cities.map((c) => c.name)]
    names = {
      ids: [...world.sites.map((s) => `site:${s.id}`), ...world.cities.map((c) => `city:${c.id}`)],
      texts,
      bases: texts.map(baseName),
    }
    namesByWorld.set(world, names)
  }
  return names
}

// Ranks of a label: selected, then of concern, then the rest.
const SELECTED = 0
const CONCERN = 1
const OTHER = 2

/**
 * The labels for `step`, most important first (see the module comment): by rank, then exposures
 * (more first), then text and id. A city that shares its name and place with a labelled site is
 * named once, by the higher of the two. This runs for every step the map shows, and a busy step
 * of the 200 x 5,000 world labels 1,300 to 2,600 places: exposures come from the step's place
 * totals, places are ranked by number (name ranks are made once per world), and only labels kept
 * are built.
 */
export function placeLabelsOf(
  world: World,
  step: StepRecord | null,
  concernJurisdictions: readonly string[],
  selected: { siteIds: readonly string[]; cityIds: readonly string[] },
): PlaceLabel[] {
  const siteCount = world.sites.length
  const placeCount = siteCount + world.cities.length
  // Exposures by place, sites first, then cities: from the step's place totals, so no pass over
  // its flows (tens of thousands) is made here.
  const exposures = new Float64Array(placeCount)
  if (step) {
    const { sites, cities } = placeTotalsOf(step)
    for (let p = 0; p < siteCount; p++) exposures[p] = sites[PLACE_FIELDS * p + 1] ?? 0
    for (let c = 0; c < world.cities.length; c++)
      exposures[siteCount + c] = cities[PLACE_FIELDS * c + 1] ?? 0
  }
  const rank = new Uint8Array(placeCount).fill(OTHER)
  world.sites.forEach((site, i) => {
    if (isConcernSite(site, concernJurisdictions)) rank[i] = CONCERN
    if (selected.siteIds.includes(site.id)) rank[i] = SELECTED
  })
  if (selected.cityIds.length > 0)
    world.cities.forEach((city, i) => {
      if (selected.cityIds.includes(city.id)) rank[siteCount + i] = SELECTED
    })
  const places: number[] = []
  for (let p = 0; p < placeCount; p++)
    if ((exposures[p] as number) > 0 || rank[p] === SELECTED) places.push(p)
  const { ids, texts, bases } = placeNamesOf(world)
  // Names by rank (name-order.ts): only places of one name call the collator, for their ids.
  // Ranked only when there is something to sort: a new world's first render (no step yet) would
  // otherwise rank its names in the same task (the store ranks them in slices of a few ms).
  const names = places.length > 1 ? nameRanksOf(world) : null
  const nameRank = (p: number): number =>
    (p < siteCount ? names?.sites[p] : names?.cities[p - siteCount]) ?? 0
  places.sort(
    (a, b) =>
      (rank[a] as number) - (rank[b] as number) ||
      (exposures[b] as number) - (exposures[a] as number) ||
      nameRank(a) - nameRank(b) ||
      byName(ids[a] as string, ids[b] as string),
  )
  // Kept labels by cell of SAME_PLACE_DEG, so each label is compared only with its neighbours:
  // a step of a large world labels thousands of places, and comparing all pairs took seconds.
  // Each cell heads a list of its kept labels of one kind, linked through `nextInCell`.
  const kept: PlaceLabel[] = []
  const keptBase: string[] = []
  const nextInCell = new Int32Array(places.length)
  const keptCells: number[] = []
  try {
    for (const p of places) {
      const isSite = p < siteCount
      const site = isSite ? world.sites[p] : undefined
      const place = (site ?? world.cities[p - siteCount]) as {
        readonly lat: number
        readonly lon: number
      }
      const a = bases[p] as string
      const row = gridRowOf(place.lat)
      const column = gridColumnOf(place.lon)
      // The earliest kept label (the most important) of the other kind at the same place, among
      // the nine cells.
      const others = isSite ? GRID_CELLS : 0
      let i = -1
      for (let r = Math.max(0, row - 1); r <= Math.min(GRID_ROWS - 1, row + 1); r++)
        for (let c = Math.max(0, column - 1); c <= Math.min(GRID_COLUMNS - 1, column + 1); c++)
          for (
            let j = cellHeads[others + r * GRID_COLUMNS + c] as number;
            j !== -1;
            j = nextInCell[j] as number
          ) {
            if (i !== -1 && j >= i) continue
            const k = kept[j] as PlaceLabel
            const b = keptBase[j] as string
            const isSame =
              Math.abs(k.lat - place.lat) < SAME_PLACE_DEG &&
              Math.abs(k.lon - place.lon) < SAME_PLACE_DEG &&
              (a.startsWith(b) || b.startsWith(a))
            if (isSame) i = j
          }
      const same = kept[i]
      if (same) {
        kept[i] = { ...same, alsoIds: [...same.alsoIds, ids[p] as string] }
        continue
      }
      const cell = (isSite ? 0 : GRID_CELLS) + row * GRID_COLUMNS + column
      nextInCell[kept.length] = cellHeads[cell] as number
      cellHeads[cell] = kept.length
      keptCells.push(cell)
      kept.push({
        id: ids[p] as string,
        kind: isSite ? 'site' : 'city',
        text: texts[p] as string,
        lat: place.lat,
        lon: place.lon,
        isConcern: site !== undefined && isConcernSite(site, concernJurisdictions),
        isSelected: rank[p] === SELECTED,
        exposures: exposures[p] as number,
        alsoIds: [],
      })
      keptBase.push(a)
    }
  } finally {
    for (const cell of keptCells) cellHeads[cell] = -1
  }
  return kept
}

/** Whether a label comes before the per-country counts in placement (selected or of concern). */
export function isAheadOfCountries(label: PlaceLabel): boolean {
  return label.isSelected || label.isConcern
}
