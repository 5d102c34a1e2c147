/**
 * The view in the URL hash: scenario, policy, seed, settings, time, selection and compare, so a
 * link reopens the same view and reproduces the same run. Both directions live here: reading a
 * link (`parseUrlState`) and writing one from the store (`linkOf`, `hasViewLinkChanged`).
 * Parsing never throws: a value that does not fit is dropped with a notice that says which and
 * why. This reads the link's syntax; whether the run accepts its values is the scenario
 * schema's to say (link-check.ts).
 */
import { weakMapMemoize } from 'reselect'
import { POLICY_IDS } from '../sim/model'
import type { PolicyId } from '../sim/model'
import { PRESET_IDS } from '../sim/presets/scenarios'
import type { PresetId } from '../sim/presets/scenarios'
import { SEED_MAX } from '../sim/random'
import { MAX_REPLICATIONS, MIN_REPLICATIONS } from '../sim/replications'
import { MAX_DAYS } from '../sim/scenario-schema'
import { formatIncidentRef, parseIncidentRef } from './incident-identity'
import type { IncidentRef } from './incident-identity'
import { LIBRARY_ID_PATTERN } from './library-backup'
import type { AppState } from './store'

/** A selected thing on the map or in the tables. */
export type Selection =
  | { readonly kind: 'site'; readonly id: string }
  | { readonly kind: 'city'; readonly id: string }
  | { readonly kind: 'country'; readonly id: string }
  | { readonly kind: 'flow'; readonly siteId: string; readonly cityId: string }
  | { readonly kind: 'incident'; readonly ref: IncidentRef }

/** The part of the state a link carries. */
export interface UrlState {
  presetId?: PresetId
  /** The link was made with an imported scenario file, which a link cannot carry. */
  isCustomScenario?: boolean
  /** The library item that imported scenario was kept as (library-slice.ts), when it was. */
  libraryId?: string
  policy?: PolicyId
  seed?: number
  surgeMultiplier?: number
  accounts?: { free: number; paid: number; government: number }
  timeMinutes?: number
  selection?: Selection
  comparePolicy?: PolicyId
  /** Hold the policy for the whole run (the scenario's policy changes left out). */
  holdPolicy?: boolean
  /** When comparing, the map shows the compared run. */
  isMapOnCompare?: boolean
  /** What-if site changes: switched off and/or resized (real concurrent participants). */
  siteOverrides?: Record<string, { isDown?: boolean; capacityParticipants?: number }>
  /** Replications of the run (absent: a single run). */
  replications?: number
}

/** Parsed link and the notices about what in it was ignored. */
export interface ParsedUrlState {
  readonly state: UrlState
  readonly notices: string[]
}

/** The longest run a scenario allows, in minutes. */
const MAX_TIME_MINUTES = MAX_DAYS * 1440

/**
 * One parameter of the link: the field of {@link UrlState} it carries, how it is read (null: the
 * value does not fit, and `why` says what would) and how it is written (null or '': left out).
 */
interface LinkField<K extends keyof UrlState = keyof UrlState> {
  readonly param: string
  readonly field: K
  readonly read: (value: string) => UrlState[K] | null
  readonly write: (value: NonNullable<UrlState[K]>, state: UrlState) => string | null
  readonly why: string
}

const linkField = <K extends keyof UrlState>(f: LinkField<K>): LinkField =>
  f as unknown as LinkField

/** A flag written as `param=on`. */
const flag = <K extends keyof UrlState>(param: string, field: K, on: string, why: string) =>
  linkField<K>({
    param,
    field,
    read: (v) => (v === on ? (true as UrlState[K]) : null),
    write: (v) => (v ? on : null),
    why,
  })

/** One of a list of ids, written as it is; a refusal lists the ids. */
const idField = <K extends 'presetId' | 'policy' | 'comparePolicy'>(
  param: string,
  field: K,
  ids: readonly NonNullable<UrlState[K]>[],
  known: string,
) =>
  linkField<K>({
    param,
    field,
    read: (v) => ((ids as readonly string[]).includes(v) ? (v as UrlState[K]) : null),
    write: (v) => v,
    why: `${known} ${ids.join(', ')}`,
  })

/** A number, finite and not blank. */
const numberIn = (value: string): number | null => {
  const n = Number(value)
  return value.trim() !== '' && Number.isFinite(n) ? n : null
}

// Account shares are held at the 0.1-point precision the link writes, so reopening a link gives
// the same run (+ 0 turns a rounded -0 into 0).
const share = (percent: number): number => Math.round(percent * 10) / 1000 + 0
const percentOf = (x: number): string => String(Math.round(x * 1000) / 10)

