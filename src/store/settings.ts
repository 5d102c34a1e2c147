/**
 * Run settings: what the controls edit and a link carries, and the scenario data they make. The
 * store, the link reader and the panels derive scenarios here, so a run is built one way only.
 */
import { weakMapMemoize } from 'reselect'
import { PRESETS } from '../sim/presets/scenarios'
import type { PresetId } from '../sim/presets/scenarios'
import type { PolicyId } from '../sim/model'
import { parseScenario, withScenarioChanges } from '../sim/scenario'
import type { ScenarioInput } from '../sim/scenario'
import type { UrlState } from './url-state'

/** Settings the controls edit; with the scenario they determine a run. */
export interface Settings {
  /** A built-in scenario, or `custom` for an imported file. */
  readonly presetId: PresetId | 'custom'
  readonly policy: PolicyId
  readonly seed: number
  readonly surgeMultiplier: number
  readonly accounts: { readonly free: number; readonly paid: number; readonly government: number }
  /** Hold the chosen policy for the whole run, leaving out the scenario's policy changes. */
  readonly holdPolicy: boolean
}

/** A what-if change to one site, applied on top of the scenario's own `siteOverrides`. */
export interface SiteOverride {
  readonly isDown?: boolean
  /** Real (unscaled) concurrent participants. */
  readonly capacityParticipants?: number
}

/**
 * The scenario data a run sends to the worker, with the settings applied. Memoised on its inputs:
 * a chapter switch asks for the same view's scenario again, and its estimate and run key (which
 * parse and serialise the whole world) then come from caches kept per scenario object.
 */
export const scenarioForSettings = weakMapMemoize(
  (
    settings: Settings,
    custom: ScenarioInput | null,
    siteOverrides: Readonly<Record<string, SiteOverride>> = {},
  ): ScenarioInput => {
    const base =
      settings.presetId === 'custom' && custom
        ? custom
        : PRESETS[settings.presetId === 'custom' ? 'citizenlab-2020' : settings.presetId]
    return withScenarioChanges(base, {
      surgeMultiplier: settings.surgeMultiplier,
      accounts: settings.accounts,
      siteOverrides,
    })
  },
)

/** Default settings of a preset: its policy, seed and account mix, surge 1. */
export function settingsForPreset(presetId: PresetId): Settings {
  const preset = PRESETS[presetId]
  const parsed = parseScenario(preset)
  if (!parsed.ok)
    throw new Error(`preset ${presetId} is invalid: ${parsed.errors[0]?.message ?? ''}`)
  const { free, paid, government } = parsed.scenario.accounts
  return {
    presetId,
    policy: parsed.scenario.policy,
    seed: parsed.scenario.seed,
    surgeMultiplier: parsed.scenario.demand.surgeMultiplier,
    accounts: { free, paid, government },
    holdPolicy: false,
  }
}

/** Account shares rounded to 0.1 percentage point, the precision a link carries. */
export function roundAccounts(accounts: Settings['accounts']): Settings['accounts'] {
  const round = (x: number) => Math.round(x * 1000) / 1000
  return {
    free: round(accounts.free),
    paid: round(accounts.paid),
    government: round(accounts.government),
  }
}

/** The settings a link asks for, on top of its scenario's defaults (or `fallbackPreset`'s). */
export function settingsForUrl(url: UrlState, fallbackPreset: PresetId): Settings {
  const base = settingsForPreset(url.presetId ?? fallbackPreset)
  return {
    ...base,
    ...(url.policy ? { policy: url.policy } : {}),
    ...(url.seed !== undefined ? { seed: url.seed } : {}),
    ...(url.surgeMultiplier !== undefined ? { surgeMultiplier: url.surgeMultiplier } : {}),
    ...(url.accounts ? { accounts: url.accounts } : {}),
    ...(url.holdPolicy ? { holdPolicy: true } : {}),
  }
}
