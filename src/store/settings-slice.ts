/**
 * The settings slice: what the runs are made from (scenario, policy, seed, demand, accounts,
 * site changes, the compared policy, an imported file, a link). Every change reruns.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { PolicyId } from '../sim/model'
import type { PresetId } from '../sim/presets/scenarios'
import { visibleText } from '../sim/display-text'
import { SEED_MAX } from '../sim/random'
import { parseScenarioText } from '../sim/scenario'
import type { ParseResult, ScenarioError, ScenarioInput } from '../sim/scenario'
import { markWorldChecked } from './run-gate'
import { roundAccounts, settingsForPreset, settingsForUrl } from './settings'
import type { Settings, SiteOverride } from './settings'
import type { AppState } from './store'
import type { UrlState } from './url-state'

/** Which file the last import was, and its problems (none: it was loaded). */
export interface ImportResult {
  /** As it may be shown (hidden characters made visible). */
  readonly fileName: string
  readonly errors: readonly ScenarioError[]
}

/** The run's settings and their actions. */
export interface SettingsSlice {
  readonly settings: Settings
  /** An imported scenario (used when `settings.presetId` is `custom`). */
  readonly customScenario: ScenarioInput | null
  /** What-if site changes made in the UI, by site id; cleared when the scenario changes. */
  readonly siteOverrides: Readonly<Record<string, SiteOverride>>
  /** The last scenario file import; after a refused one the previous scenario stays in use. */
  readonly importResult: ImportResult | null
  /** Settings of a link made with an imported file, applied when that file is imported again. */
  readonly pendingCustomLink: UrlState | null
  readonly comparePolicy: PolicyId | null

  readonly setPreset: (presetId: PresetId) => void
  readonly setPolicy: (policy: PolicyId) => void
  readonly setSeed: (seed: number) => void
  readonly setSurgeMultiplier: (multiplier: number) => void
  readonly setAccounts: (accounts: Settings['accounts']) => void
  readonly setHoldPolicy: (holdPolicy: boolean) => void
  /** Validates a scenario file's text; on success switches to it and reruns. */
  readonly importScenario: (text: string, fileName: string) => boolean
  /**
   * As `importScenario`, but the text is checked in the simulation worker, so a large file never
   * holds the page; only the last file chosen (or refused) reports.
   */
  readonly importScenarioFile: (text: string, fileName: string) => Promise<boolean>
  /** Refuses a file before reading it (too large, unreadable); replaces the last import's result. */
  readonly refuseImport: (fileName: string, message: string) => void
  /** Switches a site off or resizes it (merged with earlier changes; `null` undoes them) and reruns. */
  readonly setSiteOverride: (siteId: string, override: SiteOverride | null) => void
  readonly clearSiteOverrides: () => void
  readonly setComparePolicy: (policy: PolicyId | null) => void
  /** Applies a parsed link (before the first run) and reruns. */
  readonly applyUrlState: (state: UrlState, notices: readonly string[]) => void
}

/** Shown when a link made with an imported scenario file is opened. */
export const CUSTOM_LINK_NOTICE =
  'This link was made with an imported scenario file; import it again to reproduce the run. Until then the default scenario runs with the link’s settings.'

