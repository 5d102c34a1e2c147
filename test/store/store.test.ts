import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { createAppStore, roundAccounts, scenarioForSettings } from '../../src/store/store'
import { landingMinutes } from '../../src/store/runs-slice'
import { CUSTOM_LINK_NOTICE } from '../../src/store/settings-slice'
import { readLink } from '../../src/store/link-check'
import { chartSeries, totalsUpTo } from '../../src/store/chart-selectors'
import { formatUrlState, parseUrlState, urlStateOf } from '../../src/store/url-state'
import { withRunChoices } from '../../src/sim/run-choices'
import { run } from '../sim/helpers'
import { createSyncClient } from '../ui/sync-client'
import type { SimulationClient } from '../../src/worker/client'
import type { StartedMessage, WorkerMessage } from '../../src/worker/protocol'
import type { StepRecord } from '../../src/sim/model'
import { realRun } from './run-fixture'

function started(hash = '') {
  const client = createSyncClient()
  const store = createAppStore(client)
  const { state, notices } = readLink(hash)
  store.getState().applyUrlState(state, notices)
  client.drain()
  return { client, store }
}

/** A worker that has not answered yet: commands go nowhere, messages come from the test. */
function scriptedClient() {
  const listeners = new Set<(m: WorkerMessage) => void>()
  const client: SimulationClient = {
    send: () => {},
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    dispose: () => listeners.clear(),
  }
  return { client, emit: (m: WorkerMessage) => listeners.forEach((l) => l(m)) }
}

function startedMessage(runId: number, stepCount: number): StartedMessage {
  return {
    type: 'started',
    runId,
    stepCount,
    stepMinutes: 60,
    world: { id: 'w', regions: [], sites: [], cities: [], jurisdictionOfCountry: {} },
    timeline: [],
    startDate: '2020-04-01',
    hash: 'h',
    concernJurisdictions: ['CN'],
    scale: 1,
    paidOptInRegions: [],
  }
}

