import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { parseScenario, parseScenarioText, withScenarioChanges } from '../../src/sim/scenario'
import type { ParseResult, Scenario } from '../../src/sim/scenario'
import { estimateLaunch, markWorldChecked, parseCheckedScenario } from '../../src/store/run-gate'
import { parseSweepRange, sweepPointScenario } from '../../src/sim/sweep'
import { createAppStore } from '../../src/store/store'
import { STRESS_CASES, stressScenario } from '../bench/stress-worlds'
import { createSyncClient } from '../ui/sync-client'

/** A store whose worker checks files when the test says so, in the order the test chooses. */
function storeWithParsingWorker() {
  const pending: Array<{ text: string; answer: (ok: boolean) => void }> = []
  const client = Object.assign(createSyncClient(), {
    parseScenarioText: (text: string) =>
      new Promise<ParseResult>((resolve, reject) =>
        pending.push({
          text,
          answer: (ok) => (ok ? resolve(parseScenarioText(text)) : reject(new Error('lost'))),
        }),
      ),
  })
  const store = createAppStore(client)
  store.getState().rerun()
  client.drain()
  return { store, client, pending }
}

const fileText = (name: string): string =>
  JSON.stringify({ ...PRESETS['citizenlab-2020'], id: name, name, days: 1, timeline: [] })

describe('importing a scenario file checked in the worker', () => {
  it('switches to the file only once the worker has checked it', async () => {
    const { store, pending } = storeWithParsingWorker()
    const before = store.getState().run?.runId
    const imported = store.getState().importScenarioFile(fileText('harbour'), 'harbour.json')
    expect(store.getState().importResult).toBeNull()
    expect(store.getState().run?.runId).toBe(before)
    pending[0]?.answer(true)
    expect(await imported).toBe(true)
    expect(store.getState().settings.presetId).toBe('custom')
    expect(store.getState().customScenario?.id).toBe('harbour')
    expect(store.getState().importResult).toEqual({ fileName: 'harbour.json', errors: [] })
    expect(store.getState().run?.runId).not.toBe(before)
  })

  it('applies a checked file at once and starts its run in the next task, unless left first', async () => {
    const { store, pending } = storeWithParsingWorker()
    const before = store.getState().run?.runId
    const imported = store.getState().importScenarioFile(fileText('harbour'), 'harbour.json')
    pending[0]?.answer(true)
    // The answer's task: the settings show the file, and no run has started yet.
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    await Promise.resolve()
    expect(store.getState().customScenario?.id).toBe('harbour')
    expect(store.getState().run?.runId).toBe(before)
    expect(await imported).toBe(true)
    expect(store.getState().run?.runId).not.toBe(before)

    // A preset chosen before the file's run starts wins: the file's run never starts.
    const again = store.getState().importScenarioFile(fileText('quay'), 'quay.json')
    pending[1]?.answer(true)
    await new Promise<void>((resolve) => queueMicrotask(resolve))
    await Promise.resolve()
    expect(store.getState().customScenario?.id).toBe('quay')
    store.getState().setPreset('citizenlab-2020')
    const presetRun = store.getState().run
    expect(await again).toBe(true)
    expect(store.getState().run).toBe(presetRun)
    expect(store.getState().settings.presetId).toBe('citizenlab-2020')
  })

  it('reports only the last file chosen when an earlier one is checked later', async () => {
    const { store, pending } = storeWithParsingWorker()
    const first = store.getState().importScenarioFile(fileText('first'), 'first.json')
    const second = store.getState().importScenarioFile(fileText('second'), 'second.json')
    pending[1]?.answer(true)
    pending[0]?.answer(true)
    expect(await second).toBe(true)
    expect(await first).toBe(false)
    expect(store.getState().customScenario?.id).toBe('second')
    expect(store.getState().importResult?.fileName).toBe('second.json')
  })

  it('drops a file still being checked when a later one is refused', async () => {
    const { store, pending } = storeWithParsingWorker()
    const checking = store.getState().importScenarioFile(fileText('late'), 'late.json')
    store.getState().refuseImport('huge.json', 'too large')
    pending[0]?.answer(true)
    expect(await checking).toBe(false)
    expect(store.getState().settings.presetId).not.toBe('custom')
    expect(store.getState().importResult?.fileName).toBe('huge.json')
  })

  it('checks the file on the page, with the same errors, when the worker is lost', async () => {
    const { store, pending } = storeWithParsingWorker()
    const imported = store.getState().importScenarioFile('{"id": 1', 'mine.json')
    pending[0]?.answer(false)
    expect(await imported).toBe(false)
    expect(store.getState().importResult?.errors[0]?.path).toBe('mine.json')
    expect(store.getState().importResult?.errors[0]?.message).toMatch(/not valid JSON \(line 1/)
  })
})

describe('the estimate of a run over a world already checked', () => {
  const checked = (): Scenario => {
    const parsed = parseScenario(stressScenario(STRESS_CASES[0] as (typeof STRESS_CASES)[0]))
    if (!parsed.ok) throw new Error('the stress world is invalid')
    return parsed.scenario
  }

  it('is the estimate a full check gives', () => {
    const plain = checked()
    const marked = checked()
    markWorldChecked(marked.world)
    const changes = { surgeMultiplier: 2, accounts: { free: 0.5, paid: 0.3, government: 0.2 } }
    const expected = estimateLaunch(withScenarioChanges(plain, changes), 2)
    expect(expected).not.toBeNull()
    expect(estimateLaunch(withScenarioChanges(marked, changes), 2)).toEqual(expected)
  })

  it("gives a sweep's grid points as a full check does, and still names a point it would refuse", () => {
    const plain = checked()
    const marked = checked()
    markWorldChecked(marked.world)
    const axes = [parseSweepRange('surgeMultiplier=1:2:0.5')]
    for (const values of [[1], [1.5], [2]])
      expect(sweepPointScenario(marked, axes, values, parseCheckedScenario)).toEqual(
        sweepPointScenario(plain, axes, values),
      )
    // Far more demand than a run may hold: refused by the engine's limit, the world unread.
    const tooMuch = [{ parameter: 'surgeMultiplier', values: [1e6] }] as const
    expect(() => sweepPointScenario(marked, tooMuch, [1e6], parseCheckedScenario)).toThrow(
      /at surgeMultiplier=1000000 the scenario is invalid/,
    )
  })

  it('still refuses a change the worker would refuse', () => {
    const marked = checked()
    markWorldChecked(marked.world)
    const changes = { siteOverrides: { 'no-such-site': { isDown: true } } }
    expect(estimateLaunch(withScenarioChanges(marked, changes), 1)).toBeNull()
    expect(estimateLaunch(withScenarioChanges(marked, { surgeMultiplier: 1e6 }), 1)).toBeNull()
  })
})
