/**
 * Pure derivations of the store's state for the views. Anything built from a run's step list is
 * memoised on the identity of that array (the store replaces it when a snapshot arrives), so a
 * component can select it without building a new object on every render.
 */
import type {
  ExposurePair,
  Incident,
  PolicyId,
  RegionId,
  StepRecord,
  Totals,
  World,
} from '../sim/model'
import { ACCOUNT_KINDS } from '../sim/model'
import { POLICIES, buildSiteIndex, compilePolicy } from '../sim/routing'
import type { RunSummary } from '../worker/protocol'
import { weakMapMemoize } from 'reselect'
import { isIncidentOf } from './incident-identity'
import type { AppState, RunState } from './store'
import type { Selection } from './url-state'

/** Recharts slows down past a few thousand points (recharts #1356), so series are capped here. */
export const MAX_CHART_POINTS = 1500

/** Memoises a one-argument derivation weakly on its argument (a run's data). */
export function memoOn<K extends object, V>(compute: (key: K) => V): (key: K) => V {
  const cache = new WeakMap<K, V>()
  return (key) => {
    const hit = cache.get(key)
    if (hit !== undefined) return hit
    const value = compute(key)
    cache.set(key, value)
    return value
  }
}

/** `memoOn` for two keys: weakly on the first (a run's data), by value or identity on the second. */
export function memoOn2<A extends object, B, V>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const cache = new WeakMap<A, Map<B, V>>()
  return (a, b) => {
    let inner = cache.get(a)
    if (!inner) {
      inner = new Map()
      cache.set(a, inner)
    }
    const hit = inner.get(b)
    if (hit !== undefined) return hit
    const value = compute(a, b)
    inner.set(b, value)
    return value
  }
}

/**
 * Splits `length` items into at most `maxBuckets` contiguous buckets; returns each bucket's
 * [start, end) index pair.
 */
export function buckets(length: number, maxBuckets: number): Array<readonly [number, number]> {
  const count = Math.min(length, Math.max(1, Math.floor(maxBuckets)))
  const out: Array<readonly [number, number]> = []
  for (let b = 0; b < count; b++) {
    const start = Math.floor((b * length) / count)
    const end = Math.floor(((b + 1) * length) / count)
    if (end > start) out.push([start, end])
  }
  return out
}

/** One point of the load and exposure charts: per-step figures, or a bucket's peaks. */
export interface ChartPoint {
  /** Minutes since the run start at which the point's first step begins. */
  readonly minutes: number
  readonly activeParticipants: number
  readonly capacityParticipants: number
  readonly offered: number
  readonly carried: number
  readonly blocked: number
  readonly redirected: number
  readonly crossBorderExposures: number
  readonly concernExposures: number
}

const CHART_FIELDS = [
  'activeParticipants',
  'capacityParticipants',
  'offered',
  'carried',
  'blocked',
  'redirected',
  'crossBorderExposures',
  'concernExposures',
] as const

/**
 * The chart series of a run: one point per step, or, past {@link MAX_CHART_POINTS} steps, the
 * maximum of each field over a bucket of steps. Bucket maxima keep short spikes (an outage, a
 * burst of exposures) visible where averaging would flatten them.
 */
export function chartSeries(
  steps: readonly StepRecord[],
  maxPoints = MAX_CHART_POINTS,
): readonly ChartPoint[] {
  return maxPoints === MAX_CHART_POINTS
    ? chartSeriesMemo(steps, steps.length)
    : buildChartSeries(steps, maxPoints)
}

// The store appends to a run's step list in place: the count is part of the key.
const chartSeriesMemo = weakMapMemoize((steps: readonly StepRecord[], _count: number) =>
  buildChartSeries(steps, MAX_CHART_POINTS),
)

