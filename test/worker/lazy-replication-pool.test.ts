import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { replicationSeeds } from '../../src/sim/replications'
import type { ReplicationMessage } from '../../src/worker/protocol'
import { createLazyReplicationPool } from '../../src/worker/lazy-replication-pool'
import { fakePoolWorker } from './fake-pool-worker'

describe('lazy replication pool', () => {
  it('starts no worker until the first set, then runs it in the real pool in order', async () => {
    let started = 0
    const pool = createLazyReplicationPool({
      size: 2,
      createWorker: () => {
        started++
        return fakePoolWorker().worker
      },
      isAlive: () => Promise.resolve(true),
    })
    const messages: ReplicationMessage[] = []
    pool.subscribe((m) => messages.push(m))
    expect(pool.size).toBe(2)
    await Promise.resolve()
    expect(started).toBe(0)
    const scenario = { ...PRESETS['citizenlab-2020'], days: 1, timeline: [] }
    const tasks = replicationSeeds(3, 3).map((seed, index) => ({ index, seed }))
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    pool.send({ type: 'cancelReplications', setId: 1 })
    pool.send({ type: 'replicate', setId: 2, scenario, tasks })
    await expect
      .poll(() => messages.some((m) => m.type === 'replicationsDone' && m.setId === 2), {
        timeout: 20_000,
      })
      .toBe(true)
    expect(started).toBe(2)
    expect(messages.filter((m) => m.type === 'replicated' && m.setId === 2)).toHaveLength(3)
    expect(messages.some((m) => m.type === 'replicationsDone' && m.setId === 1)).toBe(false)
    pool.dispose()
  }, 30_000)
})
