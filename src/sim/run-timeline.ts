/**
 * The timeline a run applies: the scenario's events the run's choices keep (see
 * `keepsTimelineEvent` in scenario.ts) plus a `restore` for every site that opens during the run,
 * in time order. Pure.
 */
import { utcDayMs } from './dates'
import type { TimelineEvent } from './model'
import type { ResolvedScenario } from './scenario'
import type { RunChoices } from './run-choices'
import { keepsTimelineEvent } from './run-choices'

/** The run's timeline, and the indices of the sites that are down at its start (not yet open). */
export function runTimeline(
  resolved: ResolvedScenario,
  choices: RunChoices,
): { readonly timeline: TimelineEvent[]; readonly closedAtStart: number[] } {
  const closedAtStart: number[] = []
  const timeline = resolved.timeline.filter((e) =>
    keepsTimelineEvent(e.kind, resolved.initialPolicy, choices),
  )
  resolved.world.sites.forEach((s, i) => {
    if (s.openFrom === undefined) return
    const openMinutes = (utcDayMs(s.openFrom) - resolved.startMs) / 60_000
    if (openMinutes <= 0) return
    closedAtStart.push(i)
    if (openMinutes < resolved.durationMinutes) {
      timeline.push({
        kind: 'restore',
        atMinutes: openMinutes,
        siteId: s.id,
        label: `${s.city} opens`,
      })
    }
  })
  timeline.sort((a, b) => a.atMinutes - b.atMinutes)
  return { timeline, closedAtStart }
}
