import { describe, expect, it } from 'vitest'
import { createAppStore, landingMinutes, tileUrlProblem, urlStateOf } from '../../src/store/store'
import { formatUrlState, parseUrlState } from '../../src/store/url-state'
import { createSyncClient } from '../ui/sync-client'

function started(hash = '') {
  const client = createSyncClient()
  const store = createAppStore(client)
  const { state, notices } = parseUrlState(hash)
  store.getState().applyUrlState(state, notices)
  client.drain()
  return { client, store }
}

describe('store', () => {
  it('lands a fresh view on the first exposure once the run is done', () => {
    const { store } = started()
    const { run, timeMinutes } = store.getState()
    expect(run?.status).toBe('done')
    const firstExposure = run?.steps.find((s) => s.crossBorderExposures + s.concernExposures > 0)
    expect(firstExposure).toBeDefined()
    expect(timeMinutes).toBe(firstExposure?.startMinutes)
    expect(timeMinutes).toBeGreaterThan(0)
  })

  it('keeps the time a link chose', () => {
    const { store } = started('#preset=citizenlab-2020&t=300')
    expect(store.getState().timeMinutes).toBe(300)
  })

  it('lands on the busiest hour of the first day when nothing is exposed', () => {
    const { store } = started('#preset=baseline-dec-2019')
    const run = store.getState().run
    if (!run) throw new Error('no run')
    const firstDay = run.steps.filter((s) => s.startMinutes < 1440)
    const busiest = Math.max(...firstDay.map((s) => s.offered))
    expect(firstDay.find((s) => s.startMinutes === landingMinutes(run))?.offered).toBe(busiest)
    expect(store.getState().timeMinutes).toBe(landingMinutes(run))
  })

  it('reruns with a switched-off site and carries the change in the link', () => {
    const { client, store } = started('#preset=citizenlab-2020&t=600')
    store.getState().setSiteOverride('toronto', { isDown: true })
    const command = client.sent.at(-1)
    expect(command?.type).toBe('run')
    const scenario =
      command?.type === 'run' ? (command.scenario as { siteOverrides?: unknown }) : null
    expect(scenario?.siteOverrides).toEqual([{ siteId: 'toronto', isDown: true }])
    client.drain()
    const hash = formatUrlState(urlStateOf(store.getState()))
    expect(hash).toContain('sites=toronto%3Adown')
    // Reopening the link reproduces the same run.
    const reopened = started(`#${hash}`)
    expect(reopened.store.getState().run?.hash).toBe(store.getState().run?.hash)
    expect(reopened.store.getState().run?.summary?.totals).toEqual(
      store.getState().run?.summary?.totals,
    )
  })

  it('runs the compare policy on the same scenario and seed', () => {
    const { client, store } = started('#preset=citizenlab-2020&compare=geofenced')
    const runs = client.sent.filter((c) => c.type === 'run')
    expect(runs.map((c) => (c.type === 'run' ? c.policy : null))).toEqual([
      'misconfigured-2020',
      'geofenced',
    ])
    expect(new Set(runs.map((c) => (c.type === 'run' ? c.seed : null))).size).toBe(1)
    const { run, compare } = store.getState()
    expect(run?.summary?.totals.concernExposures).toBeGreaterThan(0)
    expect(compare?.summary?.totals.concernExposures).toBe(0)
  })

  it('keeps the previous scenario when an import is broken', () => {
    const { store } = started()
    const before = store.getState().run?.runId
    expect(store.getState().importScenario('{"id": 1', 'mine.json')).toBe(false)
    expect(store.getState().importErrors[0]?.path).toBe('mine.json')
    expect(store.getState().importErrors[0]?.message).toMatch(/not valid JSON \(line 1/)
    expect(store.getState().run?.runId).toBe(before)
  })
})

describe('tileUrlProblem', () => {
  it('accepts an empty address (tiles off) and an https template with {z}, {x} and {y}', () => {
    expect(tileUrlProblem('')).toBeNull()
    expect(tileUrlProblem('https://tiles.example/{z}/{x}/{y}.png')).toBeNull()
  })

  it('says what is wrong with any other address', () => {
    expect(tileUrlProblem('http://tiles.example/{z}/{x}/{y}.png')).toMatch(/https:\/\//)
    expect(tileUrlProblem('https://tiles.example/{z}/{x}.png')).toBe('it must contain {y}')
    expect(tileUrlProblem('javascript:alert(1)')).toMatch(/https:\/\//)
  })

  it('keeps the tile address out of links', () => {
    const { store } = started()
    store.getState().setTileUrl('https://tiles.example/{z}/{x}/{y}.png')
    expect(formatUrlState(urlStateOf(store.getState()))).not.toMatch(/tiles/)
  })
})
