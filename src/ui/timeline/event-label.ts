import type { PolicyId, TimelineEvent } from '../../sim/model'
import { POLICIES } from '../../sim/routing'

/** What a list correction changed for a policy, as the UI says it: "For “…”: …". */
export function listCorrectionNote(policy: PolicyId): string {
  const p = POLICIES[policy]
  return `For “${p.label}”: ${p.listCorrection.change}`
}

/**
 * A timeline event in words. A list correction also says what it changed for `policy`, the
 * policy of the run on screen, since the same fix changes one policy and leaves another alone.
 */
export function eventLabel(e: TimelineEvent, policy: PolicyId | null): string {
  switch (e.kind) {
    case 'outage':
      return e.label ?? `Outage: ${e.siteId}`
    case 'restore':
      return e.label ?? `Restored: ${e.siteId}`
    case 'capacity':
      return e.label ?? `Capacity of ${e.siteId} set to ${e.capacityParticipants}`
    case 'policy':
      return e.label ?? `Policy changes to ${POLICIES[e.policy].label}`
    case 'list-correction': {
      const what = e.label ?? 'Backup lists corrected'
      return policy === null ? what : `${what}. ${listCorrectionNote(policy)}`
    }
  }
}
