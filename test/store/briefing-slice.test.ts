import { describe, expect, it } from 'vitest'
import { parseBriefing } from '../../src/sim/briefing'
import type { Briefing, BriefingInput } from '../../src/sim/briefing'
import { chapterFigures, viewRunChoices, viewScenario } from '../../src/sim/briefing-figures'
import { createRun } from '../../src/sim/engine'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { chapterViewState } from '../../src/store/chapter-view'
import { RANGE_PLAY_SECONDS, chapterStateOf } from '../../src/store/briefing-slice'
import { selectMapRun } from '../../src/store/selectors'
import { createAppStore } from '../../src/store/store'
import { resolve } from '../sim/helpers'
import { createSyncClient } from '../ui/sync-client'

// Two days of the 2020 scenario: exposures from the first hours, fast enough for unit tests.
const SMALL = { ...PRESETS['citizenlab-2020'], startDate: '2020-04-02', days: 2 }
const SOURCES = [{ assumption: 'A test briefing.' }]

const INPUT: BriefingInput = {
  id: 'test-briefing',
  title: 'Test briefing',
  author: 'keyroute tests',
  chapters: [
    {
      title: 'Peak hour',
      caption: 'Keys from China this hour: {concernExposures}.',
      view: { scenario: SMALL, time: '2020-04-02T15:00Z', frame: { center: [40, -90], zoom: 3 } },
      figures: [{ metric: 'concernExposures', span: 'step' }],
      sources: SOURCES,
    },
    {
      title: 'A day',
      caption: 'The day played.',
      view: {
        scenario: SMALL,
        range: { from: '2020-04-02T00:00Z', to: '2020-04-02T23:00Z' },
        selection: { kind: 'first-exposed-meeting', countries: ['US', 'CA'] },
      },
      figures: [{ metric: 'exposedMeetings', span: 'upTo' }],
      sources: SOURCES,
    },
    {
      title: 'Geofenced',
      caption: 'The same meetings under geofenced lists.',
      view: {
        scenario: SMALL,
        time: '2020-04-03T11:00Z',
        comparePolicy: 'geofenced',
        mapRun: 'compare',
        layers: ['sites', 'flows'],
      },
      figures: [
        { metric: 'concernExposures', span: 'upTo', run: 'primary' },
        { metric: 'concernExposures', span: 'upTo', run: 'compare' },
      ],
      sources: SOURCES,
    },
  ],
}

function briefing(): Briefing {
  const parsed = parseBriefing(INPUT)
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '))
  return parsed.briefing
}

function opened(chapter = 0) {
  const client = createSyncClient()
  const store = createAppStore(client)
  store.getState().openBriefing(briefing(), chapter)
  return { client, store }
}

const runCommands = (client: ReturnType<typeof createSyncClient>) =>
  client.sent.filter((c) => c.type === 'run').length