function buildChartSeries(steps: readonly StepRecord[], maxPoints: number): ChartPoint[] {
  return buckets(steps.length, maxPoints).map(([start, end]) => {
    const first = steps[start] as StepRecord
    const point: Record<(typeof CHART_FIELDS)[number], number> = {
      activeParticipants: 0,
      capacityParticipants: 0,
      offered: 0,
      carried: 0,
      blocked: 0,
      redirected: 0,
      crossBorderExposures: 0,
      concernExposures: 0,
    }
    for (let i = start; i < end; i++) {
      const step = steps[i] as StepRecord
      for (const field of CHART_FIELDS) point[field] = Math.max(point[field], step[field])
    }
    return { minutes: first.startMinutes, ...point }
  })
}

/** Minutes at which the run (as far as it has been received) ends. */
export function receivedEndMinutes(run: RunState | null): number {
  if (!run || run.steps.length === 0) return 0
  const last = run.steps[run.steps.length - 1] as StepRecord
  return last.startMinutes + run.stepMinutes
}

/** Minutes at which the whole run ends (known once it has started). */
export function runEndMinutes(run: RunState | null): number {
  return run ? run.stepCount * run.stepMinutes : 0
}

/** Index of the received step that contains `minutes`, or -1 before any step arrived. */
export function stepIndexAt(run: RunState | null, minutes: number): number {
  if (!run || run.steps.length === 0) return -1
  const index = Math.floor(minutes / run.stepMinutes)
  return Math.max(0, Math.min(run.steps.length - 1, index))
}

/** The received step that contains `minutes`. */
export function currentStep(run: RunState | null, minutes: number): StepRecord | null {
  const index = stepIndexAt(run, minutes)
  return index < 0 ? null : ((run as RunState).steps[index] ?? null)
}

/** Totals the step records carry (exposed participants only come with the run's summary). */
export type StepTotals = Omit<Totals, 'exposedParticipants'>

const TOTAL_FIELDS = [
  'meetings',
  'offered',
  'carried',
  'blocked',
  'redirected',
  'crossBorderExposures',
  'concernExposures',
  'exposedDeliveries',
  'exposedMeetings',
  'disconnected',
] as const

const zeroTotals = (): Record<keyof StepTotals, number> => ({
  meetings: 0,
  offered: 0,
  carried: 0,
  blocked: 0,
  redirected: 0,
  crossBorderExposures: 0,
  concernExposures: 0,
  exposedDeliveries: 0,
  exposedMeetings: 0,
  disconnected: 0,
})

/** Running totals: entry `i` sums steps 0..i. */
const prefixTotals = weakMapMemoize((steps: readonly StepRecord[], _count: number) => {
  const out: StepTotals[] = []
  const sum = zeroTotals()
  for (const step of steps) {
    // `?? 0`: step records of engines before 1.2 carry no `disconnected`.
    for (const field of TOTAL_FIELDS) sum[field] += step[field] ?? 0
    out.push({ ...sum })
  }
  return out
})

const ZERO_TOTALS: StepTotals = zeroTotals()

/**
 * Totals of every step up to and including the one at `minutes` (the step the map shows), so
 * they run to the end of that step: see {@link shownStepEndMinutes}. Stable per (steps, step).
 */
export function totalsUpTo(run: RunState | null, minutes: number): StepTotals {
  const index = stepIndexAt(run, minutes)
  if (index < 0) return ZERO_TOTALS
  const { steps } = run as RunState
  return prefixTotals(steps, steps.length)[index] ?? ZERO_TOTALS
}

/** Minutes at which the received step containing `minutes` ends; null before any step arrived. */
export function shownStepEndMinutes(run: RunState | null, minutes: number): number | null {
  const step = currentStep(run, minutes)
  return step ? step.startMinutes + (run as RunState).stepMinutes : null
}

const EMPTY_PAIRS: readonly ExposurePair[] = []

/**
 * Exposures by participant jurisdiction -> key jurisdiction summed over the steps up to and
 * including the one at `minutes`, in first-seen order. Stable per (steps, step index).
 */