/** Every parameter of the link, in the order it is written. */
const LINK_FIELDS: readonly LinkField[] = [
  idField('preset', 'presetId', PRESET_IDS, 'known scenarios are'),
  flag(
    'custom',
    'isCustomScenario',
    '1',
    'custom=1 marks a link made with an imported scenario file',
  ),
  linkField({
    param: 'lib',
    field: 'libraryId',
    read: (v) => (LIBRARY_ID_PATTERN.test(v) ? v : null),
    // Only a link made with an imported file names the library item it came from.
    write: (v, state) => (state.isCustomScenario ? v : null),
    why: 'a library item id is 1 to 64 letters, digits, - or _',
  }),
  idField('policy', 'policy', POLICY_IDS, 'known policies are'),
  linkField({
    param: 'seed',
    field: 'seed',
    read: (v) => (/^\d{1,12}$/.test(v) ? Number(v) : null),
    write: String,
    why: `a seed is a whole number from 0 to ${SEED_MAX}`,
  }),
  linkField({
    param: 'surge',
    field: 'surgeMultiplier',
    read: numberIn,
    write: String,
    why: 'the surge multiplier is a number such as 1.5',
  }),
  linkField({
    param: 'mix',
    field: 'accounts',
    read: (v) => {
      const parts = v.split(',').map(numberIn)
      const [free, paid, government] = parts
      return parts.length === 3 && free != null && paid != null && government != null
        ? { free: share(free), paid: share(paid), government: share(government) }
        : null
    },
    write: (a) => [a.free, a.paid, a.government].map(percentOf).join(','),
    why: 'the account mix is three percentages free,paid,government',
  }),
  linkField({
    param: 't',
    field: 'timeMinutes',
    // Whole minutes, as the link writes them.
    read: (v) => {
      const n = numberIn(v)
      return n !== null && n >= 0 && n <= MAX_TIME_MINUTES ? Math.round(n) : null
    },
    write: (v) => String(Math.round(v)),
    why: `the time is minutes since the scenario start, 0 to ${MAX_TIME_MINUTES}`,
  }),
  linkField({
    param: 'sel',
    field: 'selection',
    read: parseSelection,
    write: formatSelection,
    why: 'a selection looks like site:beijing, city:toronto, country:CA, flow:beijing>toronto or incident:<meeting>:<city>:<minutes>',
  }),
  idField('compare', 'comparePolicy', POLICY_IDS, 'known policies are'),
  flag('hold', 'holdPolicy', '1', 'hold=1 holds the chosen policy for the whole run'),
  linkField({
    param: 'map',
    field: 'isMapOnCompare',
    read: (v) => (v === 'compare' ? true : null),
    // Only a link that compares a policy can show the compared run.
    write: (v, state) => (v && state.comparePolicy ? 'compare' : null),
    why: 'map=compare shows the compared run on the map',
  }),
  linkField({
    param: 'sites',
    field: 'siteOverrides',
    read: parseSiteOverrides,
    write: formatSiteOverrides,
    why: 'site changes look like toronto:down or beijing:200000, separated by commas',
  }),
  linkField({
    param: 'reps',
    field: 'replications',
    read: (v) => {
      const n = /^\d{1,4}$/.test(v) ? Number(v) : 0
      return n >= MIN_REPLICATIONS && n <= MAX_REPLICATIONS ? n : null
    },
    write: String,
    why: `replications are a whole number from ${MIN_REPLICATIONS} to ${MAX_REPLICATIONS}`,
  }),
]

/** Reads a location hash (with or without `#`). */
export function parseUrlState(hash: string): ParsedUrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const state: Record<string, unknown> = {}
  const notices: string[] = []
  const unknown: string[] = []
  for (const [key, value] of params) {
    const field = LINK_FIELDS.find((f) => f.param === key)
    if (!field) {
      unknown.push(key)
      continue
    }
    const read = field.read(value)
    if (read === null) notices.push(ignoredNotice(key, value, field.why))
    else state[field.field] = read
  }
  const out = state as UrlState
  if (out.isMapOnCompare && !out.comparePolicy) {
    delete out.isMapOnCompare
    notices.push(
      ignoredNotice('map', 'compare', 'it shows the compared run, and the link compares no policy'),
    )
  }
  if (unknown.length > 0) notices.push(unknownNotice(unknown))
  return { state: out, notices }
}

/** The notice for a link value that was dropped, naming the parameter, the value and why. */
export function ignoredNotice(key: string, value: string, why: string): string {
  return `The link's ${key} "${value.slice(0, 40)}" was ignored: ${why}.`
}

/** Most unknown parameter names one notice lists. */
const MAX_LISTED = 8

/** One notice for all the parameters keyroute does not know. */
function unknownNotice(keys: readonly string[]): string {
  const names = [...new Set(keys)].map((k) => `"${k.slice(0, 40)}"`)
  const listed = names.slice(0, MAX_LISTED).join(', ')
  const more = names.length > MAX_LISTED ? ` and ${names.length - MAX_LISTED} more` : ''
  return names.length === 1
    ? `The link's parameter ${listed} was ignored: keyroute does not know it.`
    : `The link's parameters ${listed}${more} were ignored: keyroute does not know them.`
}

