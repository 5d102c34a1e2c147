/**
 * One name per figure, used by every panel, chart, comparison and export that shows it, so the
 * same number never appears under two names. Keyed by the field of the run's totals.
 */
import type { Totals } from '../sim/model'

export const FIGURE_NAMES: Readonly<Record<keyof Totals, string>> = {
  meetings: 'Meetings',
  offered: 'Participant joins',
  carried: 'Carried joins',
  blocked: 'Blocked joins',
  redirected: 'Redirected joins',
  crossBorderExposures: 'Keys issued outside the allowed regions',
  concernExposures: 'Keys from a jurisdiction of concern',
  exposedDeliveries: 'Exposed key deliveries',
  exposedMeetings: 'Exposed meetings',
  exposedParticipants: 'Participants who shared an exposed key',
  disconnected: 'Participants cut off by outages or capacity cuts',
}

/** One line of the compare table. */
export interface FigureDiff {
  readonly label: string
  readonly primary: number
  readonly compare: number
}

const DIFF_FIELDS = [
  'crossBorderExposures',
  'concernExposures',
  'exposedMeetings',
  'exposedParticipants',
  'blocked',
  'redirected',
] as const

/** The figures a briefing compares between two policies, in reading order. */
export function keyFigureDiff(primary: Totals, compare: Totals): readonly FigureDiff[] {
  return DIFF_FIELDS.map((f) => ({
    label: FIGURE_NAMES[f],
    primary: primary[f],
    compare: compare[f],
  }))
}
