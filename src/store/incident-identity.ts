/**
 * What a selected exposure is, independent of the run that logged it. An incident's `seq` is its
 * place in one run's log and names another event in another run; its meeting, its participant's
 * city and its join time do not: demand has its own random stream, so on one seed the meetings
 * and their participants' join times are the same under every policy.
 */
import type { Incident, StepRecord } from '../sim/model'
import { POLICIES } from '../sim/routing'
import type { RunSummary } from '../worker/protocol'
import type { RunState } from './store'
import type { Selection } from './url-state'

/** An exposure by what it is: its meeting, its participant's city and that participant's join time. */
export interface IncidentIdentity {
  readonly meetingId: number
  readonly participantCityId: string
  /** Minutes since the scenario start at which the participant joined. */
  readonly timeMinutes: number
}

/**
 * How a selection names an incident: by identity, or (an old `incident:16` link) by its place in
 * the log of the run the link showed, until that run's log arrives and gives the identity.
 */
export type IncidentRef = IncidentIdentity | { readonly logSeq: number }

/** An incident selection. */
export type IncidentSelection = Extract<Selection, { kind: 'incident' }>

/** The selection of an incident, by its identity. */
export function incidentSelectionOf(incident: Incident): IncidentSelection {
  const { meetingId, participantCityId, timeMinutes } = incident
  return { kind: 'incident', ref: { meetingId, participantCityId, timeMinutes } }
}

/** Whether an incident is the one a reference names. */
export function isIncidentOf(ref: IncidentRef, incident: Incident): boolean {
  return 'logSeq' in ref
    ? incident.seq === ref.logSeq
    : incident.meetingId === ref.meetingId &&
        incident.participantCityId === ref.participantCityId &&
        incident.timeMinutes === ref.timeMinutes
}

/** Whether a selection is this incident. */
export function isSelectedIncident(selection: Selection | null, incident: Incident): boolean {
  return selection?.kind === 'incident' && isIncidentOf(selection.ref, incident)
}

/** The incident a selection names in a run's log (the first, if participants joined together). */
export function findSelectedIncident(
  summary: RunSummary | null,
  selection: Selection | null,
): Incident | null {
  if (!summary || selection?.kind !== 'incident') return null
  return summary.incidents.find((i) => isIncidentOf(selection.ref, i)) ?? null
}

/**
 * The selected incident when it happened in `step`, else null: its key path exists only then.
 * This is what the map's focused path is drawn from.
 */
export function incidentOnStep(
  summary: RunSummary | null,
  selection: Selection | null,
  step: StepRecord | null,
  stepMinutes: number,
): Incident | null {
  const incident = findSelectedIncident(summary, selection)
  if (!incident || !step) return null
  const t = incident.timeMinutes
  return t >= step.startMinutes && t < step.startMinutes + stepMinutes ? incident : null
}

/** A selection in the link: `incident:<meeting>:<city>:<minutes>`; an old `incident:<seq>`. */
export function formatIncidentRef(ref: IncidentRef): string {
  return 'logSeq' in ref
    ? String(ref.logSeq)
    : `${ref.meetingId}:${ref.participantCityId}:${String(ref.timeMinutes)}`
}

/** Reads what follows `incident:` in a link; null when it does not fit. */
export function parseIncidentRef(text: string): IncidentRef | null {
  if (/^\d{1,9}$/.test(text)) return { logSeq: Number(text) }
  const match = /^(\d{1,9}):([a-z0-9-]{1,64}):([0-9.e+-]{1,32})$/.exec(text)
  if (!match) return null
  const [, meeting, city, minutes] = match as unknown as [string, string, string, string]
  const timeMinutes = Number(minutes)
  if (!Number.isFinite(timeMinutes) || timeMinutes < 0) return null
  return { meetingId: Number(meeting), participantCityId: city, timeMinutes }
}

/** What the store changes to keep a selection true to the shown run: nothing, or this. */
export interface SelectionFix {
  readonly selection: Selection | null
  /** Why the selection was cleared, for the notices; null when it was only re-expressed. */
  readonly notice: string | null
}

/**
 * Keeps an incident selection true to the run the map shows, once that run's log is there: an
 * old link's log number becomes the identity it named; an identity with no counterpart in the
 * shown run is cleared, with a notice that says why. Null when nothing needs to change.
 */
export function reconcileIncidentSelection(
  selection: Selection | null,
  shown: RunState | null,
): SelectionFix | null {
  if (selection?.kind !== 'incident' || !shown?.summary || !shown.world) return null
  const { summary, world } = shown
  const policy = POLICIES[shown.policy].label
  const ref = selection.ref
  const found = summary.incidents.find((i) => isIncidentOf(ref, i))
  if ('logSeq' in ref)
    return found
      ? { selection: incidentSelectionOf(found), notice: null }
      : {
          selection: null,
          notice: `The link's exposure #${ref.logSeq} is not in the log of the ${policy} run: the selection was cleared.`,
        }
  if (found) return null
  const city =
    world.cities.find((c) => c.id === ref.participantCityId)?.name ?? ref.participantCityId
  const what = `The exposure of a ${city} participant in meeting ${ref.meetingId}`
  const others = summary.incidents.filter((i) => i.meetingId === ref.meetingId).length
  const isLogComplete = summary.incidents.length >= summary.totals.exposedDeliveries
  const why =
    others > 0
      ? `that participant’s key was not an exposure there (${others} other ${others === 1 ? 'exposure' : 'exposures'} of this meeting ${others === 1 ? 'is' : 'are'})`
      : isLogComplete
        ? `no exposure of this meeting under ${policy}`
        : `no exposure of this meeting among the ${summary.incidents.length.toLocaleString('en-US')} the ${policy} log keeps`
  return { selection: null, notice: `${what} has no counterpart under ${policy}: ${why}.` }
}
