import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { createWorkerClient } from '../../src/worker/client'
import type { WorkerLike } from '../../src/worker/client'
import type { WorkerCommand, WorkerMessage } from '../../src/worker/protocol'
import { WORKER_SILENCE_LIMIT_MS } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'

/**
 * A worker that runs the real session one slice per timer tick, until it is "killed": from then
 * on it hears nothing and says nothing, like a worker that was terminated or ran out of memory.
 */
function fakeWorker(sliceEveryMs = 10) {
  let isDead = false
  let terminated = 0
  let timer: ReturnType<typeof setInterval> | null = null
  const received: WorkerCommand[] = []
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(command: WorkerCommand) {
      if (isDead) return
      received.push(command)
      session.handle(command)
      timer ??= setInterval(() => {
        if (!isDead && session.hasWork) session.runSlice(2)
      }, sliceEveryMs)
    },
    terminate() {
      terminated++
      isDead = true
      if (timer !== null) clearInterval(timer)
    },
  }
  let clock = 0
  const session = createSession(
    (message) => {
      if (!isDead)
        worker.onmessage?.call(worker as Worker, { data: message } as MessageEvent<WorkerMessage>)
    },
    () => clock++,
  )
  return {
    worker,
    received,
    kill() {
      isDead = true
    },
    get terminated() {
      return terminated
    },
  }
}

const scenario = { ...PRESETS['citizenlab-2020'], days: 3, timeline: [] }

function connect(fake: ReturnType<typeof fakeWorker>) {
  const client = createWorkerClient({ createWorker: () => fake.worker, now: () => Date.now() })
  const messages: WorkerMessage[] = []
  client.subscribe((m) => messages.push(m))
  return { client, messages }
}

describe('worker client', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fails the open runs within a few seconds when the worker goes silent, and ends it', () => {
    const fake = fakeWorker()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 1, scenario })
    vi.advanceTimersByTime(50)
    expect(messages.some((m) => m.type === 'progress')).toBe(true)
    fake.kill()
    vi.advanceTimersByTime(WORKER_SILENCE_LIMIT_MS - 1500)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    vi.advanceTimersByTime(3000)
    const failed = messages.filter((m) => m.type === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ type: 'failed', runId: -1 })
    expect(failed[0]?.type === 'failed' && failed[0].errors[0]?.message).toMatch(
      /^The simulation worker stopped responding/,
    )
    expect(fake.terminated).toBe(1)
    // Once is enough: nothing more is reported while nobody runs anything.
    vi.advanceTimersByTime(60_000)
    expect(messages.filter((m) => m.type === 'failed')).toHaveLength(1)
  })

  it('notices a worker that is dead before the run is sent', () => {
    const fake = fakeWorker()
    fake.kill()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 4, scenario })
    vi.advanceTimersByTime(WORKER_SILENCE_LIMIT_MS + 1500)
    expect(messages.map((m) => m.type)).toEqual(['failed'])
  })

  it('never fails a live run, however long, nor an idle worker', () => {
    // Slices every 400 ms: slow, but the worker keeps speaking.
    const fake = fakeWorker(400)
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 2, scenario })
    vi.advanceTimersByTime(60_000)
    expect(messages.at(-1)?.type).toBe('done')
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    // Idle: the worker says nothing and nothing is expected of it.
    vi.advanceTimersByTime(60_000)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    expect(fake.terminated).toBe(0)
  })

  it('does not count time the main thread was too busy to listen', () => {
    const fake = fakeWorker()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 3, scenario })
    vi.advanceTimersByTime(20)
    // The main thread blocks for 8 s: timers fire late, and the worker's messages wait behind them.
    fake.kill()
    vi.setSystemTime(Date.now() + 8000)
    vi.advanceTimersByTime(1000)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
  })
})