export function exposurePairsUpTo(run: RunState | null, minutes: number): readonly ExposurePair[] {
  const index = stepIndexAt(run, minutes)
  if (!run || index < 0) return EMPTY_PAIRS
  return pairsThrough(run.steps, index)
}

const pairsThrough = memoOn2(
  (steps: readonly StepRecord[], index: number): readonly ExposurePair[] => {
    const sums = new Map<string, ExposurePair>()
    for (let i = 0; i <= index; i++) {
      for (const p of (steps[i] as StepRecord).exposurePairs ?? EMPTY_PAIRS) {
        const key = `${p.originJurisdiction}>${p.keyJurisdiction}`
        const prev = sums.get(key)
        sums.set(key, prev ? { ...prev, deliveries: prev.deliveries + p.deliveries } : p)
      }
    }
    return [...sums.values()]
  },
)

/** Whether a step delivered any key outside the allowed regions or from a jurisdiction of concern. */
export function hasExposure(step: StepRecord): boolean {
  return step.exposedDeliveries > 0
}

/** Start of the first step after the one at `minutes` that has an exposure, or null. */
export function nextExposureMinutes(run: RunState | null, minutes: number): number | null {
  if (!run) return null
  const from = stepIndexAt(run, minutes) + 1
  for (let i = Math.max(0, from); i < run.steps.length; i++) {
    const step = run.steps[i] as StepRecord
    if (hasExposure(step)) return step.startMinutes
  }
  return null
}

/** Rows of the stacked bar: one per origin jurisdiction, one numeric field per key jurisdiction. */
export interface ExposurePairChart {
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number>>>
  /** Key jurisdictions, most deliveries first (the bar's stack order). */
  readonly keyJurisdictions: readonly string[]
}

/** Exposures by participant jurisdiction -> key jurisdiction, shaped for a stacked bar chart. */
export const exposurePairChart = memoOn((pairs: readonly ExposurePair[]): ExposurePairChart => {
  const byKey = new Map<string, number>()
  const byOrigin = new Map<string, Record<string, string | number>>()
  for (const p of pairs) {
    byKey.set(p.keyJurisdiction, (byKey.get(p.keyJurisdiction) ?? 0) + p.deliveries)
    const row = byOrigin.get(p.originJurisdiction) ?? { origin: p.originJurisdiction, total: 0 }
    row[p.keyJurisdiction] = ((row[p.keyJurisdiction] as number | undefined) ?? 0) + p.deliveries
    row.total = (row.total as number) + p.deliveries
    byOrigin.set(p.originJurisdiction, row)
  }
  const keyJurisdictions = [...byKey.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([k]) => k)
  const rows = [...byOrigin.values()].sort((a, b) => (b.total as number) - (a.total as number))
  return { rows, keyJurisdictions }
})

/** One bar of the per-site utilisation chart. */
export interface SiteLoad {
  readonly siteId: string
  readonly label: string
  readonly jurisdiction: string
  /** Peak utilisation during the step, in percent. */
  readonly utilisationPct: number
  readonly isDown: boolean
}

/** Per-site peak utilisation in one step, busiest first. Stable per (step, world). */
export function siteLoads(step: StepRecord | null, world: World | null): readonly SiteLoad[] {
  if (!step || !world) return []
  return siteLoadsOf(step, world)
}

const siteLoadsOf = memoOn2((step: StepRecord, world: World): readonly SiteLoad[] =>
  world.sites
    .map((site, i) => ({
      siteId: site.id,
      label: site.city,
      jurisdiction: site.jurisdiction,
      utilisationPct: Math.round((step.siteUtilisation[i] ?? 0) * 1000) / 10,
      isDown: step.siteDown[i] ?? false,
    }))
    .sort((a, b) => b.utilisationPct - a.utilisationPct || a.label.localeCompare(b.label)),
)

