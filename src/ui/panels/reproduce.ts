/**
 * What reproduces a run outside the page: the command line and, where the settings are not
 * command-line flags, the scenario file to run it with. Key figures offer them for the run shown;
 * the question before a long run offers them instead of running in the page.
 */
import { runFileStem, scenarioJson } from '../../sim/exports'
import type { PolicyId } from '../../sim/model'
import { withRunChoices } from '../../sim/run-choices'
import { selectMapRun } from '../../store/selectors'
import { scenarioForSettings, settingsForPreset } from '../../store/store'
import type { AppState } from '../../store/store'
import { downloadText } from './export'

/** The command line that reproduces the run's preset, seed and policy (by default the user's). */
export function reproduceCommand(
  state: AppState,
  policy: PolicyId = state.settings.policy,
): string {
  const { settings } = state
  const source = settings.presetId === 'custom' ? 'scenario.json' : settings.presetId
  const hold = settings.holdPolicy ? ' --hold-policy' : ''
  return `npm run sim -- ${source} --seed ${settings.seed} --policy ${policy}${hold}`
}

/** Whether the command alone falls short: surge, account mix and site changes are not flags. */
export function needsScenarioFile(state: AppState): boolean {
  const { settings } = state
  if (settings.presetId === 'custom' || Object.keys(state.siteOverrides).length > 0) return true
  const preset = settingsForPreset(settings.presetId)
  return (
    settings.surgeMultiplier !== preset.surgeMultiplier ||
    settings.accounts.free !== preset.accounts.free ||
    settings.accounts.paid !== preset.accounts.paid ||
    settings.accounts.government !== preset.accounts.government
  )
}

function scenarioWithChoices(state: AppState, policy: PolicyId) {
  return withRunChoices(
    scenarioForSettings(state.settings, state.customScenario, state.siteOverrides),
    { seed: state.settings.seed, policy, holdPolicy: state.settings.holdPolicy },
  )
}

/** The name {@link downloadScenario} gives the file. */
export function scenarioFileName(state: AppState, policy: PolicyId): string {
  const id = scenarioWithChoices(state, policy).id
  return `${runFileStem(id, state.settings.seed, policy)}.json`
}

/**
 * The scenario behind a run (by default the shown one), with its seed and policy written in:
 * `npm run sim -- <file>` runs it as is and gives the same hash.
 */
export function downloadScenario(
  state: AppState,
  policy: PolicyId = selectMapRun(state)?.policy ?? state.settings.policy,
): void {
  downloadText(
    scenarioFileName(state, policy),
    scenarioJson(scenarioWithChoices(state, policy)),
    'application/json',
  )
}
