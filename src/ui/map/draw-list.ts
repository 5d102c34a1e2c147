/**
 * The map's data pipeline, apart from drawing: memoised selectors from the store's state to what
 * the map draws at the shown time (the step, its arcs and city dots with their widths and focus,
 * the site markers, the countries exposed so far, the run's maxima). The canvas layer, the site
 * markers, the country shading and the tooltips all read these, so each is computed once per
 * change of its inputs, whoever asks first.
 */
import { createSelector, lruMemoize } from 'reselect'
import type { City, StepRecord, World } from '../../sim/model'
import { incidentOnStep } from '../../store/incident-identity'
import { selectMapRun, stepIndexAt } from '../../store/selectors'
import type { AppState } from '../../store/store'
import { cityJoinsOf, exposedCountriesAt, firstExposuresOf, focusOf, runMaxima } from './map-data'
import type { ArcGeometry, PairFlow } from './map-data'
import { aggregateStepFlows } from './step-pairs'
import { arcsOf } from './arc-builder'
import { emptyArcTable } from './arc-table'
import { NO_CITY_DOTS, cityPlacesOf } from './city-dots'
import type { CityDots } from './city-dots'
import type { ArcTable } from './arc-table'
import type { ArcInputs, ArcList } from './arc-builder'
import {
  CONCERN_JURISDICTIONS,
  cityRadiusPx,
  isConcernSite,
  siteCapacityAt,
  siteRadiusPx,
} from './map-scales'
import type { ArcKind } from './map-scales'
import { maxCountryKeysPerStep } from './country-symbols'

/** The part of the store's state the map's pipeline reads. */
export type MapState = Pick<AppState, 'run' | 'compare' | 'mapRun' | 'timeMinutes' | 'selection'>

/** One arc of the shown step, with what drawing and hit-testing need. */
export interface ArcItem extends PairFlow {
  readonly kind: ArcKind
  readonly geometry: ArcGeometry
  readonly widthPx: number
  readonly isFaded: boolean
}

/** One participant city's dot in the shown step (the list keeps them in columns, city-dots.ts). */
export interface CityItem {
  readonly cityIndex: number
  readonly u: number
  readonly v: number
  readonly joins: number
  readonly radiusPx: number
  readonly isFaded: boolean
}

/** What the canvas layer draws, in drawing order, each arc an object (see flow-bundles.ts). */
export interface FlowDrawList {
  /** [0, crossBorderStart) neutral, then cross-border only, then from concernStart on, concern. */
  readonly arcs: readonly ArcItem[]
  readonly crossBorderStart: number
  readonly concernStart: number
  readonly cities: CityDots
}

/**
 * The arcs and city dots of the shown step, its arcs in drawing order in a table (arc-table.ts):
 * the map draws them as a {@link FlowDrawList} of bundles and lone paths (flow-bundles.ts).
 */
export interface StepDrawList {
  /** [0, crossBorderStart) neutral, then cross-border only, then from concernStart on, concern. */
  readonly arcs: ArcTable
  readonly crossBorderStart: number
  readonly concernStart: number
  readonly cities: CityDots
}

/** One data-center marker in the shown step. */
export interface SiteItem {
  readonly utilisation: number
  readonly isDown: boolean
  /** Real (unscaled) participants at the end of the step. */
  readonly capacity: number
  readonly radiusPx: number
  readonly isFaded: boolean
  readonly isConcern: boolean
}

const selectWorld = (s: MapState): World | null => selectMapRun(s)?.world ?? null
const selectSteps = (s: MapState): readonly StepRecord[] | undefined => selectMapRun(s)?.steps
// The store appends snapshots to the run's own step list: its length, not its identity, changes.
const selectStepsDone = (s: MapState): number => selectMapRun(s)?.stepsDone ?? 0
const selectSelection = (s: MapState) => s.selection

/** Minutes per step of the run the map shows (60 before a run started). */
export const selectMapStepMinutes = (s: MapState): number => selectMapRun(s)?.stepMinutes ?? 60

/** Index of the step the map shows, clamped to the steps received; -1 before any arrived. */
export const selectMapStepIndex = (s: MapState): number =>
  stepIndexAt(selectMapRun(s), s.timeMinutes)

/** The step record the map shows, or null. */
export const selectMapStep = (s: MapState): StepRecord | null => {
  const i = selectMapStepIndex(s)
  return i < 0 ? null : (selectSteps(s)?.[i] ?? null)
}

/** The selected incident when it happened in the shown step, else null. */
export const selectMapIncident = createSelector(
  [
    (s: MapState) => selectMapRun(s)?.summary ?? null,
    selectSelection,
    selectMapStep,
    selectMapStepMinutes,
  ],
  incidentOnStep,
)

const NO_PAIRS: readonly PairFlow[] = []

// Only a selection reads the step's pairs as objects: the arcs read them as numbers.
const selectFocusPairs = createSelector([selectWorld, selectMapStep], (world, step) =>
  world ? aggregateStepFlows(step ?? [], world.sites.length, world.cities.length) : NO_PAIRS,
)

/** What the selection keeps in focus in the shown step (see `focusOf`); null fades nothing. */
export const selectMapFocus = createSelector(
  [
    selectSelection,
    selectWorld,
    (s: MapState) => (s.selection ? selectFocusPairs(s) : NO_PAIRS),
    selectMapIncident,
  ],
  (selection, world, pairs, incident) =>
    world ? focusOf(selection, world, pairs, incident) : null,
)

interface MaximaScan {
  readonly firstStep: StepRecord | undefined
  readonly scannedSteps: number
  readonly pair: number
  readonly city: number
}