describe('store', () => {
  it('lands a fresh view on the first key from a jurisdiction of concern, else the first exposure', () => {
    const template = realRun('citizenlab-2020').steps[0] as StepRecord
    const step = (i: number, crossBorderExposures: number, concernExposures: number) => ({
      ...template,
      step: i,
      startMinutes: i * 60,
      crossBorderExposures,
      concernExposures,
      exposedDeliveries: crossBorderExposures + concernExposures,
    })
    const landing = (steps: StepRecord[]): number => {
      const { emit, client } = scriptedClient()
      const store = createAppStore(client)
      store.getState().rerun()
      const runId = store.getState().run?.runId ?? 0
      emit(startedMessage(runId, steps.length))
      emit({ type: 'snapshot', runId, steps })
      emit({ type: 'done', runId, summary: realRun('citizenlab-2020').summary! })
      expect(store.getState().run?.status).toBe('done')
      return store.getState().timeMinutes
    }
    // A cross-border exposure comes first, a key from the jurisdiction of concern later.
    expect(landing([step(0, 0, 0), step(1, 3, 0), step(2, 0, 0), step(3, 1, 2)])).toBe(180)
    expect(landing([step(0, 0, 0), step(1, 0, 0), step(2, 4, 0), step(3, 0, 0)])).toBe(120)
    // The built-in scenario's run lands there too, after its quiet first hours.
    const { run, timeMinutes } = started().store.getState()
    expect(run?.status).toBe('done')
    expect(timeMinutes).toBe(run?.steps.find((s) => s.concernExposures > 0)?.startMinutes)
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
    expect(store.getState().importResult?.fileName).toBe('mine.json')
    expect(store.getState().importResult?.errors[0]?.path).toBe('mine.json')
    expect(store.getState().importResult?.errors[0]?.message).toMatch(/not valid JSON \(line 1/)
    expect(store.getState().run?.runId).toBe(before)
  })
})

describe('store: streaming, crashes and custom links', () => {
  it('keeps the run object while progress messages arrive, counting progress on its own', () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    store.getState().rerun()
    client.step(5)
    const run = store.getState().run
    const { runId, stepCount } = run!
    for (const stepsDone of [7, 8, 9]) {
      client.emit({ type: 'progress', runId, stepsDone, stepCount })
      expect(store.getState().run).toBe(run)
      expect(store.getState().progress.run).toBe(stepsDone)
    }
  })

  it("appends a snapshot to the run's step list without copying the steps before it", () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    store.getState().rerun()
    client.step(5)
    const before = store.getState().run!
    const earlier = [...before.steps]
    const seriesBefore = chartSeries(before.steps)
    client.step(5)
    const after = store.getState().run!
    // The same list, its earlier steps where they were; the run itself is a new object.
    expect(after.steps).toBe(before.steps)
    expect(after.steps.slice(0, earlier.length)).toEqual(earlier)
    earlier.forEach((step, i) => expect(after.steps[i]).toBe(step))
    expect(after).not.toBe(before)
    expect(after.stepsDone).toBeGreaterThan(earlier.length)
    expect(after.stepsDone).toBe(after.steps.length)
    // Views memoised on the list see the new steps.
    expect(seriesBefore).toHaveLength(earlier.length)
    expect(chartSeries(after.steps)).toHaveLength(after.stepsDone)
    const lastMinutes = after.steps.at(-1)!.startMinutes
    expect(totalsUpTo(after, lastMinutes).offered).toBe(
      after.steps.reduce((sum, s) => sum + s.offered, 0),
    )
  })

  it('keeps the jurisdictions of concern the started message names', () => {
    const { store } = started()
    expect(store.getState().run?.concernJurisdictions).toEqual(['CN'])
    expect(store.getState().run?.scale).toBe(PRESETS['citizenlab-2020'].demand.scale)
  })

  it('knows nothing of the scenario until the started message says what the worker resolved', () => {
    const { emit, client } = scriptedClient()
    const store = createAppStore(client)
    store.getState().rerun()
    expect(store.getState().run).toMatchObject({
      concernJurisdictions: [],
      scale: 0,
      paidOptInRegions: [],
      timeline: [],
    })
    emit({
      ...startedMessage(store.getState().run?.runId ?? 0, 2),
      timeline: [{ kind: 'list-correction', atMinutes: 60 }],
      concernJurisdictions: ['RU'],
      scale: 0.25,
      paidOptInRegions: ['EU'],
    })
    expect(store.getState().run).toMatchObject({
      concernJurisdictions: ['RU'],
      scale: 0.25,
      paidOptInRegions: ['EU'],
      timeline: [{ kind: 'list-correction', atMinutes: 60 }],
    })
  })

  it('marks both the primary and the compared run failed when the worker dies', () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    store.getState().setComparePolicy('geofenced')
    client.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'boom' }] })
    const { run, compare, isWorkerLost } = store.getState()
    expect(run?.status).toBe('failed')
    expect(compare?.status).toBe('failed')
    expect(isWorkerLost).toBe(true)
  })

  it('starts a new worker client on "Run again" after a crash and runs both policies on it', async () => {
    const dead = createSyncClient()
    const fresh = createSyncClient()
    const store = createAppStore(dead, 'citizenlab-2020', {
      createClient: () => Promise.resolve(fresh),
    })
    store.getState().setComparePolicy('geofenced')
    dead.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'boom' }] })
    store.getState().rerun()
    await Promise.resolve()
    await Promise.resolve()
    expect(fresh.sent.filter((c) => c.type === 'run')).toHaveLength(2)
    expect(store.getState().isWorkerLost).toBe(false)
    fresh.drain()
    expect(store.getState().run?.status).toBe('done')
    expect(store.getState().compare?.status).toBe('done')
    // Messages of the old client no longer reach the store.
    dead.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'late' }] })
    expect(store.getState().run?.status).toBe('done')
  })

  it('tells the user to reload, keeping the link, when no new worker can be started', async () => {
    const dead = createSyncClient()
    const store = createAppStore(dead, 'citizenlab-2020', {
      createClient: () => Promise.reject(new Error('no workers')),
    })
    store.getState().rerun()
    dead.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'boom' }] })
    store.getState().rerun()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(store.getState().notices.join(' ')).toMatch(/Reload the page.*settings are kept/)
  })

  it('marks links of an imported scenario and says so when one is opened, keeping its settings', () => {
    const { store } = started()
    const file = { ...PRESETS['surge-march-2020'], id: 'my-file', name: 'My file' }
    expect(store.getState().importScenario(JSON.stringify(file), 'my-file.json')).toBe(true)
    store.getState().setSeed(77)
    store.getState().setSiteOverride('toronto', { isDown: true })
    const hash = formatUrlState(urlStateOf(store.getState()))
    expect(hash).toContain('custom=1')
    expect(hash).not.toContain('preset=')

    const reopened = started(`#${hash}`)
    const state = reopened.store.getState()
    expect(state.notices).toContain(CUSTOM_LINK_NOTICE)
    expect(CUSTOM_LINK_NOTICE).toMatch(
      /This link was made with an imported scenario file; import it again to reproduce the run/,
    )
    expect(state.settings.seed).toBe(77)
    // The link keeps saying what it was made with until the file comes back.
    expect(formatUrlState(urlStateOf(state))).toContain('custom=1')
    expect(formatUrlState(urlStateOf(state))).toContain('sites=toronto%3Adown')

    expect(state.importScenario(JSON.stringify(file), 'my-file.json')).toBe(true)
    reopened.client.drain()
    const after = reopened.store.getState()
    expect(after.settings).toMatchObject({ presetId: 'custom', seed: 77 })
    expect(after.siteOverrides).toEqual({ toronto: { isDown: true } })
    expect(formatUrlState(urlStateOf(after))).toContain('custom=1')
  })
})

