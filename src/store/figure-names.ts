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
