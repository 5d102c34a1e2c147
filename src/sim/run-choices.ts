/**
 * The choices a run makes without editing its scenario (seed, initial policy, holding the
 * policy), and how they are written into a scenario. Kept apart from scenario.ts so the engine,
 * which needs only this, does not pull the scenario schema (and zod) into the replication
 * threads and the simulation worker: a thread that loads less starts sooner.
 */
import type { PolicyId } from './model'

/** Choices a run makes without editing its scenario (the engine's RunOptions). */
export interface RunChoices {
  readonly seed?: number
  readonly policy?: PolicyId
  readonly holdPolicy?: boolean
}

/**
 * Whether a run with these choices keeps a timeline event of the given kind. The scenario's own
 * `policy` events belong to the run of its own policy: a chosen other policy replaces that
 * history. A `list-correction` applies to whichever policy runs. Holding the policy for the whole
 * run leaves out both.
 */
export function keepsTimelineEvent(
  kind: string,
  scenarioPolicy: PolicyId,
  choices: RunChoices,
): boolean {
  if (kind !== 'policy' && kind !== 'list-correction') return true
  if (choices.holdPolicy === true) return false
  return kind !== 'policy' || choices.policy === undefined || choices.policy === scenarioPolicy
}

/**
 * A scenario (as written or validated) with a run's seed and initial policy written in, and the
 * timeline events the run leaves out removed (see {@link keepsTimelineEvent}). Running the result
 * with no options reproduces the run that took these choices as options.
 */
export function withRunChoices<
  T extends {
    readonly policy: PolicyId
    readonly seed?: number
    readonly timeline?: readonly { readonly kind: string }[]
  },
>(scenario: T, choices: RunChoices): T {
  const policy = choices.policy ?? scenario.policy
  const seed = choices.seed ?? scenario.seed
  const timeline = scenario.timeline?.filter((e) =>
    keepsTimelineEvent(e.kind, scenario.policy, choices),
  )
  return {
    ...scenario,
    policy,
    ...(seed === undefined ? {} : { seed }),
    ...(timeline === undefined ? {} : { timeline }),
  }
}