describe('runs kept when a launch repeats them', () => {
  const runCommands = (client: ReturnType<typeof createSyncClient>) =>
    client.sent.filter((c) => c.type === 'run')
  const cancels = (client: ReturnType<typeof createSyncClient>) =>
    client.sent.filter((c) => c.type === 'cancel')

  it('keeps a done primary run when a policy to compare with is chosen, and runs only that one', () => {
    const { client, store } = started('#preset=citizenlab-2020')
    const primary = store.getState().run
    expect(primary?.status).toBe('done')
    const sentBefore = runCommands(client).length
    const alone = store.getState().estimate?.expectedSeconds ?? 0
    store.getState().setComparePolicy('geofenced')
    expect(store.getState().run).toBe(primary)
    // The estimate, and the question a long launch asks, count only the run that starts.
    expect(alone).toBeGreaterThan(0)
    expect(store.getState().estimate?.expectedSeconds).toBeCloseTo(alone)
    const sent = runCommands(client).slice(sentBefore)
    expect(sent.map((c) => (c.type === 'run' ? c.policy : null))).toEqual(['geofenced'])
    expect(store.getState().progress.run).toBe(primary?.stepCount)
    client.drain()
    expect(store.getState().compare?.status).toBe('done')
    expect(store.getState().run).toBe(primary)
    // A new seed starts both runs again, and both count.
    store.getState().setSeed(4242)
    expect(runCommands(client).slice(sentBefore)).toHaveLength(3)
    expect(store.getState().estimate?.expectedSeconds).toBeCloseTo(2 * alone)
  })

  /** A store whose citizenlab-2020 run has taken a few steps and is still going. */
  function running() {
    const client = createSyncClient()
    const store = createAppStore(client, 'citizenlab-2020')
    store.getState().rerun()
    client.step(3)
    return { client, store, first: store.getState().run }
  }

  it('lets a running primary go on, uncancelled, when a policy to compare with is chosen', () => {
    const { client, store, first: primary } = running()
    expect(primary?.status).toBe('running')
    store.getState().setComparePolicy('geofenced')
    expect(store.getState().run?.runId).toBe(primary?.runId)
    expect(cancels(client)).toHaveLength(0)
    client.drain()
    expect(store.getState().run?.runId).toBe(primary?.runId)
    expect(store.getState().run?.status).toBe('done')
    expect(store.getState().compare?.status).toBe('done')
  })

  it('takes the done compared run as the primary one when its policy is chosen', () => {
    const { client, store } = started('#preset=citizenlab-2020&compare=geofenced')
    const compared = store.getState().compare
    const sentBefore = runCommands(client).length
    store.getState().setPolicy('geofenced')
    expect(store.getState().run).toBe(compared)
    expect(runCommands(client).length).toBe(sentBefore)
  })

  it('runs again when the launch differs, and stops the run it replaces', () => {
    const { client, store, first } = running()
    store.getState().setSeed(store.getState().settings.seed + 1)
    expect(store.getState().run?.runId).not.toBe(first?.runId)
    expect(cancels(client).map((c) => c.runId)).toEqual([first?.runId])
  })
})

