import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../src/sim/presets/scenarios'
import { createWorkerClient } from '../../src/worker/client'
import type { WorkerLike } from '../../src/worker/client'
import type { City } from '../../src/sim/model'
import type { StartedMessage, WorkerCommand, WorkerMessage } from '../../src/worker/protocol'
import { CITIES_PER_PART, partStarted } from '../../src/worker/world-parts'
import { WORKER_SILENCE_LIMIT_MS } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'
import { parseScenarioText } from '../../src/sim/scenario'

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
    // This clock counts reads, not time: posting after every slice keeps the worker speaking.
    0,
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

function connect(
  fake: ReturnType<typeof fakeWorker>,
  isAlive: (name: string) => Promise<boolean> = () => Promise.resolve(false),
) {
  const client = createWorkerClient({
    createWorker: () => fake.worker,
    isAlive,
    now: () => Date.now(),
  })
  const messages: WorkerMessage[] = []
  client.subscribe((m) => messages.push(m))
  return { client, messages }
}

/** A client of a stand-in worker that says only what a test makes it say. */
function clientOfStandIn(onPost: (command: unknown) => void = () => {}) {
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage: (command: unknown) => onPost(command),
    terminate: () => {},
  }
  const client = createWorkerClient({
    createWorker: () => worker,
    isAlive: () => Promise.resolve(true),
  })
  return { worker, client }
}