function parseSelection(value: string): Selection | null {
  const [kind, rest] = value.split(/:(.*)/s) as [string, string | undefined]
  if (!rest || rest.length > 80) return null
  switch (kind) {
    case 'site':
    case 'city':
      return /^[a-z0-9-]+$/.test(rest) ? { kind, id: rest } : null
    case 'country':
      return /^[A-Z]{2}$/.test(rest) ? { kind, id: rest } : null
    case 'flow': {
      const [siteId, cityId] = rest.split('>')
      return siteId && cityId && /^[a-z0-9-]+$/.test(siteId) && /^[a-z0-9-]+$/.test(cityId)
        ? { kind, siteId, cityId }
        : null
    }
    case 'incident': {
      const ref = parseIncidentRef(rest)
      return ref ? { kind, ref } : null
    }
    default:
      return null
  }
}

/** The part of the store a link is written from. */
export type LinkedState = Pick<
  AppState,
  | 'settings'
  | 'pendingCustomLink'
  | 'selection'
  | 'comparePolicy'
  | 'mapRun'
  | 'siteOverrides'
  | 'timeMinutes'
> &
  Partial<Pick<AppState, 'libraryItemId' | 'replicationCount'>>

/** The part of the state a link carries. */
export function urlStateOf(state: LinkedState): UrlState {
  const { settings, pendingCustomLink: pending, comparePolicy } = state
  // Until the file is imported again, the link keeps saying what it was made with.
  const selection = pending ? pending.selection : state.selection
  const siteOverrides = pending ? pending.siteOverrides : state.siteOverrides
  return {
    ...(pending || settings.presetId === 'custom'
      ? { isCustomScenario: true }
      : { presetId: settings.presetId }),
    ...libraryIdOf(state),
    policy: settings.policy,
    seed: settings.seed,
    surgeMultiplier: settings.surgeMultiplier,
    accounts: settings.accounts,
    ...(settings.holdPolicy ? { holdPolicy: true } : {}),
    timeMinutes: state.timeMinutes,
    ...(selection ? { selection } : {}),
    ...(comparePolicy ? { comparePolicy } : {}),
    ...(comparePolicy && state.mapRun === 'compare' ? { isMapOnCompare: true } : {}),
    ...(siteOverrides && Object.keys(siteOverrides).length > 0 ? { siteOverrides } : {}),
    ...(state.replicationCount ? { replications: state.replicationCount } : {}),
  }
}

/** The library item a link names: the pending link's until its file is open, else the one open. */
function libraryIdOf(state: LinkedState): Pick<UrlState, 'libraryId'> {
  const { pendingCustomLink: pending, settings, libraryItemId } = state
  const id = pending ? pending.libraryId : settings.presetId === 'custom' ? libraryItemId : null
  return id ? { libraryId: id } : {}
}

/** The link (location hash without `#`) of a state. */
export function linkOf(state: LinkedState): string {
  return formatUrlState(urlStateOf(state))
}

// Weakly on the state object: each state the store publishes is encoded once, however many
// changes it is compared in (it is `next` once and `prev` the next time).
const viewLinkOf = weakMapMemoize((state: LinkedState): string =>
  linkOf({ ...state, timeMinutes: 0 }),
)

/**
 * Whether a change of state changed the view a link carries: anything in it but the time,
 * which moves every frame while playing and is written on its own, throttled.
 */
export function hasViewLinkChanged(next: LinkedState, prev: LinkedState): boolean {
  return next !== prev && viewLinkOf(next) !== viewLinkOf(prev)
}

/** Writes the state as a location hash (without `#`), fields in a fixed order. */
export function formatUrlState(state: UrlState): string {
  const params = new URLSearchParams()
  for (const field of LINK_FIELDS) {
    const value = state[field.field]
    if (value === undefined) continue
    const written = field.write(value, state)
    if (written) params.set(field.param, written)
  }
  return params.toString()
}

/** A selection as it appears in the link. */
export function formatSelection(selection: Selection): string {
  switch (selection.kind) {
    case 'flow':
      return `flow:${selection.siteId}>${selection.cityId}`
    case 'incident':
      return `incident:${formatIncidentRef(selection.ref)}`
    default:
      return `${selection.kind}:${selection.id}`
  }
}

/** Reads `toronto:down,beijing:200000,osaka:down:50000`; null when any part does not fit. */
function parseSiteOverrides(value: string): UrlState['siteOverrides'] | null {
  const out: NonNullable<UrlState['siteOverrides']> = {}
  for (const part of value.split(',')) {
    const [id, ...rest] = part.split(':')
    if (!id || !/^[a-z0-9-]{1,64}$/.test(id) || rest.length === 0 || rest.length > 2) return null
    const override: { isDown?: boolean; capacityParticipants?: number } = {}
    for (const token of rest) {
      if (token === 'down') override.isDown = true
      else if (/^\d{1,16}$/.test(token)) override.capacityParticipants = Number(token)
      else return null
    }
    out[id] = override
  }
  return out
}

function formatSiteOverrides(overrides: NonNullable<UrlState['siteOverrides']>): string {
  return Object.keys(overrides)
    .sort()
    .map((id) => {
      const o = overrides[id] ?? {}
      const parts = [id]
      if (o.isDown) parts.push('down')
      if (o.capacityParticipants !== undefined)
        parts.push(String(Math.round(o.capacityParticipants)))
      return parts.length > 1 ? parts.join(':') : ''
    })
    .filter(Boolean)
    .join(',')
}