/**
 * A site's peak utilisation per step (0..1), bucket maxima past `maxPoints`, for a sparkline.
 * Stable per (steps so far, site, points).
 */
export function siteUtilisationSeries(
  steps: readonly StepRecord[],
  siteIndex: number,
  maxPoints = 240,
): readonly number[] {
  return utilisationSeriesOf(steps, steps.length, siteIndex, maxPoints)
}

const utilisationSeriesOf = weakMapMemoize(
  (steps: readonly StepRecord[], count: number, siteIndex: number, maxPoints: number) =>
    buckets(count, maxPoints).map(([start, end]) => {
      let peak = 0
      for (let i = start; i < end; i++)
        peak = Math.max(peak, (steps[i] as StepRecord).siteUtilisation[siteIndex] ?? 0)
      return peak
    }),
)

/**
 * The run the map draws: the compared one when compare is on and the user chose it. Every panel
 * that shows run data beside the map (selection, incidents, figures, charts) reads this one.
 */
export function selectMapRun(state: Pick<AppState, 'run' | 'compare' | 'mapRun'>): RunState | null {
  return state.mapRun === 'compare' && state.compare ? state.compare : state.run
}

/**
 * While comparing, the label of the policy whose run the panels show, e.g. "Geofenced"; null
 * when there is only one run.
 */
export function shownPolicyLabel(
  state: Pick<AppState, 'run' | 'compare' | 'mapRun' | 'comparePolicy'>,
): string | null {
  if (!state.comparePolicy || !state.compare) return null
  const run = selectMapRun(state)
  return run ? POLICIES[run.policy].label : null
}

/** How an incident table is sorted and filtered. */
export interface IncidentQuery {
  readonly sortBy: 'time' | 'city' | 'keySite'
  readonly isDescending: boolean
  readonly text: string
  readonly kind: 'all' | 'crossBorder' | 'concern'
  /** Only meetings with a participant in this country (ISO code); '' for all. */
  readonly country: string
}

/** An incident with the names the table shows. */
export interface IncidentRow {
  readonly incident: Incident
  readonly cityName: string
  readonly keySiteName: string
  readonly keyJurisdiction: string
}

const incidentRowsMemo = memoOn(
  (_summary: RunSummary) => new WeakMap<World, readonly IncidentRow[]>(),
)

function incidentRowsOf(summary: RunSummary, world: World): readonly IncidentRow[] {
  const byWorld = incidentRowsMemo(summary)
  const hit = byWorld.get(world)
  if (hit) return hit
  const cities = new Map(world.cities.map((c) => [c.id, c.name]))
  const sites = new Map(world.sites.map((s) => [s.id, s]))
  const rows = summary.incidents.map((incident) => {
    const site = sites.get(incident.keySiteId)
    return {
      incident,
      cityName: cities.get(incident.participantCityId) ?? incident.participantCityId,
      keySiteName: site?.city ?? incident.keySiteId,
      keyJurisdiction: site?.jurisdiction ?? '',
    }
  })
  byWorld.set(world, rows)
  return rows
}

/** The countries of the logged meetings, sorted, for the table's country filter. */
export const incidentCountries = memoOn((summary: RunSummary): readonly string[] =>
  [...new Set(summary.incidents.flatMap((i) => i.meetingCountries))].sort(),
)

