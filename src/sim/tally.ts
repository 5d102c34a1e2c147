/**
 * The tallies of a run, exact and deterministic (plain additions in event order): the step's
 * counters of the metric table (metrics.ts), the run's totals, per-site peaks and counts, flows
 * by (key site, city) and exposures by (origin, key) jurisdiction pair. Only the incident log
 * (incident-log.ts) is sampled.
 */
import type {
  CountedMetricName,
  LevelMetricName,
  StepMetricName,
  StepMetrics,
  TotalMetricName,
  TotalMetrics,
} from './metrics'
import { COUNTED_METRIC_NAMES, STEP_METRIC_NAMES, TOTAL_METRIC_NAMES } from './metrics'
import type { ExposurePair, Flow, SiteSummary, StepFlow, World } from './model'

/** Counters the engine adds to while a step runs: the counted metrics and the means' sums. */
export type StepCounters = Record<CountedMetricName | 'addedRttMs', number>

function zeroCounters(): StepCounters {
  const counters = { addedRttMs: 0 } as StepCounters
  for (const name of COUNTED_METRIC_NAMES) counters[name] = 0
  return counters
}

/** The per-site figures of a step, as `StepRecord` carries them (indexed by site). */
export interface StepSites {
  readonly siteUtilisation: number[]
  readonly siteOccupancy: number[]
  readonly siteDown: boolean[]
  readonly siteCapacity: number[]
}

/** What a step's tally closes into: the table's metrics, per-site figures, flows and pairs. */
export type ClosedStep = StepMetrics &
  StepSites & { readonly flows: StepFlow[]; readonly exposurePairs: ExposurePair[] }

/**
 * Every tally of a run: the step's counters (`step`, which the engine adds to), the run's
 * counts, per-site peaks and counts, flows by (key site, city) and exposures by jurisdiction
 * pair, for the step and for the run. Flow index: `keySite * cityCount + city`; pair index:
 * `origin * jurisdictions + keyJurisdiction`.
 */
export class RunTally {
  /** The current step's counters. */
  readonly step: StepCounters = zeroCounters()
  /** Peak utilisation of each site in the current step (see {@link settlePeak}). */
  readonly stepPeak: Float64Array
  /**
   * Highest occupancy each site reached by a connection since its peak was last settled: a join
   * raises it, and it becomes a utilisation (one division, not one per join) when the step
   * closes or the site's capacity changes. Division by the same capacity keeps the order, so the
   * peak is the very number a division per join would give.
   */
  readonly stepPeakOccupancy: Float64Array
  /** Participants each site carried over the run. */
  readonly siteCarried: Float64Array
  private readonly run: Record<CountedMetricName, number> = zeroCounters()
  private readonly sitePeak: Float64Array
  private readonly siteKeys: Float64Array
  private readonly siteExposures: Float64Array
  private readonly stepDeliveries: Float64Array
  private readonly stepExposures: Float64Array
  private readonly stepConcernFlows: Float64Array
  private readonly flowDeliveries: Float64Array
  private readonly flowCross: Float64Array
  private readonly flowConcern: Float64Array
  private readonly stepPairs: Float64Array
  private readonly pairCounts: Float64Array

  /**
   * @param isStepFlowsKept whether steps close with their flows (false: empty, and the per-step
   *   flow tallies are neither counted nor scanned)
   */
  constructor(
    private readonly siteCount: number,
    private readonly cityCount: number,
    private readonly jurisdictions: readonly string[],
    readonly isStepFlowsKept = true,
  ) {
    const flows = siteCount * cityCount
    const stepFlows = isStepFlowsKept ? flows : 0
    const pairs = jurisdictions.length * jurisdictions.length
    this.stepPeak = new Float64Array(siteCount)
    this.stepPeakOccupancy = new Float64Array(siteCount)
    this.sitePeak = new Float64Array(siteCount)
    this.siteCarried = new Float64Array(siteCount)
    this.siteKeys = new Float64Array(siteCount)
    this.siteExposures = new Float64Array(siteCount)
    this.stepDeliveries = new Float64Array(stepFlows)
    this.stepExposures = new Float64Array(stepFlows)
    this.stepConcernFlows = new Float64Array(stepFlows)
    this.flowDeliveries = new Float64Array(flows)
    this.flowCross = new Float64Array(flows)
    this.flowConcern = new Float64Array(flows)
    this.stepPairs = new Float64Array(pairs)
    this.pairCounts = new Float64Array(pairs)
  }

