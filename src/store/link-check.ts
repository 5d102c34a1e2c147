/**
 * Reads a link the way the run will read it: after the syntax (url-state.ts), the link's
 * settings go through the same scenario schema a run goes through, so an account mix that rounds
 * to nothing, a capacity the schema refuses or an unknown site never reaches the worker. What
 * the run would reject is dropped with a notice; the rest of the link still applies.
 */
import type { PresetId } from '../sim/presets/scenarios'
import { parseScenario } from '../sim/scenario'
import { withRunChoices } from '../sim/run-choices'
import type { ScenarioError } from '../sim/scenario'
import { scenarioForSettings, settingsForUrl } from './settings'
import { formatUrlState, ignoredNotice, parseUrlState } from './url-state'
import type { ParsedUrlState, UrlState } from './url-state'

/** Problems the run would find with a link's state, or none. */
export function runProblems(url: UrlState, fallbackPreset: PresetId): readonly ScenarioError[] {
  const settings = settingsForUrl(url, fallbackPreset)
  // A link made with an imported file names that file's sites: they are checked on import.
  const isCustom = url.isCustomScenario === true && url.presetId === undefined
  const scenario = scenarioForSettings(settings, null, isCustom ? {} : (url.siteOverrides ?? {}))
  const errors: ScenarioError[] = []
  for (const policy of [settings.policy, ...(url.comparePolicy ? [url.comparePolicy] : [])]) {
    const parsed = parseScenario(withRunChoices(scenario, { seed: settings.seed, policy }))
    if (!parsed.ok) errors.push(...parsed.errors)
  }
  return errors
}

/** A part of the link that the run checks, and the state without it. */
interface Part {
  readonly key: string
  readonly value: string
  readonly add: (state: UrlState) => UrlState
}

/** The link's value of one parameter, as the link writes it. */
function linkValue(state: UrlState, key: string): string {
  return new URLSearchParams(formatUrlState(state)).get(key) ?? ''
}

function partsOf(state: UrlState, hash: string): { base: UrlState; parts: Part[] } {
  // The value as the link wrote it (the last one counts, as in parseUrlState).
  const written = (key: string): string =>
    new URLSearchParams(hash.replace(/^#/, '')).getAll(key).at(-1) ?? ''
  const { seed, surgeMultiplier, accounts, siteOverrides, ...base } = state
  const parts: Part[] = []
  if (seed !== undefined)
    parts.push({ key: 'seed', value: written('seed'), add: (s) => ({ ...s, seed }) })
  if (surgeMultiplier !== undefined)
    parts.push({
      key: 'surge',
      value: written('surge'),
      add: (s) => ({ ...s, surgeMultiplier }),
    })
  if (accounts)
    parts.push({
      key: 'mix',
      value: written('mix'),
      add: (s) => ({ ...s, accounts }),
    })
  for (const [siteId, override] of Object.entries(siteOverrides ?? {}))
    parts.push({
      key: 'sites',
      value: linkValue({ siteOverrides: { [siteId]: override } }, 'sites'),
      add: (s) => ({ ...s, siteOverrides: { ...s.siteOverrides, [siteId]: override } }),
    })
  return { base, parts }
}

const MAX_ERRORS_QUOTED = 2

/**
 * Reads a location hash into a state every run accepts. Never throws. Each checked value is
 * added in turn and kept only if the run still accepts the whole, so values that are fine alone
 * but not together (a surge that makes the run too large) are caught too.
 */
export function readLink(
  hash: string,
  fallbackPreset: PresetId = 'citizenlab-2020',
): ParsedUrlState {
  const parsed = parseUrlState(hash)
  const notices = [...parsed.notices]
  const { base, parts } = partsOf(parsed.state, hash)
  let state = base
  // Presets always pass; this only guards against a scenario that stopped doing so.
  if (runProblems(state, fallbackPreset).length > 0)
    return { state: {}, notices: [...notices, 'The link was ignored: its scenario cannot run.'] }
  for (const part of parts) {
    const trial = part.add(state)
    const problems = runProblems(trial, fallbackPreset)
    if (problems.length === 0) {
      state = trial
      continue
    }
    const why = problems
      .slice(0, MAX_ERRORS_QUOTED)
      .map((e) => `${e.path}: ${e.message.slice(0, 120)}`)
      .join('; ')
    notices.push(ignoredNotice(part.key, part.value, `the run would refuse it (${why})`))
  }
  return { state, notices }
}