/** The incident log of a finished run, filtered and sorted for the table. */
export function incidentRows(
  summary: RunSummary | null,
  world: World | null,
  query: IncidentQuery,
): readonly IncidentRow[] {
  if (!summary || !world) return []
  const text = query.text.trim().toLowerCase()
  const rows = incidentRowsOf(summary, world).filter(
    (r) =>
      (query.kind === 'all' ||
        (query.kind === 'crossBorder' ? r.incident.isCrossBorder : r.incident.isConcern)) &&
      (query.country === '' || r.incident.meetingCountries.includes(query.country)) &&
      (text === '' ||
        [r.cityName, r.keySiteName, r.keyJurisdiction, r.incident.account, r.incident.cause]
          .concat(r.incident.meetingCountries)
          .join(' ')
          .toLowerCase()
          .includes(text)),
  )
  const key = (r: IncidentRow): string | number =>
    query.sortBy === 'time'
      ? r.incident.timeMinutes
      : query.sortBy === 'city'
        ? r.cityName
        : r.keySiteName
  const sign = query.isDescending ? -1 : 1
  return rows.sort((a, b) => {
    const ka = key(a)
    const kb = key(b)
    const order =
      typeof ka === 'number' && typeof kb === 'number'
        ? ka - kb
        : String(ka).localeCompare(String(kb))
    return sign * order || a.incident.seq - b.incident.seq
  })
}

/** A site's part in a policy: for how many cities it is a primary, and on how many backup lists. */
export interface SiteRole {
  readonly primaryForCities: number
  readonly secondaryForCities: number
  readonly cityCount: number
}

/**
 * Every site's role under a policy (lists corrected if `isListCorrected`), for free accounts (the
 * majority): compiled from the policy itself so the panel can never disagree with the engine.
 */
export function siteRoles(
  world: World,
  policy: PolicyId,
  paidOptInRegions: readonly RegionId[] = ['US', 'CA', 'EU'],
  isListCorrected = false,
): readonly SiteRole[] {
  return rolesOf(world, `${policy}|${paidOptInRegions.join(',')}|${isListCorrected}`)
}

const rolesOf = memoOn2((world: World, key: string): readonly SiteRole[] => {
  const [policy, regions, fix] = key.split('|') as [PolicyId, string, string]
  const paidOptInRegions = regions === '' ? [] : (regions.split(',') as RegionId[])
  const index = buildSiteIndex(world)
  const tables = compilePolicy(POLICIES[policy], world, index, paidOptInRegions, fix === 'true')
  const primary = world.sites.map(() => 0)
  const secondary = world.sites.map(() => 0)
  world.cities.forEach((_, cityIndex) => {
    const row = cityIndex * ACCOUNT_KINDS.length + ACCOUNT_KINDS.indexOf('free')
    for (const i of new Set(tables.primary[row] ?? [])) primary[i] = (primary[i] ?? 0) + 1
    for (const i of new Set(tables.secondary[row] ?? [])) secondary[i] = (secondary[i] ?? 0) + 1
  })
  return world.sites.map((_, i) => ({
    primaryForCities: primary[i] ?? 0,
    secondaryForCities: secondary[i] ?? 0,
    cityCount: world.cities.length,
  }))
})

/**
 * The logged incidents behind a selection: for a site, those it issued the key for, connected
 * or was tried first; for a city or country, those of its participants; for a route, those on
 * it. The log is sampled when large, so this lists examples, not the total.
 */
export function incidentsForSelection(
  incidents: readonly Incident[],
  selection: Selection | null,
  world: World | null,
): readonly Incident[] {
  if (!selection || !world) return []
  switch (selection.kind) {
    case 'site':
      return incidents.filter(
        (i) =>
          i.keySiteId === selection.id ||
          i.connectedSiteId === selection.id ||
          i.firstPrimarySiteId === selection.id,
      )
    case 'city':
      return incidents.filter(
        (i) => i.participantCityId === selection.id || i.hostCityId === selection.id,
      )
    case 'country': {
      const cities = new Set(
        world.cities.filter((c) => c.country === selection.id).map((c) => c.id),
      )
      return incidents.filter((i) => cities.has(i.participantCityId))
    }
    case 'flow':
      return incidents.filter(
        (i) => i.keySiteId === selection.siteId && i.participantCityId === selection.cityId,
      )
    case 'incident':
      return incidents.filter((i) => isIncidentOf(selection.ref, i))
  }
}

