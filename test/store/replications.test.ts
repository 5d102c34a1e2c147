import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { POLICY_IDS } from '../../src/sim/model'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { replicationSeeds } from '../../src/sim/replications'
import { readLink } from '../../src/store/link-check'
import { createAppStore } from '../../src/store/store'
import { linkOf, parseUrlState } from '../../src/store/url-state'
import type { ReplicationCommand } from '../../src/worker/protocol'
import { createReplicationPool } from '../../src/worker/replication-pool'
import { createSyncClient } from '../ui/sync-client'
import { fakePoolWorker } from '../worker/fake-pool-worker'

const short = JSON.stringify({ ...PRESETS['citizenlab-2020'], days: 2, timeline: [] })

function started(size = 1, delays: readonly number[] = [0]) {
  const client = createSyncClient()
  const sent: ReplicationCommand[] = []
  let made = 0
  const pool = createReplicationPool({
    size,
    createWorker: () => fakePoolWorker(delays[made++ % delays.length]).worker,
    isAlive: () => Promise.resolve(true),
  })
  const send = pool.send.bind(pool)
  pool.send = (command) => {
    sent.push(command)
    send(command)
  }
  const store = createAppStore(client, undefined, { replicationPool: pool })
  store.getState().applyUrlState({}, [])
  store.getState().importScenario(short, 'short.json')
  client.drain()
  return { client, store, sent }
}

describe('replications in the store', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('replicates exactly the dashboard run: replication 1 is its seed and gives its hash', async () => {
    const { store, sent } = started()
    const { seed, policy } = store.getState().settings
    store.getState().setReplicationCount(4)
    expect(store.getState().replications).toMatchObject({ status: 'running', done: 0, total: 4 })
    await vi.runAllTimersAsync()
    const view = store.getState().replications
    expect(view).toMatchObject({ status: 'done', done: 4, total: 4 })
    expect(view?.seeds).toEqual(replicationSeeds(seed, 4))
    expect(view?.set?.replications.map((r) => r.seed)).toEqual(view?.seeds)
    expect(view?.set?.replications.every((r) => r.policy === policy)).toBe(true)
    expect(view?.set?.replications[0]?.hash).toBe(store.getState().run?.hash)
    expect(view?.set?.figures.concernExposures.n).toBe(4)
    expect(sent.filter((c) => c.type === 'replicate')).toHaveLength(1)
  })

  it('keeps the same set, byte for byte, whatever the worker count and finishing order', async () => {
    const one = started(1)
    one.store.getState().setReplicationCount(5)
    await vi.runAllTimersAsync()
    const three = started(3, [40, 0, 15])
    three.store.getState().setReplicationCount(5)
    await vi.runAllTimersAsync()
    const a = one.store.getState().replications?.set
    expect(a?.replications).toHaveLength(5)
    expect(JSON.stringify(three.store.getState().replications?.set)).toBe(JSON.stringify(a))
  })

  it('cancels a stale set when the seed changes, and keeps only the new set', async () => {
    const { store, sent } = started(1, [10])
    store.getState().setReplicationCount(4)
    const first = store.getState().replications?.setId
    await vi.advanceTimersByTimeAsync(15)
    store.getState().setSeed(99)
    expect(sent).toContainEqual({ type: 'cancelReplications', setId: first })
    await vi.runAllTimersAsync()
    const view = store.getState().replications
    expect(view?.setId).not.toBe(first)
    expect(view?.set?.replications.map((r) => r.seed)).toEqual(replicationSeeds(99, 4))
    expect(view?.status).toBe('done')
  })

  it('turning replications off cancels the set and clears it', async () => {
    const { store, sent } = started(1, [10])
    store.getState().setReplicationCount(4)
    const setId = store.getState().replications?.setId
    store.getState().setReplicationCount(0)
    expect(store.getState().replications).toBeNull()
    expect(sent).toContainEqual({ type: 'cancelReplications', setId })
    await vi.runAllTimersAsync()
    expect(store.getState().replications).toBeNull()
  })

  it('opens one replication as the single run: replications off, its seed on the run', async () => {
    const { store, client } = started()
    store.getState().setReplicationCount(3)
    await vi.runAllTimersAsync()
    const third = store.getState().replications?.set?.replications[2]
    store.getState().openReplication(third?.seed ?? 0)
    client.drain()
    expect(store.getState().replicationCount).toBe(0)
    expect(store.getState().settings.seed).toBe(third?.seed)
    expect(store.getState().run?.hash).toBe(third?.hash)
  })

  it('carries the count in the link, and a link reproduces it', () => {
    const { store } = started()
    store.getState().setReplicationCount(20)
    expect(linkOf(store.getState())).toMatch(/(^|&)reps=20(&|$)/)
    store.getState().setReplicationCount(0)
    expect(linkOf(store.getState())).not.toMatch(/reps=/)
    expect(parseUrlState('reps=12').state.replications).toBe(12)
    expect(parseUrlState('reps=1').notices[0]).toMatch(/reps "1" was ignored/)
    const { state, notices } = readLink('preset=citizenlab-2020&reps=7')
    store.getState().applyUrlState(state, notices)
    expect(store.getState().replicationCount).toBe(7)
  })

  it('runs every policy side by side while the table is shown, with replications per policy', async () => {
    const { store } = started(2)
    store.getState().setPolicyTableOpen(true)
    expect(store.getState().policyTable).toMatchObject({
      total: POLICY_IDS.length,
      runsPerPolicy: 1,
    })
    await vi.runAllTimersAsync()
    const table = store.getState().policyTable
    expect(table?.status).toBe('done')
    expect(Object.keys(table?.sets ?? {}).sort()).toEqual([...POLICY_IDS].sort())
    const own = table?.sets[store.getState().settings.policy]
    expect(own?.replications[0]?.hash).toBe(store.getState().run?.hash)
    // Showing a column's run does not rerun the table.
    const setId = table?.setId
    store
      .getState()
      .setPolicy(POLICY_IDS.find((p) => p !== store.getState().settings.policy) ?? POLICY_IDS[0])
    expect(store.getState().policyTable?.setId).toBe(setId)
    store.getState().setReplicationCount(2)
    expect(store.getState().policyTable).toMatchObject({
      total: 2 * POLICY_IDS.length,
      runsPerPolicy: 2,
    })
    await vi.runAllTimersAsync()
    expect(store.getState().policyTable?.sets[POLICY_IDS[0]]?.figures.blocked.n).toBe(2)
    store.getState().setPolicyTableOpen(false)
    expect(store.getState().policyTable).toBeNull()
  })
})