// Extended snapshot by snapshot: a full rescan per snapshot would be quadratic over a run.
const maximaScans = new WeakMap<World, MaximaScan>()

function maximaOf(world: World | null, steps: readonly StepRecord[] | undefined): MaximaScan {
  const none: MaximaScan = { firstStep: undefined, scannedSteps: 0, pair: 1, city: 1 }
  if (!world || !steps) return none
  const last = maximaScans.get(world)
  const isSameRun =
    last !== undefined && last.firstStep === steps[0] && last.scannedSteps <= steps.length
  if (isSameRun && last.scannedSteps === steps.length) return last
  const more = runMaxima(steps.slice(isSameRun ? last.scannedSteps : 0), world.cities.length)
  const pair = Math.max(more.pair, isSameRun ? last.pair : 1)
  const city = Math.max(more.city, isSameRun ? last.city : 1)
  const scan = { firstStep: steps[0], scannedSteps: steps.length, pair, city }
  maximaScans.set(world, scan)
  return scan
}

const selectMaxima = createSelector([selectWorld, selectSteps, selectStepsDone], (world, steps) =>
  maximaOf(world, steps),
)
// Numbers, so a snapshot that leaves them unchanged changes nothing downstream.
const selectMaxPair = (s: MapState): number => selectMaxima(s).pair
const selectMaxCity = (s: MapState): number => selectMaxima(s).city

const NO_ARCS: ArcList = { arcs: emptyArcTable(0), crossBorderStart: 0, concernStart: 0 }

/** What the shown step's arcs are built from; null before the run has a world. */
export const selectArcInputs = createSelector(
  [selectWorld, selectMapStep, selectMapFocus, selectMapIncident, selectMaxPair],
  (world, step, focus, incident, maxPair): ArcInputs | null =>
    world ? { world, step, focus, incident, maxPair } : null,
)

/**
 * Steps whose arcs and city dots the selectors keep: the built-in briefing's eight chapters at
 * their start and their end (the briefing warms them before they are shown), and the last steps
 * shown. Kept for every step, as reselect keeps by default, a long run of a large world played
 * through kept every step's arc table: 2.2 MB a step at 60,000 arcs.
 */
export const KEPT_STEP_LISTS = 20
const keptPerStep = { memoize: lruMemoize, memoizeOptions: { maxSize: KEPT_STEP_LISTS } }

const selectArcs = createSelector(
  [selectArcInputs],
  (inputs) => (inputs ? arcsOf(inputs) : NO_ARCS),
  keptPerStep,
)

const selectCities = createSelector(
  [selectWorld, selectMapStep, selectMapFocus, selectMaxCity],
  (world, step, focus, maxCity): CityDots => {
    if (!world) return NO_CITY_DOTS
    const { cities } = world
    const joins = cityJoinsOf(step ?? [], cities.length)
    const radiusPx = new Float64Array(cities.length)
    const isFaded = new Uint8Array(cities.length)
    for (let i = 0; i < cities.length; i++) {
      radiusPx[i] = cityRadiusPx(joins[i] as number, maxCity)
      const city = cities[i] as City
      if (focus !== null && !focus.cityIds.has(city.id) && !focus.countries.has(city.country))
        isFaded[i] = 1
    }
    return { length: cities.length, ...cityPlacesOf(world), joins, radiusPx, isFaded }
  },
  keptPerStep,
)

/** The arcs and city dots of the shown step, in drawing order. */
export const selectStepDrawList = createSelector(
  [selectArcs, selectCities],
  (arcs, cities): StepDrawList => ({ ...arcs, cities }),
)

/** The jurisdictions of concern of the run the map shows. */
export const selectMapConcern = (s: MapState): readonly string[] => {
  const run = selectMapRun(s)
  // Until the worker's `started` message a run has no world and no jurisdictions yet.
  return run?.world ? run.concernJurisdictions : CONCERN_JURISDICTIONS
}

/** The most exposed keys any one country received in one step so far (at least 1). */
export const selectMaxCountryKeys = createSelector(
  [selectWorld, selectSteps, selectStepsDone],
  (world, steps) => (world && steps ? maxCountryKeysPerStep(world, steps) : 1),
)

/** The data-center markers of the shown step, one per site of the world. */
export const selectSiteItems = createSelector(
  [
    selectWorld,
    selectMapStep,
    selectMapFocus,
    selectMapConcern,
    (s: MapState) => selectMapRun(s)?.scale ?? 0,
  ],
  (world, step, focus, concernJurisdictions, scale): SiteItem[] => {
    if (!world) return []
    // Against the scenario's largest site, so a capacity event visibly shrinks or grows a marker.
    const maxCapacity = Math.max(1, ...world.sites.map((s) => s.capacityParticipants))
    return world.sites.map((site, i) => {
      const capacity = siteCapacityAt(site, i, step, scale)
      return {
        utilisation: step?.siteUtilisation[i] ?? 0,
        isDown: step?.siteDown[i] ?? false,
        capacity,
        radiusPx: siteRadiusPx(capacity, maxCapacity),
        isFaded: focus !== null && !focus.siteIds.has(site.id),
        isConcern: isConcernSite(site, concernJurisdictions),
      }
    })
  },
)

const selectExposedKey = createSelector(
  [selectWorld, selectSteps, selectMapStepIndex, selectStepsDone],
  (world, steps, stepIndex) =>
    world && steps ? exposedCountriesAt(firstExposuresOf(world, steps), stepIndex).join(',') : '',
)

/** Countries (ISO alpha-2, sorted) that received an exposed key up to the shown step. */
export const selectExposedCountries = createSelector([selectExposedKey], (key) =>
  key ? key.split(',') : [],
)