  /** Raises a site's peak utilisation of the step to `utilisation` if it is higher. */
  notePeak(site: number, utilisation: number): void {
    if (utilisation > (this.stepPeak[site] as number)) this.stepPeak[site] = utilisation
  }

  /** Folds a site's peak occupancy into its peak utilisation at `capacity`, the capacity it had meanwhile. */
  settlePeak(site: number, capacity: number): void {
    const occupancy = this.stepPeakOccupancy[site] as number
    if (occupancy === 0) return
    this.notePeak(site, occupancy / capacity)
    this.stepPeakOccupancy[site] = 0
  }

  /** Counts a key delivery from `keySite` on flow `flow`. */
  countDelivery(flow: number, keySite: number): void {
    if (this.isStepFlowsKept) this.stepDeliveries[flow] = (this.stepDeliveries[flow] as number) + 1
    this.flowDeliveries[flow] = (this.flowDeliveries[flow] as number) + 1
    this.siteKeys[keySite] = (this.siteKeys[keySite] as number) + 1
  }

  /** Counts a delivery (already counted by `countDelivery`) as an exposure of either kind or both. */
  countExposure(
    flow: number,
    keySite: number,
    pair: number,
    isCross: boolean,
    isConcern: boolean,
  ): void {
    const step = this.step
    step.exposedDeliveries++
    const isStepFlowsKept = this.isStepFlowsKept
    if (isStepFlowsKept) this.stepExposures[flow] = (this.stepExposures[flow] as number) + 1
    this.siteExposures[keySite] = (this.siteExposures[keySite] as number) + 1
    if (isCross) {
      step.crossBorderExposures++
      this.flowCross[flow] = (this.flowCross[flow] as number) + 1
    }
    if (isConcern) {
      step.concernExposures++
      if (isStepFlowsKept) this.stepConcernFlows[flow] = (this.stepConcernFlows[flow] as number) + 1
      this.flowConcern[flow] = (this.flowConcern[flow] as number) + 1
    }
    this.pairCounts[pair] = (this.pairCounts[pair] as number) + 1
    this.stepPairs[pair] = (this.stepPairs[pair] as number) + 1
  }

  /**
   * Closes the step: reads the sites' state at its end, adds the step's counts to the run's, and
   * resets the step's tallies. Returns the step's figures.
   */
  closeStep(state: {
    readonly capacity: Float64Array
    readonly occupancy: Float64Array
    readonly down: Uint8Array
  }): ClosedStep {
    const { capacity, occupancy, down } = state
    const sites: StepSites = {
      siteUtilisation: [],
      siteOccupancy: [],
      siteDown: [],
      siteCapacity: [],
    }
    let active = 0
    let up = 0
    for (let s = 0; s < this.siteCount; s++) {
      const cap = capacity[s] as number
      this.settlePeak(s, cap)
      const util = this.stepPeak[s] as number
      sites.siteUtilisation.push(round4(util))
      sites.siteCapacity.push(cap)
      if (util > (this.sitePeak[s] as number)) this.sitePeak[s] = util
      const occ = occupancy[s] as number
      sites.siteOccupancy.push(occ)
      sites.siteDown.push(down[s] === 1)
      active += occ
      if (down[s] === 0) up += cap
    }
    const levels: Record<LevelMetricName, number> = {
      activeParticipants: active,
      capacityParticipants: up,
    }
    const step = this.step
    const meanAddedRttMs = step.redirected > 0 ? round4(step.addedRttMs / step.redirected) : 0
    const metrics = {} as Record<StepMetricName, number>
    // Compared by name rather than looked up in an object of computed figures: this runs every
    // step, and a keyed lookup per metric cost more than the rest of the close.
    for (const name of STEP_METRIC_NAMES)
      metrics[name] =
        name === 'activeParticipants' || name === 'capacityParticipants'
          ? levels[name]
          : name === 'meanAddedRttMs'
            ? meanAddedRttMs
            : step[name as CountedMetricName]
    for (const name of COUNTED_METRIC_NAMES) {
      this.run[name] += step[name]
      step[name] = 0
    }
    step.addedRttMs = 0
    return {
      ...metrics,
      ...sites,
      flows: this.closeStepFlows(),
      exposurePairs: this.closeStepPairs(),
    }
  }

