import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { combineReplications, replicationSeeds } from '../../src/sim/replications'
import type { ReplicationSummary } from '../../src/sim/replications'
import { WORKER_SILENCE_LIMIT_MS } from '../../src/worker/protocol'
import type { ReplicationMessage } from '../../src/worker/protocol'
import { createReplicationPool } from '../../src/worker/replication-pool'
import { poolSize } from '../../src/worker/pool-size'
import { fakePoolWorker } from './fake-pool-worker'

const scenario = { ...PRESETS['citizenlab-2020'], days: 2, timeline: [] }
const tasks = replicationSeeds(7, 6).map((seed, index) => ({ index, seed }))

function connect(
  size: number,
  delays: readonly number[] = [0],
  isAlive: (name: string) => Promise<boolean> = () => Promise.resolve(false),
) {
  const fakes: ReturnType<typeof fakePoolWorker>[] = []
  const pool = createReplicationPool({
    size,
    createWorker: () => {
      const fake = fakePoolWorker(delays[fakes.length % delays.length])
      fakes.push(fake)
      return fake.worker
    },
    isAlive,
    now: () => Date.now(),
  })
  const messages: ReplicationMessage[] = []
  pool.subscribe((m) => messages.push(m))
  return { pool, fakes, messages }
}

const summariesOf = (messages: readonly ReplicationMessage[], setId: number) =>
  messages.flatMap((m) => (m.type === 'replicated' && m.setId === setId ? [m.summary] : []))

describe('replication pool', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('sizes itself to the cores but one, with at least one worker', () => {
    expect(poolSize(8)).toBe(7)
    expect(poolSize(2)).toBe(1)
    expect(poolSize(1)).toBe(1)
    expect(poolSize(Number.NaN)).toBe(1)
  })

  it('streams each summary with the count done, then says the set is done', async () => {
    const { pool, messages, fakes } = connect(2)
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.runAllTimersAsync()
    const replicated = messages.filter((m) => m.type === 'replicated')
    expect(replicated.map((m) => m.done)).toEqual([1, 2, 3, 4, 5, 6])
    expect(replicated.every((m) => m.total === 6)).toBe(true)
    expect(messages.at(-1)).toEqual({ type: 'replicationsDone', setId: 1, total: 6 })
    expect(fakes).toHaveLength(2)
    // Each worker is given one task at a time, so both share the work.
    expect(fakes.every((f) => f.received.length > 0)).toBe(true)
    expect(
      fakes.flatMap((f) => f.received).every((c) => c.type !== 'replicate' || c.tasks.length === 1),
    ).toBe(true)
  })

  it('gives the same set, byte for byte, whatever the worker count and finishing order', async () => {
    const one = connect(1)
    one.pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.runAllTimersAsync()
    const three = connect(3, [50, 0, 20])
    three.pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.runAllTimersAsync()
    const a = summariesOf(one.messages, 1)
    const b = summariesOf(three.messages, 1)
    expect(b.map((s) => s.index)).not.toEqual(a.map((s) => s.index))
    expect(JSON.stringify(combineReplications(b))).toBe(JSON.stringify(combineReplications(a)))
    expect(a[0]?.seed).toBe(7)
  })

  it('fails a set whose scenario is not valid, with a plain message, and runs the next', async () => {
    const { pool, messages } = connect(1)
    pool.send({ type: 'replicate', setId: 1, scenario: { days: 'many' }, tasks })
    pool.send({ type: 'replicate', setId: 2, scenario, tasks: tasks.slice(0, 1) })
    await vi.runAllTimersAsync()
    const failed = messages.filter((m) => m.type === 'replicationsFailed')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ setId: 1 })
    expect(failed[0]?.type === 'replicationsFailed' && failed[0].message).toMatch(
      /^The scenario is not valid: /,
    )
    expect(summariesOf(messages, 1)).toEqual([])
    expect(messages.at(-1)).toEqual({ type: 'replicationsDone', setId: 2, total: 1 })
  })

  it('drops a cancelled set: no more summaries for it, and the next set gets the workers', async () => {
    const { pool, messages, fakes } = connect(2, [10])
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.advanceTimersByTimeAsync(15)
    pool.send({ type: 'cancelReplications', setId: 1 })
    const before = summariesOf(messages, 1).length
    expect(before).toBeLessThan(tasks.length)
    pool.send({ type: 'replicate', setId: 2, scenario, tasks: tasks.slice(0, 3) })
    await vi.runAllTimersAsync()
    expect(summariesOf(messages, 1)).toHaveLength(before)
    expect(messages.some((m) => m.type === 'replicationsDone' && m.setId === 1)).toBe(false)
    const second: ReplicationSummary[] = summariesOf(messages, 2)
    expect(second.map((s) => s.index).sort()).toEqual([0, 1, 2])
    // Tasks of the cancelled set that had not started never reached a worker.
    const sent = fakes.flatMap((f) => f.received).filter((c) => c.setId === 1)
    expect(sent.length).toBeLessThan(tasks.length)
  })

  it('fails the set with a plain message when a worker goes silent, and ends that worker', async () => {
    const { pool, messages, fakes } = connect(1, [10])
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.advanceTimersByTimeAsync(5)
    fakes[0]?.kill()
    await vi.advanceTimersByTimeAsync(WORKER_SILENCE_LIMIT_MS + 2000)
    const failed = messages.filter((m) => m.type === 'replicationsFailed')
    expect(failed).toHaveLength(1)
    expect(failed[0]?.type === 'replicationsFailed' && failed[0].message).toMatch(
      /^A replication worker stopped responding/,
    )
    expect(fakes[0]?.terminated).toBe(1)
    // A new set starts a fresh worker.
    pool.send({ type: 'replicate', setId: 2, scenario, tasks: tasks.slice(0, 2) })
    await vi.runAllTimersAsync()
    expect(fakes).toHaveLength(2)
    expect(messages.at(-1)).toEqual({ type: 'replicationsDone', setId: 2, total: 2 })
  })

  it('keeps waiting for a silent worker that still holds its lock', async () => {
    const { pool, messages, fakes } = connect(1, [10], () => Promise.resolve(true))
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.advanceTimersByTimeAsync(5)
    fakes[0]?.kill()
    await vi.advanceTimersByTimeAsync(4 * WORKER_SILENCE_LIMIT_MS)
    expect(messages.some((m) => m.type === 'replicationsFailed')).toBe(false)
    expect(fakes[0]?.terminated).toBe(0)
  })

  it('fails the set when a worker reports an error', async () => {
    const { pool, messages, fakes } = connect(1, [10])
    pool.send({ type: 'replicate', setId: 1, scenario, tasks })
    await vi.advanceTimersByTimeAsync(5)
    fakes[0]?.worker.onerror?.call(
      fakes[0].worker as Worker,
      { message: 'out of memory' } as ErrorEvent,
    )
    expect(messages.at(-1)).toMatchObject({ type: 'replicationsFailed', setId: 1 })
    expect(fakes[0]?.terminated).toBe(1)
  })
})
