import { afterEach, describe, expect, it, vi } from 'vitest'
import { parseBriefing } from '../../../src/sim/briefing'
import type { BriefingInput } from '../../../src/sim/briefing'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { createAppStore } from '../../../src/store/store'
import { warmChapter, warmChapters } from '../../../src/ui/briefing/warm-chapters'
import {
  selectExposedCountries,
  selectStepDrawList,
  selectMaxCountryKeys,
} from '../../../src/ui/map/draw-list'
import { firstExposuresOf, runMaxima } from '../../../src/ui/map/map-data'
import { stepPairNumbers } from '../../../src/ui/map/step-pairs'
import type * as MapData from '../../../src/ui/map/map-data'
import type * as StepPairs from '../../../src/ui/map/step-pairs'
import { createSyncClient } from '../sync-client'

const SMALL = { ...PRESETS['citizenlab-2020'], startDate: '2020-04-02', days: 2 }
const SOURCES = [{ assumption: 'A test briefing.' }]
const INPUT: BriefingInput = {
  id: 'warm-test',
  title: 'Warm test',
  author: 'keyroute tests',
  chapters: [
    {
      title: 'Peak hour',
      caption: 'Keys from China: {concernExposures}.',
      view: { scenario: SMALL, time: '2020-04-02T15:00Z' },
      figures: [{ metric: 'concernExposures', span: 'step' }],
      sources: SOURCES,
    },
    {
      title: 'Geofenced',
      caption: 'The same hour under geofenced lists.',
      view: { scenario: SMALL, time: '2020-04-03T11:00Z', comparePolicy: 'geofenced' },
      figures: [{ metric: 'concernExposures', span: 'upTo' }],
      sources: SOURCES,
    },
  ],
}

function opened() {
  const parsed = parseBriefing(INPUT)
  if (!parsed.ok) throw new Error(parsed.errors[0]?.message)
  const client = createSyncClient()
  const store = createAppStore(client)
  store.getState().openBriefing(parsed.briefing, 0)
  return { client, store }
}

// Counts the map's per-step and per-run work, to see a warmed switch do none of it again.
vi.mock('../../../src/ui/map/map-data', async (importOriginal) => {
  const real = await importOriginal<typeof MapData>()
  return {
    ...real,
    runMaxima: vi.fn(real.runMaxima),
    firstExposuresOf: vi.fn(real.firstExposuresOf),
  }
})

vi.mock('../../../src/ui/map/step-pairs', async (importOriginal) => {
  const real = await importOriginal<typeof StepPairs>()
  return { ...real, stepPairNumbers: vi.fn(real.stepPairNumbers) }
})

const work = () => [
  vi.mocked(stepPairNumbers).mock.calls.length,
  vi.mocked(runMaxima).mock.calls.length,
  vi.mocked(firstExposuresOf).mock.calls.length,
]

afterEach(() => vi.useRealTimers())

describe('warming chapters', () => {
  it("waits for a chapter's runs, then leaves what its map draws for the switch to find", () => {
    const { client, store } = opened()
    expect(warmChapter(store.getState(), 1)).toBe(false)
    client.drain()
    expect(warmChapter(store.getState(), 1)).toBe(true)
    const warmed = work()
    store.getState().showChapter(1)
    const shown = store.getState()
    expect(selectStepDrawList(shown).arcs.length).toBeGreaterThan(0)
    expect(selectExposedCountries(shown).length).toBeGreaterThan(0)
    expect(selectMaxCountryKeys(shown)).toBeGreaterThan(1)
    expect(work()).toEqual(warmed)
  })

  it('a chapter not warmed does that work when shown', () => {
    const { client, store } = opened()
    client.drain()
    const before = work()
    store.getState().showChapter(1)
    selectStepDrawList(store.getState())
    selectExposedCountries(store.getState())
    expect(work().some((n, i) => n > before[i]!)).toBe(true)
  })

  it('warms each chapter once, one per idle task, after its runs are done; stops when asked', () => {
    vi.useFakeTimers()
    const { client, store } = opened()
    const warmed: number[] = []
    const stop = warmChapters(store, (state, index) => {
      const isReady = warmChapter(state, index)
      if (isReady) warmed.push(index)
      return isReady
    })
    vi.runAllTimers()
    expect(warmed).toEqual([])
    // Progress alone makes no chapter ready: nothing is scheduled for it.
    client.step(1)
    expect(store.getState().keptRuns.some((k) => k.stepsDone > 0)).toBe(true)
    expect(vi.getTimerCount()).toBe(0)
    client.drain()
    vi.runOnlyPendingTimers()
    expect(warmed).toEqual([0])
    vi.runAllTimers()
    expect(warmed).toEqual([0, 1])
    stop()
    store.getState().keepRuns([])
    vi.runAllTimers()
    expect(warmed).toEqual([0, 1])
  })
})
