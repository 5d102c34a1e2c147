import type { Briefing } from '../../sim/briefing'
import { briefingLinkOf } from '../../store/briefing-sources'

/** Opens the presenter view of a briefing in a second window (it joins over BroadcastChannel). */
export function openPresenterWindow(briefing: Briefing, chapterIndex: number): void {
  const url = `${window.location.pathname}${window.location.search}#${briefingLinkOf(briefing.id, chapterIndex, true)}`
  window.open(url, 'keyroute-presenter', 'popup,width=1100,height=720')
}