describe('briefing mode', () => {
  it('starts each distinct run of the briefing once and shows every chapter from them, with no new run', () => {
    const { client, store } = opened()
    // Chapters 1 and 2 share one run; chapter 3 adds the geofenced one.
    expect(runCommands(client)).toBe(2)
    client.drain()
    const kept = store.getState().keptRuns
    expect(kept.map((k) => k.status)).toEqual(['done', 'done'])
    expect(kept.every((k) => k.stepsDone === k.stepCount && k.stepCount === 48)).toBe(true)
    for (const index of [2, 1, 0, 2]) {
      store.getState().showChapter(index)
      const s = store.getState()
      expect(s.run?.status).toBe('done')
      expect(s.chapterIndex).toBe(index)
    }
    expect(runCommands(client)).toBe(2)
    expect(store.getState().compare?.policy).toBe('geofenced')
    expect(store.getState().mapRun).toBe('compare')
    expect(store.getState().layers).toEqual({
      sites: true,
      cities: false,
      flows: true,
      countries: false,
    })
  })

  it("shows the chapter's figures from runs with the same hash as the engine's for the view", () => {
    const { client, store } = opened(2)
    client.drain()
    const b = briefing()
    const chapter = b.chapters[2]!
    const s = store.getState()
    for (const [which, shown] of [
      ['primary', s.run],
      ['compare', s.compare],
    ] as const) {
      const direct = createRun(
        resolve(viewScenario(chapter.view)),
        viewRunChoices(chapter.view, which),
      )
      expect(shown?.hash).toBe(direct.hash)
    }
    const asRun = (r: typeof s.run) => ({
      startDate: r!.startDate,
      days: 2,
      steps: r!.steps,
      totals: r!.summary!.totals,
    })
    const figures = chapterFigures(chapter, { primary: asRun(s.run), compare: asRun(s.compare) })
    expect(figures[0]!.value).toBeGreaterThan(0)
    expect(figures[1]!.value).toBe(0)
  })

  it('plays a range on forward, jumps to its end on forward while playing, then moves on', () => {
    const { client, store } = opened(1)
    client.drain()
    const v = chapterViewState(briefing().chapters[1]!.view)
    // The chapter shows a meeting: it starts at the hour of that meeting's key, inside its range.
    const selection = store.getState().selection
    const joined =
      selection?.kind === 'incident' && 'timeMinutes' in selection.ref
        ? selection.ref.timeMinutes
        : NaN
    expect(store.getState().timeMinutes).toBe(Math.floor(joined / 60) * 60)
    expect(store.getState().timeMinutes).toBeGreaterThanOrEqual(v.fromMinutes)
    store.getState().forward()
    expect(store.getState().isPlaying).toBe(true)
    expect(store.getState().speedMinutesPerSecond).toBe(
      (v.toMinutes - v.fromMinutes) / RANGE_PLAY_SECONDS,
    )
    store.getState().forward()
    expect(store.getState().isPlaying).toBe(false)
    expect(store.getState().timeMinutes).toBe(v.toMinutes)
    store.getState().forward()
    expect(store.getState().chapterIndex).toBe(2)
    // Back comes to the chapter's end, where forward moves on at once.
    store.getState().back()
    expect(store.getState().chapterIndex).toBe(1)
    expect(store.getState().timeMinutes).toBe(v.toMinutes)
  })

  it('finds the first exposed US-Canada meeting in the run, not by id', () => {
    const { client, store } = opened(1)
    expect(store.getState().selection).toBeNull()
    client.drain()
    const s = store.getState()
    expect(s.selection?.kind).toBe('incident')
    const incidents = selectMapRun(s)?.summary?.incidents ?? []
    const usCa = incidents.filter(
      (i) => i.meetingCountries.includes('US') && i.meetingCountries.includes('CA'),
    )
    const first = Math.min(...usCa.map((i) => i.timeMinutes))
    expect(s.selection?.kind === 'incident' && s.selection.ref).toMatchObject({
      timeMinutes: first,
    })
  })

  it('builds the state a chapter will show, off screen, equal to what showing it sets', () => {
    const { client, store } = opened(0)
    expect(chapterStateOf(store.getState(), 2)).toBeNull()
    client.drain()
    for (const index of [2, 1]) {
      const before = store.getState()
      const built = chapterStateOf(before, index)
      expect(store.getState()).toBe(before)
      store.getState().showChapter(index)
      const shown = store.getState()
      expect(built).not.toBeNull()
      expect(built!.run).toBe(shown.run)
      expect(built!.compare).toBe(shown.compare)
      expect(built!.mapRun).toBe(shown.mapRun)
      expect(built!.timeMinutes).toBe(shown.timeMinutes)
      expect(built!.selection).toEqual(shown.selection)
      expect(built!.layers).toEqual(shown.layers)
    }
    expect(chapterStateOf(store.getState(), 3)).toBeNull()
  })

  it('moves the map to a chapter frame and leaves briefing mode where it stands', () => {
    const { client, store } = opened(0)
    client.drain()
    expect(store.getState().frameRequest?.frame).toEqual({ center: [40, -90], zoom: 3 })
    store.getState().showChapter(2)
    store.getState().leaveBriefing()
    const s = store.getState()
    expect(s.briefing).toBeNull()
    expect(s.comparePolicy).toBe('geofenced')
    expect(s.run?.status).toBe('done')
    expect(s.keptRuns).toEqual([])
    expect(s.speedMinutesPerSecond).toBe(240)
  })
})
