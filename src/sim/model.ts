/**
 * Domain types of the keyroute engine. Plain data only: everything here can be serialised to
 * JSON and back without loss. Units are in the names (`capacityParticipants`, `timeMinutes`,
 * `rttMs`); times are minutes since the scenario start unless a name says otherwise.
 */
import type { MeetingLedger } from './ledger'
import type { StepMetrics, TotalMetrics } from './metrics'
import type { PolicyId } from './routing'

/**
 * A fact's provenance. `sourced` quotes a primary or reported source (with its URL in `ref`);
 * `assumption` is a modelling choice the app must label as such.
 */
export type Provenance =
  | { readonly kind: 'sourced'; readonly ref: string; readonly note?: string }
  | { readonly kind: 'assumption'; readonly note: string }

/** The eight routing regions of April 2020 (Zoom, 13 April 2020), Japan and Hong Kong as one. */
export const REGION_IDS = ['US', 'CA', 'EU', 'IN', 'AU', 'CN', 'LATAM', 'JPHK'] as const
/** One of Zoom's April 2020 routing regions. */
export type RegionId = (typeof REGION_IDS)[number]

/** The three account kinds the model distinguishes. */
export const ACCOUNT_KINDS = ['free', 'paid', 'government'] as const
/** Kind of the account that hosts a meeting; every participant of the meeting inherits it. */
export type AccountKind = (typeof ACCOUNT_KINDS)[number]

/** A routing region: its sites are the primaries of its users. */
export interface Region {
  readonly id: RegionId
  readonly name: string
  /**
   * Regions whose sites form this region's list of secondary (backup) data centers when the
   * list is correctly geofenced. Always excludes China for non-China regions.
   */
  readonly secondaryRegions: readonly RegionId[]
  readonly provenance: Provenance
}

/** A data-center site. */
export interface Site {
  readonly id: string
  readonly city: string
  /** ISO 3166-1 alpha-2 code of the country the site stands in. */
  readonly country: string
  /** Legal jurisdiction whose authorities could compel access (for example `CN`, `US`, `EU`). */
  readonly jurisdiction: string
  readonly region: RegionId
  readonly lat: number
  readonly lon: number
  /** Concurrent participants the site can host, in real (unscaled) participants. */
  readonly capacityParticipants: number
  /** Whether the site hands meeting keys to the clients connected to it. */
  readonly distributesKeys: boolean
  /** ISO date (YYYY-MM-DD) the site opened; before it the site is down. Absent: always open. */
  readonly openFrom?: string
  readonly provenance: Provenance
}

/** A city where participants live, with its share of the world's meeting participants. */
export interface City {
  readonly id: string
  readonly name: string
  /** ISO 3166-1 alpha-2. */
  readonly country: string
  readonly region: RegionId
  readonly lat: number
  readonly lon: number
  /** Relative share of meeting participants (any positive scale; the engine normalises). */
  readonly weight: number
  /** Offset of local time from UTC in hours in effect in March 2020 (may be fractional). */
  readonly utcOffsetHours: number
  readonly provenance: Provenance
}

/** The simulated world: regions, data-center sites and population points. */
export interface World {
  readonly id: string
  readonly regions: readonly Region[]
  readonly sites: readonly Site[]
  readonly cities: readonly City[]
  /** Country -> jurisdiction, where the jurisdiction differs from the ISO code (EU members). */
  readonly jurisdictionOfCountry: Readonly<Record<string, string>>
}

/** Names of the built-in routing policies, derived from `POLICY_LIST` in routing.ts. */
export { POLICY_IDS } from './routing'
/** Name of a routing policy (one of `POLICY_IDS`). */
export type { PolicyId } from './routing'

/** How a delivery of a meeting key is classified. */
export type DeliveryClass = 'normal' | 'crossBorder' | 'concern'

/** Why the primary attempts failed for one participant. */
export type FailureReason = 'full' | 'down' | 'congested'

/**
 * One recorded key exposure: a participant received its meeting's key from a site outside its
 * allowed regions, or in a jurisdiction of concern where no participant of the meeting is.
 */
export interface Incident {
  /** Sequential number of this exposure among all exposures of the run (0-based). */
  readonly seq: number
  readonly timeMinutes: number
  readonly meetingId: number
  readonly account: AccountKind
  readonly hostCityId: string
  readonly participantCityId: string
  /** The first primary site that failed ('' when the first attempt succeeded). */
  readonly firstPrimarySiteId: string
  /** Primary attempts that failed. */
  readonly primaryAttempts: number
  /** Why the last failed primary attempt failed ('full' when none failed). */
  readonly primaryFailure: FailureReason
  /** Every failed primary attempt in order: the site tried and why it failed. */
  readonly attemptedPrimaries: readonly {
    readonly siteId: string
    readonly reason: FailureReason
  }[]
  /** Whether the client connected through the secondary list (else a primary took it). */
  readonly isViaSecondary: boolean
  /** Site the client connected to. */
  readonly connectedSiteId: string
  /** Site that delivered the meeting key. */
  readonly keySiteId: string
  readonly isCrossBorder: boolean
  readonly isConcern: boolean
  /** Connected participants of the meeting, all of whom share the exposed key. */
  readonly meetingParticipants: number
  /** Countries of the meeting's participants, sorted. */
  readonly meetingCountries: readonly string[]
  /**
   * Plain-language cause, e.g. "Toronto full after 3 attempts -> secondary list -> key issued in
   * Beijing" or "3 attempts failed: New York area congested twice, San Jose congested -> ...".
   */
  readonly cause: string
}