describe('worker client', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('fails the open runs within a few seconds when the worker goes silent, and ends it', async () => {
    const fake = fakeWorker()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 1, scenario })
    await vi.advanceTimersByTimeAsync(50)
    expect(messages.some((m) => m.type === 'progress')).toBe(true)
    fake.kill()
    await vi.advanceTimersByTimeAsync(WORKER_SILENCE_LIMIT_MS - 1500)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    await vi.advanceTimersByTimeAsync(3000)
    const failed = messages.filter((m) => m.type === 'failed')
    expect(failed).toHaveLength(1)
    expect(failed[0]).toMatchObject({ type: 'failed', runId: -1 })
    expect(failed[0]?.type === 'failed' && failed[0].errors[0]?.message).toMatch(
      /^The simulation worker stopped responding/,
    )
    expect(fake.terminated).toBe(1)
    // Once is enough: nothing more is reported while nobody runs anything.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(messages.filter((m) => m.type === 'failed')).toHaveLength(1)
  })

  it('notices a worker that is dead before the run is sent', async () => {
    const fake = fakeWorker()
    fake.kill()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 4, scenario })
    await vi.advanceTimersByTimeAsync(WORKER_SILENCE_LIMIT_MS + 1500)
    expect(messages.map((m) => m.type)).toEqual(['failed'])
  })

  it('never fails a live run, however long, nor an idle worker', async () => {
    // Slices every 400 ms: slow, but the worker keeps speaking.
    const fake = fakeWorker(400)
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 2, scenario })
    await vi.advanceTimersByTimeAsync(60_000)
    expect(messages.at(-1)?.type).toBe('done')
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    // Idle: the worker says nothing and nothing is expected of it.
    await vi.advanceTimersByTimeAsync(60_000)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    expect(fake.terminated).toBe(0)
  })

  it('does not count time the main thread was too busy to listen', async () => {
    const fake = fakeWorker()
    const { client, messages } = connect(fake)
    client.send({ type: 'run', runId: 3, scenario })
    await vi.advanceTimersByTimeAsync(20)
    // The main thread blocks for 8 s: timers fire late, and the worker's messages wait behind them.
    fake.kill()
    vi.setSystemTime(Date.now() + 8000)
    await vi.advanceTimersByTimeAsync(1000)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
  })

  it('keeps waiting for a silent worker that still holds its lock, and fails it once it does not', async () => {
    const fake = fakeWorker()
    let isHoldingLock = true
    const asked: string[] = []
    const { client, messages } = connect(fake, (name) => {
      asked.push(name)
      return Promise.resolve(isHoldingLock)
    })
    client.send({ type: 'run', runId: 5, scenario })
    await vi.advanceTimersByTimeAsync(20)
    // Busy in one long step: silent, but alive.
    fake.kill()
    await vi.advanceTimersByTimeAsync(4 * WORKER_SILENCE_LIMIT_MS)
    expect(messages.some((m) => m.type === 'failed')).toBe(false)
    expect(asked.length).toBeGreaterThan(1)
    expect(new Set(asked).size).toBe(1)
    expect(fake.terminated).toBe(0)
    isHoldingLock = false
    await vi.advanceTimersByTimeAsync(WORKER_SILENCE_LIMIT_MS + 1500)
    expect(messages.filter((m) => m.type === 'failed')).toHaveLength(1)
    expect(fake.terminated).toBe(1)
  })

  it('checks scenario text in the worker, answering each request by its id', async () => {
    const posted: unknown[] = []
    const { worker, client } = clientOfStandIn((command) => posted.push(command))
    const first = client.parseScenarioText?.('{"id": 1')
    const second = client.parseScenarioText?.('{}')
    expect(posted).toEqual([
      { type: 'parseScenario', requestId: 1, text: '{"id": 1' },
      { type: 'parseScenario', requestId: 2, text: '{}' },
    ])
    const answer = (requestId: number, text: string): void =>
      void worker.onmessage?.call(
        worker as Worker,
        {
          data: { type: 'parsed', requestId, result: parseScenarioText(text) },
        } as MessageEvent,
      )
    answer(2, '{}')
    answer(1, '{"id": 1')
    // Answered in the task after the one the answer came in.
    let isAnswered = false
    void second?.then(() => (isAnswered = true))
    await Promise.resolve()
    expect(isAnswered).toBe(false)
    await vi.advanceTimersByTimeAsync(0)
    expect(isAnswered).toBe(true)
    expect(await second).toEqual(parseScenarioText('{}'))
    expect(await first).toEqual(parseScenarioText('{"id": 1'))
  })

  it('rejects the checks still waiting when the worker fails', async () => {
    const { worker, client } = clientOfStandIn()
    const waiting = client.parseScenarioText?.('{}')
    worker.onerror?.call(worker as Worker, { message: 'boom' } as ErrorEvent)
    await expect(waiting).rejects.toThrow('boom')
  })

  it("puts a large world's cities, sent ahead in parts, back into its started message", async () => {
    const { worker, client } = clientOfStandIn()
    const heard: WorkerMessage[] = []
    client.subscribe((m) => heard.push(m))
    const session = createSession(
      (m) => {
        if (m.type !== 'started') return
        const cities = Array.from({ length: 2.5 * CITIES_PER_PART }, (_, i) => ({
          ...(m.world.cities[i % m.world.cities.length] as City),
          id: `c${i}`,
        }))
        started = { ...m, world: { ...m.world, cities } }
      },
      () => 0,
    )
    let started: StartedMessage | null = null
    session.handle({ type: 'run', runId: 4, scenario })
    if (!started) throw new Error('the session did not start the run')
    const posted = partStarted(started)
    expect(posted).toHaveLength(4)
    for (const data of posted)
      worker.onmessage?.call(worker as Worker, { data: structuredClone(data) } as MessageEvent)
    await vi.advanceTimersByTimeAsync(0)
    expect(heard).toEqual([started])
  })

  it('tells its listeners of a started run in a task after the one it came in, one message a task, in order', async () => {
    const { worker, client } = clientOfStandIn()
    const heard: string[] = []
    client.subscribe((m) => heard.push(`${m.type} ${m.runId}`))
    const receive = (data: unknown): void =>
      void worker.onmessage?.call(worker as Worker, { data } as MessageEvent)
    receive({ type: 'cancelled', runId: 1 })
    expect(heard).toEqual(['cancelled 1'])
    receive({ type: 'started', runId: 2 })
    receive({ type: 'progress', runId: 2, stepsDone: 1 })
    expect(heard).toEqual(['cancelled 1'])
    await vi.advanceTimersByTimeAsync(0)
    expect(heard).toEqual(['cancelled 1', 'started 2'])
    await vi.advanceTimersByTimeAsync(1)
    expect(heard).toEqual(['cancelled 1', 'started 2', 'progress 2'])
    receive({ type: 'cancelled', runId: 2 })
    expect(heard).toEqual(['cancelled 1', 'started 2', 'progress 2', 'cancelled 2'])
    receive({ type: 'started', runId: 3 })
    client.dispose()
    await vi.advanceTimersByTimeAsync(10)
    expect(heard).toEqual(['cancelled 1', 'started 2', 'progress 2', 'cancelled 2'])
  })
  it('posts a run in the task after the one that sends it, and commands sent meanwhile after it', async () => {
    const posted: string[] = []
    const { client } = clientOfStandIn((c) => {
      const command = c as WorkerCommand
      posted.push(`${command.type} ${'runId' in command ? command.runId : ''}`)
    })
    client.send({ type: 'cancel', runId: 1 })
    expect(posted).toEqual(['cancel 1'])
    client.send({ type: 'run', runId: 2, scenario })
    client.send({ type: 'cancel', runId: 2 })
    client.send({ type: 'run', runId: 3, scenario })
    expect(posted).toEqual(['cancel 1'])
    await vi.advanceTimersByTimeAsync(0)
    expect(posted).toEqual(['cancel 1', 'run 2', 'cancel 2', 'run 3'])
    // With nothing waiting, a cancel goes at once again; a run waiting when the client is
    // disposed is not posted.
    client.send({ type: 'cancel', runId: 3 })
    expect(posted).toHaveLength(5)
    client.send({ type: 'run', runId: 4, scenario })
    client.dispose()
    await vi.advanceTimersByTimeAsync(10)
    expect(posted).toEqual(['cancel 1', 'run 2', 'cancel 2', 'run 3', 'cancel 3'])
  })
})
