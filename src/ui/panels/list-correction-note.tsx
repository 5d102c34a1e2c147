import type { PolicyId, TimelineEvent } from '../../sim/model'
import { POLICIES } from '../../sim/routing'
import { formatShortTime } from './format'

/**
 * What the run's backup-list correction (the 3 April 2020 fix) changed for its policy, beside
 * the policy's summary: the same fix changes the misconfigured list and leaves fail-closed alone.
 * Nothing when the run has no correction (none in the scenario, or the policy is held).
 */
export function ListCorrectionNote({
  policy,
  timeline,
  startDate,
}: {
  readonly policy: PolicyId
  readonly timeline: readonly TimelineEvent[]
  readonly startDate: string
}) {
  const fix = timeline.find((e) => e.kind === 'list-correction')
  if (!fix) return null
  const when = startDate ? ` at ${formatShortTime(startDate, fix.atMinutes)} UTC` : ''
  return (
    <>
      <br />
      <strong>Backup-list fix{when}:</strong> {POLICIES[policy].listCorrection.change}
    </>
  )
}
