import { describe, expect, it } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { runReplication } from '../../src/sim/replication-run'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import {
  combineSweepRow,
  parseSweepRange,
  sweepId,
  sweepPointScenario,
  sweepRows,
  sweepSeeds,
} from '../../src/sim/sweep'
import type { SweepPlan } from '../../src/sim/sweep'
import { sweepCsv } from '../../src/sim/sweep-csv'
import { createAppStore } from '../../src/store/store'
import type { ReplicationCommand } from '../../src/worker/protocol'
import { createReplicationPool } from '../../src/worker/replication-pool'
import { createSyncClient } from '../ui/sync-client'
import { fakePoolWorker } from '../worker/fake-pool-worker'

function sweepStore(size = 2) {
  const fakes: ReturnType<typeof fakePoolWorker>[] = []
  const replicationPool = createReplicationPool({
    size,
    createWorker: () => {
      const fake = fakePoolWorker()
      fakes.push(fake)
      return fake.worker
    },
    isAlive: () => Promise.resolve(true),
  })
  const sent: ReplicationCommand[] = []
  const send = replicationPool.send.bind(replicationPool)
  replicationPool.send = (command) => {
    sent.push(command)
    send(command)
  }
  const store = createAppStore(createSyncClient(), 'citizenlab-2020', { replicationPool })
  return { store, sent, fakes }
}

const request = {
  axes: [{ parameter: 'surgeMultiplier' as const, from: '0.5', to: '1', step: '0.5' }],
  policies: ['misconfigured-2020' as const, 'geofenced' as const],
  replications: 2,
}

describe('sweep slice', () => {
  it("runs every grid point, policy and replication in the pool and gives the CLI path's CSV", async () => {
    const { store, sent } = sweepStore()
    await store.getState().startSweep(request)
    // One set per grid point, each with every policy's replications.
    expect(
      sent
        .filter((c) => c.type === 'replicate')
        .map((c) => c.type === 'replicate' && c.tasks.length),
    ).toEqual([4, 4])
    await expect.poll(() => store.getState().sweep?.status, { timeout: 20_000 }).toBe('done')
    const view = store.getState().sweep
    if (!view) throw new Error('no sweep')
    expect(view.runsDone).toBe(8)

    // The CLI's way: the preset's scenario, the same plan, each row's replications in-process.
    const parsed = parseScenario(PRESETS['citizenlab-2020'])
    if (!parsed.ok) throw new Error('preset invalid')
    const axes = [parseSweepRange('surgeMultiplier=0.5:1:0.5')]
    const plan: SweepPlan = {
      axes,
      policies: request.policies,
      replications: 2,
      seed: parsed.scenario.seed,
    }
    const seeds = sweepSeeds(plan)
    const rows = sweepRows(plan).map((row) => {
      const resolved = resolveScenario(
        sweepPointScenario(PRESETS['citizenlab-2020'], axes, row.values),
      )
      return combineSweepRow(
        row,
        seeds.map((seed, index) =>
          runReplication(resolved, { index, seed, policy: row.policy, holdPolicy: false }),
        ),
      )
    })
    const expected = sweepCsv(axes, rows, rows.length, sweepId(parsed.scenario, plan))
    const shown = view.results.flatMap((r) => (r ? [r] : []))
    expect(sweepCsv(view.plan.axes, shown, view.rows.length, view.id)).toBe(expected)
  }, 30_000)

  it('names what is wrong with a request and starts nothing', async () => {
    const { store, sent } = sweepStore()
    await store.getState().startSweep({
      ...request,
      axes: [{ parameter: 'surgeMultiplier', from: '2', to: '1', step: '0.1' }],
    })
    expect(store.getState().sweepProblem).toMatch(/surgeMultiplier/)
    expect(store.getState().sweep).toBeNull()
    await store.getState().startSweep({ ...request, policies: [] })
    expect(store.getState().sweepProblem).toMatch(/at least one policy/)
    expect(sent).toEqual([])
  })

  it('cancels every point of a running sweep', async () => {
    const { store, sent } = sweepStore(1)
    await store.getState().startSweep(request)
    store.getState().cancelSweep()
    expect(store.getState().sweep?.status).toBe('cancelled')
    const ids = sent.flatMap((c) => (c.type === 'replicate' ? [c.setId] : []))
    expect(sent.flatMap((c) => (c.type === 'cancelReplications' ? [c.setId] : []))).toEqual(ids)
  })
})