/** Key deliveries aggregated per (key site, participant city). */
export interface Flow {
  readonly keySiteId: string
  readonly cityId: string
  readonly deliveries: number
  readonly crossBorder: number
  readonly concern: number
}

/** A flow of one step, compact: indices into the world's sites and cities. */
export interface StepFlow {
  readonly siteIndex: number
  readonly cityIndex: number
  readonly deliveries: number
  /** Deliveries that were an exposure of either kind. */
  readonly exposures: number
  /** Of those, deliveries from a jurisdiction of concern (the rest are only cross-border). */
  readonly concern: number
}

/** Exposures from one origin jurisdiction (the participant's) to one key jurisdiction. */
export interface ExposurePair {
  readonly originJurisdiction: string
  readonly keyJurisdiction: string
  readonly deliveries: number
}

/** Totals over the whole run: the metric table's whole-run figures (see `METRICS` in metrics.ts). */
export type Totals = TotalMetrics

/** Per-site summary over the run. */
export interface SiteSummary {
  readonly siteId: string
  readonly peakUtilisation: number
  readonly carried: number
  readonly keysIssued: number
  readonly exposuresIssued: number
}

/** A timeline event applied while the simulation runs. */
export type TimelineEvent =
  | {
      readonly kind: 'outage'
      readonly atMinutes: number
      readonly siteId: string
      readonly label?: string
    }
  | {
      readonly kind: 'restore'
      readonly atMinutes: number
      readonly siteId: string
      readonly label?: string
    }
  | {
      readonly kind: 'capacity'
      readonly atMinutes: number
      readonly siteId: string
      readonly capacityParticipants: number
      readonly label?: string
    }
  | {
      readonly kind: 'policy'
      readonly atMinutes: number
      readonly policy: PolicyId
      readonly label?: string
    }
  | {
      /**
       * The backup lists are corrected (the 3 April 2020 fix): the policy in force switches to its
       * corrected choice (see `listCorrection` in routing.ts); the policy itself stays.
       */
      readonly kind: 'list-correction'
      readonly atMinutes: number
      readonly label?: string
    }

/** Everything one run produces. Same scenario, seed and engine version: byte-identical JSON. */
export interface RunResult {
  readonly engineVersion: string
  /** Hex hash of (canonical scenario, seed, engine version). */
  readonly hash: string
  readonly scenarioId: string
  readonly seed: number
  readonly initialPolicy: PolicyId
  readonly startDate: string
  readonly days: number
  /** Simulated participants per real participant (e.g. 0.0005 for 1:2000). */
  readonly scale: number
  readonly totals: Totals
  readonly sites: SiteSummary[]
  readonly exposurePairs: ExposurePair[]
  readonly flows: Flow[]
  /** Flows per step (only non-empty ones), for the map's time slider. */
  readonly stepFlows: StepFlow[][]
  /** Sampled exposures, spread evenly over the run when there are more than the log keeps. */
  readonly incidents: Incident[]
  /** The ledger of every meeting with a kept incident, by meeting id (ledger.ts). */
  readonly ledgers: MeetingLedger[]
  readonly timeline: TimelineEvent[]
}

/**
 * Figures of one step, as the engine emits them while it runs (the worker streams these): the
 * metric table's per-step figures (see `METRICS` in metrics.ts), then per-site state, the policy
 * in force and the step's flows.
 */
export interface StepRecord extends StepMetrics {
  readonly step: number
  readonly startMinutes: number
  /** Peak utilisation (0..1, above 1 only after a capacity cut) per site index. */
  readonly siteUtilisation: number[]
  /** Concurrent participants per site index at the end of the step. */
  readonly siteOccupancy: number[]
  /** Whether each site was down at the end of the step. */
  readonly siteDown: boolean[]
  /** Each site's capacity at the end of the step, in simulated (scaled) participants. */
  readonly siteCapacity: number[]
  /** Policy in force at the end of the step. */
  readonly policy: PolicyId
  /** Whether the backup lists were corrected (a `list-correction` event) by the end of the step. */
  readonly isListCorrected: boolean
  readonly flows: StepFlow[]
  /** Exposures of the step by participant jurisdiction -> key jurisdiction (non-zero only). */
  readonly exposurePairs: ExposurePair[]
}