describe('reproducing a run from its pieces', () => {
  it('gives the downloaded scenario of a run the same hash as the run, whatever the policy', () => {
    for (const policy of ['fail-closed', 'geofenced', 'misconfigured-2020'] as const) {
      const { store } = started(`#preset=citizenlab-2020&seed=11&policy=${policy}`)
      const state = store.getState()
      const file = withRunChoices(scenarioForSettings(state.settings, null, state.siteOverrides), {
        seed: state.settings.seed,
        policy,
      })
      const fromFile = run(file)
      expect(fromFile.hash).toBe(state.run?.hash)
      expect(fromFile.totals).toEqual(state.run?.summary?.totals)
    }
  })

  it('gives the same scenario for the same site changes made in any order', () => {
    const a = started('#preset=citizenlab-2020&sites=toronto:down,new-york:down').store.getState()
    const b = started('#preset=citizenlab-2020').store
    b.getState().setSiteOverride('new-york', { isDown: true })
    b.getState().setSiteOverride('toronto', { isDown: true })
    expect(scenarioForSettings(b.getState().settings, null, b.getState().siteOverrides)).toEqual(
      scenarioForSettings(a.settings, null, a.siteOverrides),
    )
  })

  it('keeps the account mix at the precision a link carries', () => {
    const { store } = started()
    store.getState().setAccounts({ free: 0.33333, paid: 0.33333, government: 0.33334 })
    const reopened = started(`#${formatUrlState(urlStateOf(store.getState()))}`).store
    expect(reopened.getState().settings.accounts).toEqual(store.getState().settings.accounts)
    expect(roundAccounts({ free: 0.12345, paid: 0.5, government: 0 })).toEqual({
      free: 0.123,
      paid: 0.5,
      government: 0,
    })
  })

  it('brings a link time beyond the run back to its end', () => {
    const { store } = started('#preset=citizenlab-2020&t=100000')
    const run = store.getState().run
    expect(store.getState().timeMinutes).toBe((run?.stepCount ?? 0) * (run?.stepMinutes ?? 0))
    expect(parseUrlState('#t=99999999999999').notices[0]).toMatch(/t "99999999999999" was ignored/)
  })
})

describe('holding the policy', () => {
  it('applies the list correction to both compared runs unless the link holds the policy', () => {
    const fair = started('#preset=citizenlab-2020&compare=fail-closed').store.getState()
    for (const r of [fair.run, fair.compare])
      expect(r?.timeline.map((e) => e.kind)).toEqual(['list-correction'])
    // After the fix no key comes from China in either run, and fail-closed never redirects.
    const fixAt = fair.compare?.timeline[0]?.atMinutes ?? 0
    for (const r of [fair.run, fair.compare]) {
      const after = (r?.steps ?? []).filter((st) => st.startMinutes >= fixAt)
      expect(after.length).toBeGreaterThan(0)
      expect(after.every((st) => st.concernExposures === 0)).toBe(true)
    }
    expect(fair.compare?.steps.every((st) => st.redirected === 0)).toBe(true)
    const held = started('#preset=citizenlab-2020&compare=government&hold=1').store.getState()
    expect(held.settings.holdPolicy).toBe(true)
    for (const r of [held.run, held.compare]) expect(r?.timeline).toEqual([])
    expect(
      formatUrlState(urlStateOf(held.run ? started('#hold=1').store.getState() : fair)),
    ).toContain('hold=1')
  })
})

describe('compare view in links', () => {
  it('keeps which run the map shows when comparing', () => {
    const { store } = started('#preset=citizenlab-2020&compare=geofenced')
    store.getState().setMapRun('compare')
    const hash = formatUrlState(urlStateOf(store.getState()))
    expect(hash).toContain('map=compare')
    expect(started(`#${hash}`).store.getState().mapRun).toBe('compare')
    expect(parseUrlState('#map=compare').state.isMapOnCompare).toBeUndefined()
    expect(parseUrlState('#map=compare').notices[0]).toMatch(/map "compare" was ignored/)
    expect(started('#map=compare').store.getState().mapRun).toBe('primary')
  })
})

describe('tile address', () => {
  it('keeps the tile address out of links', () => {
    const { store } = started()
    store.getState().setTileUrl('https://tiles.example/{z}/{x}/{y}.png')
    expect(store.getState().tileUrl).toBe('https://tiles.example/{z}/{x}/{y}.png')
    expect(formatUrlState(urlStateOf(store.getState()))).not.toMatch(/tiles/)
  })

  it('never takes an address the map could not draw', () => {
    const { store } = started()
    store.getState().setTileUrl('https://tiles.example/{z}/{x}/{y}.png')
    store.getState().setTileUrl('https://tiles.example/{z}/{x}/{y}/{foo}.png')
    expect(store.getState().tileUrl).toBe('https://tiles.example/{z}/{x}/{y}.png')
    store.getState().setTileUrl('HTTPS://Tiles.example/{z}/{x}/{y}.png')
    expect(store.getState().tileUrl).toBe('https://Tiles.example/{z}/{x}/{y}.png')
  })
})