  private closeStepFlows(): StepFlow[] {
    const flows: StepFlow[] = []
    if (!this.isStepFlowsKept) return flows
    for (let site = 0; site < this.siteCount; site++) {
      for (let city = 0; city < this.cityCount; city++) {
        const i = site * this.cityCount + city
        const deliveries = this.stepDeliveries[i] as number
        if (deliveries === 0) continue
        flows.push({
          siteIndex: site,
          cityIndex: city,
          deliveries,
          exposures: this.stepExposures[i] as number,
          concern: this.stepConcernFlows[i] as number,
        })
        this.stepDeliveries[i] = 0
        this.stepExposures[i] = 0
        this.stepConcernFlows[i] = 0
      }
    }
    return flows
  }

  private closeStepPairs(): ExposurePair[] {
    const pairs: ExposurePair[] = []
    const j = this.jurisdictions.length
    for (let i = 0; i < this.stepPairs.length; i++) {
      const deliveries = this.stepPairs[i] as number
      if (deliveries === 0) continue
      pairs.push({
        originJurisdiction: this.jurisdictions[Math.floor(i / j)] as string,
        keyJurisdiction: this.jurisdictions[i % j] as string,
        deliveries,
      })
      this.stepPairs[i] = 0
    }
    return pairs
  }

  /** The run's totals of the closed steps, in table order. */
  totals(): TotalMetrics {
    const totals = {} as Record<TotalMetricName, number>
    for (const name of TOTAL_METRIC_NAMES) totals[name] = this.run[name]
    return totals
  }

  /** Per-site figures over the run. */
  sites(world: World): SiteSummary[] {
    return world.sites.map((s, i) => ({
      siteId: s.id,
      peakUtilisation: round4(this.sitePeak[i] as number),
      carried: this.siteCarried[i] as number,
      keysIssued: this.siteKeys[i] as number,
      exposuresIssued: this.siteExposures[i] as number,
    }))
  }

  /** Exposures over the run by jurisdiction pair, most first (ties in code-unit order). */
  exposurePairs(): ExposurePair[] {
    const pairs: ExposurePair[] = []
    const j = this.jurisdictions.length
    for (let o = 0; o < j; o++) {
      for (let k = 0; k < j; k++) {
        const deliveries = this.pairCounts[o * j + k] as number
        if (deliveries > 0) {
          pairs.push({
            originJurisdiction: this.jurisdictions[o] as string,
            keyJurisdiction: this.jurisdictions[k] as string,
            deliveries,
          })
        }
      }
    }
    return pairs.sort(
      (a, b) =>
        b.deliveries - a.deliveries ||
        compareText(a.originJurisdiction, b.originJurisdiction) ||
        compareText(a.keyJurisdiction, b.keyJurisdiction),
    )
  }

  /** Key deliveries over the run by (key site, city), non-empty only. */
  flows(world: World): Flow[] {
    const flows: Flow[] = []
    for (let site = 0; site < this.siteCount; site++) {
      for (let city = 0; city < this.cityCount; city++) {
        const i = site * this.cityCount + city
        const deliveries = this.flowDeliveries[i] as number
        if (deliveries === 0) continue
        flows.push({
          keySiteId: (world.sites[site] as { id: string }).id,
          cityId: (world.cities[city] as { id: string }).id,
          deliveries,
          crossBorder: this.flowCross[i] as number,
          concern: this.flowConcern[i] as number,
        })
      }
    }
    return flows
  }
}

/** Code-unit order, the same under every locale (localeCompare is not). */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}

/** Rounds to 4 decimal places (utilisations and means in results). */
export function round4(x: number): number {
  return Math.round(x * 10000) / 10000
}