/** The settings slice; `initialPreset` is the scenario a link without one runs. */
export function createSettingsSlice(
  initialPreset: PresetId,
): StateCreator<AppState, [], [], SettingsSlice> {
  return (set, get) => {
    // Applies a checked file: its problems, or the switch to it and a rerun.
    const applyImport = (
      parsed: ParseResult,
      text: string,
      rawFileName: string,
      launch = (): void => get().rerun(),
    ): boolean => {
      const fileName = visibleText(rawFileName)
      if (!parsed.ok) {
        set({
          importResult: {
            fileName,
            errors: parsed.errors.map((e) => ({
              path: e.path === '(file)' ? fileName : e.path,
              message: visibleText(e.message),
            })),
          },
        })
        return false
      }
      const s = parsed.scenario
      markWorldChecked(s.world)
      // A link made with an imported file: its settings apply to the file imported again.
      const link = get().pendingCustomLink
      set({
        customScenario: s,
        siteOverrides: link?.siteOverrides ?? {},
        importResult: { fileName, errors: [] },
        timeMinutes: link?.timeMinutes ?? 0,
        isTimeChosen: link?.timeMinutes !== undefined,
        selection: link?.selection ?? null,
        pendingCustomLink: null,
        settings: {
          presetId: 'custom',
          policy: link?.policy ?? s.policy,
          seed: link?.seed ?? s.seed,
          surgeMultiplier: link?.surgeMultiplier ?? s.demand.surgeMultiplier,
          accounts: link?.accounts ?? {
            free: s.accounts.free,
            paid: s.accounts.paid,
            government: s.accounts.government,
          },
          holdPolicy: link?.holdPolicy ?? false,
        },
      })
      get().keepImportedScenario(text, fileName)
      launch()
      return true
    }
    // Imports still being checked in the worker report only while no later file was chosen.
    let importCount = 0

    const changeSettings = (patch: Partial<Settings>): void => {
      set({ settings: { ...get().settings, ...patch }, isPlaying: false })
      get().rerun()
    }

    return {
      settings: settingsForPreset(initialPreset),
      customScenario: null,
      siteOverrides: {},
      importResult: null,
      pendingCustomLink: null,
      comparePolicy: null,

      setPreset(presetId) {
        set({
          settings: settingsForPreset(presetId),
          pendingCustomLink: null,
          siteOverrides: {},
          timeMinutes: 0,
          isTimeChosen: false,
          selection: null,
          isPlaying: false,
        })
        get().rerun()
      },
      setPolicy: (policy) => changeSettings({ policy }),
      setSeed: (seed) =>
        changeSettings({ seed: Math.max(0, Math.min(SEED_MAX, Math.trunc(seed))) }),
      setSurgeMultiplier: (surgeMultiplier) => changeSettings({ surgeMultiplier }),
      setAccounts: (accounts) => changeSettings({ accounts: roundAccounts(accounts) }),
      setHoldPolicy: (holdPolicy) => changeSettings({ holdPolicy }),
      importScenario(text, rawFileName) {
        importCount++
        return applyImport(parseScenarioText(text), text, rawFileName)
      },
      async importScenarioFile(text, rawFileName) {
        const count = ++importCount
        const parsed = await get().parseScenarioInWorker(text)
        if (count !== importCount || !applyImport(parsed, text, rawFileName, () => {})) return false
        // The new settings are drawn in this task and the runs launched in the next: for a
        // 200 x 5,000 world each took 15-20 ms, and together one task of 30-40 ms (traced).
        await new Promise((resolve) => setTimeout(resolve, 0))
        const { customScenario, rerun } = get()
        if (count === importCount && parsed.ok && customScenario === parsed.scenario) rerun()
        return true
      },
      refuseImport(rawFileName, message) {
        importCount++
        const fileName = visibleText(rawFileName)
        set({ importResult: { fileName, errors: [{ path: fileName, message }] } })
      },
      setSiteOverride(siteId, override) {
        const { [siteId]: previous, ...rest } = get().siteOverrides
        const merged = override ? { ...previous, ...override } : null
        set({
          siteOverrides:
            merged && Object.keys(merged).length > 0 ? { ...rest, [siteId]: merged } : rest,
          isPlaying: false,
        })
        get().rerun()
      },
      clearSiteOverrides() {
        set({ siteOverrides: {}, isPlaying: false })
        get().rerun()
      },
      setComparePolicy(comparePolicy) {
        set({ comparePolicy, mapRun: 'primary' })
        get().rerun()
      },
      applyUrlState(url, notices) {
        const isCustom = url.isCustomScenario === true && url.presetId === undefined
        // The file is not in the link: run the default scenario with the link's settings, and
        // keep site changes (they name the file's sites) until the file is imported again.
        set({
          settings: settingsForUrl(url, initialPreset),
          comparePolicy: url.comparePolicy ?? null,
          mapRun: url.comparePolicy && url.isMapOnCompare ? 'compare' : 'primary',
          timeMinutes: url.timeMinutes ?? 0,
          isTimeChosen: url.timeMinutes !== undefined,
          siteOverrides: isCustom ? {} : (url.siteOverrides ?? {}),
          selection: isCustom ? null : (url.selection ?? null),
          pendingCustomLink: isCustom ? url : null,
          replicationCount: url.replications ?? 0,
          // A new link's notices replace the last link's: they are about the link in the address bar.
          notices: [...notices, ...(isCustom ? [CUSTOM_LINK_NOTICE] : [])],
        })
        get().rerun()
        if (isCustom) get().reopenLinkedScenario(url)
      },
    }
  }
}
