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
import { formatIncidentRef, parseIncidentRef } from './incident-identity'
import type { IncidentRef } from './incident-identity'
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
}

/** Parsed link and the notices about what in it was ignored. */
export interface ParsedUrlState {
  readonly state: UrlState
  readonly notices: string[]
}

/** The longest run a scenario allows (120 days), in minutes. */
const MAX_TIME_MINUTES = 120 * 1440

const isPreset = (v: string): v is PresetId => (PRESET_IDS as readonly string[]).includes(v)
const isPolicy = (v: string): v is PolicyId => (POLICY_IDS as readonly string[]).includes(v)

/** Reads a location hash such as `#preset=citizenlab-2020&policy=geofenced&seed=3`. */
export function parseUrlState(hash: string): ParsedUrlState {
  const params = new URLSearchParams(hash.replace(/^#/, ''))
  const state: UrlState = {}
  const notices: string[] = []
  const unknown: string[] = []
  const ignore = (key: string, value: string, why: string) =>
    notices.push(ignoredNotice(key, value, why))
  for (const [key, value] of params) {
    switch (key) {
      case 'preset':
        if (isPreset(value)) state.presetId = value
        else ignore(key, value, `known scenarios are ${PRESET_IDS.join(', ')}`)
        break
      case 'custom':
        if (value === '1') state.isCustomScenario = true
        else ignore(key, value, 'custom=1 marks a link made with an imported scenario file')
        break
      case 'policy':
      case 'compare':
        if (isPolicy(value)) {
          if (key === 'policy') state.policy = value
          else state.comparePolicy = value
        } else ignore(key, value, `known policies are ${POLICY_IDS.join(', ')}`)
        break
      case 'seed':
        if (/^\d{1,12}$/.test(value)) state.seed = Number(value)
        else ignore(key, value, `a seed is a whole number from 0 to ${SEED_MAX}`)
        break
      case 'surge': {
        const n = Number(value)
        if (value.trim() !== '' && Number.isFinite(n)) state.surgeMultiplier = n
        else ignore(key, value, 'the surge multiplier is a number such as 1.5')
        break
      }
      case 'mix': {
        const parts = value.split(',').map(Number)
        const [free, paid, government] = parts
        if (
          parts.length === 3 &&
          parts.every((p) => Number.isFinite(p)) &&
          !/^\s*,|,\s*,|,\s*$/.test(value)
        ) {
          // Held at the 0.1-point precision the link writes, so reopening it gives the same run
          // (+ 0 turns a rounded -0 into 0).
          const share = (p: number) => Math.round(p * 10) / 1000 + 0
          state.accounts = {
            free: share(free as number),
            paid: share(paid as number),
            government: share(government as number),
          }
        } else ignore(key, value, 'the account mix is three percentages free,paid,government')
        break
      }
      case 't': {
        const n = Number(value)
        // Whole minutes, as the link writes them.
        if (value.trim() !== '' && Number.isFinite(n) && n >= 0 && n <= MAX_TIME_MINUTES)
          state.timeMinutes = Math.round(n)
        else
          ignore(
            key,
            value,
            `the time is minutes since the scenario start, 0 to ${MAX_TIME_MINUTES}`,
          )
        break
      }
      case 'map':
        if (value === 'compare') state.isMapOnCompare = true
        else ignore(key, value, 'map=compare shows the compared run on the map')
        break
      case 'hold':
        if (value === '1') state.holdPolicy = true
        else ignore(key, value, 'hold=1 holds the chosen policy for the whole run')
        break
      case 'sites': {
        const overrides = parseSiteOverrides(value)
        if (overrides) state.siteOverrides = overrides
        else
          ignore(
            key,
            value,
            'site changes look like toronto:down or beijing:200000, separated by commas',
          )
        break
      }
      case 'sel': {
        const selection = parseSelection(value)
        if (selection) state.selection = selection
        else
          ignore(
            key,
            value,
            'a selection looks like site:beijing, city:toronto, country:CA, flow:beijing>toronto or incident:<meeting>:<city>:<minutes>',
          )
        break
      }
      default:
        unknown.push(key)
    }
  }
  if (state.isMapOnCompare && !state.comparePolicy) {
    delete state.isMapOnCompare
    ignore('map', 'compare', 'it shows the compared run, and the link compares no policy')
  }
  if (unknown.length > 0) notices.push(unknownNotice(unknown))
  return { state, notices }
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
>

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
  }
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
  if (state.presetId) params.set('preset', state.presetId)
  if (state.isCustomScenario) params.set('custom', '1')
  if (state.policy) params.set('policy', state.policy)
  if (state.seed !== undefined) params.set('seed', String(state.seed))
  if (state.surgeMultiplier !== undefined) params.set('surge', String(state.surgeMultiplier))
  if (state.accounts) {
    const pct = (x: number) => String(Math.round(x * 1000) / 10)
    params.set(
      'mix',
      [state.accounts.free, state.accounts.paid, state.accounts.government].map(pct).join(','),
    )
  }
  if (state.timeMinutes !== undefined) params.set('t', String(Math.round(state.timeMinutes)))
  if (state.selection) params.set('sel', formatSelection(state.selection))
  if (state.comparePolicy) params.set('compare', state.comparePolicy)
  if (state.holdPolicy) params.set('hold', '1')
  if (state.comparePolicy && state.isMapOnCompare) params.set('map', 'compare')
  const sites = formatSiteOverrides(state.siteOverrides ?? {})
  if (sites) params.set('sites', sites)
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