/** One key path of a step: a key site handing keys to a city's participants. */
export interface KeyPathRow {
  readonly siteId: string
  readonly cityId: string
  readonly siteName: string
  readonly cityName: string
  readonly deliveries: number
  /** Deliveries that were an exposure of either kind. */
  readonly exposures: number
  /** Of those, deliveries from a jurisdiction of concern. */
  readonly concern: number
}

/** The most key paths a list offers: enough for a keyboard route, few enough to read. */
export const MAX_KEY_PATHS = 20

const EMPTY_PATHS: readonly KeyPathRow[] = []
const allKeyPaths = memoOn2((step: StepRecord, world: World): readonly KeyPathRow[] =>
  step.flows
    .filter((f) => f.deliveries > 0)
    .map((f) => {
      const site = world.sites[f.siteIndex]
      const city = world.cities[f.cityIndex]
      return {
        siteId: site?.id ?? String(f.siteIndex),
        cityId: city?.id ?? String(f.cityIndex),
        siteName: site?.city ?? String(f.siteIndex),
        cityName: city?.name ?? String(f.cityIndex),
        deliveries: f.deliveries,
        exposures: f.exposures,
        concern: f.concern,
      }
    })
    .sort(
      (a, b) =>
        b.concern - a.concern ||
        b.exposures - a.exposures ||
        b.deliveries - a.deliveries ||
        a.siteName.localeCompare(b.siteName) ||
        a.cityName.localeCompare(b.cityName),
    ),
)

/**
 * The key paths of the step the map shows, for a keyboard route to them: paths with keys from a
 * jurisdiction of concern first, then other exposures, then by keys delivered; at most `limit`.
 * Stable per (step, world, limit).
 */
export function keyPathsAt(
  run: RunState | null,
  minutes: number,
  limit: number = MAX_KEY_PATHS,
): readonly KeyPathRow[] {
  const step = currentStep(run, minutes)
  if (!step || !run?.world) return EMPTY_PATHS
  const all = allKeyPaths(step, run.world)
  if (all.length <= limit) return all
  return limitedPaths(all, limit)
}

const limitedPaths = memoOn2((all: readonly KeyPathRow[], limit: number): readonly KeyPathRow[] =>
  all.slice(0, Math.max(0, limit)),
)

/** A city that received keys in a step, with what it received. */
export interface CityDeliveryRow {
  readonly cityId: string
  readonly cityName: string
  readonly deliveries: number
  readonly exposures: number
  readonly concern: number
}

const EMPTY_CITIES: readonly CityDeliveryRow[] = []
const cityRowCache = new WeakMap<readonly KeyPathRow[], readonly CityDeliveryRow[]>()

/**
 * Every city whose participants received keys in the step the map shows, ordered like
 * {@link keyPathsAt} (concern, other exposures, keys). Stable per (step, world).
 */
export function citiesWithDeliveriesAt(
  run: RunState | null,
  minutes: number,
): readonly CityDeliveryRow[] {
  const step = currentStep(run, minutes)
  if (!step || !run?.world) return EMPTY_CITIES
  const paths = allKeyPaths(step, run.world)
  const hit = cityRowCache.get(paths)
  if (hit) return hit
  const byCity = new Map<string, CityDeliveryRow>()
  for (const p of paths) {
    const prev = byCity.get(p.cityId)
    byCity.set(p.cityId, {
      cityId: p.cityId,
      cityName: p.cityName,
      deliveries: (prev?.deliveries ?? 0) + p.deliveries,
      exposures: (prev?.exposures ?? 0) + p.exposures,
      concern: (prev?.concern ?? 0) + p.concern,
    })
  }
  const rows = [...byCity.values()].sort(
    (a, b) =>
      b.concern - a.concern ||
      b.exposures - a.exposures ||
      b.deliveries - a.deliveries ||
      a.cityName.localeCompare(b.cityName),
  )
  cityRowCache.set(paths, rows)
  return rows
}
