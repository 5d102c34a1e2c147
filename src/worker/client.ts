/**
 * Main-thread front end of the simulation worker: typed send, subscribe and dispose.
 */
import type { ParseResult } from '../sim/scenario'
import { WORKER_SILENCE_LIMIT_MS } from './protocol'
import type { ParseScenarioCommand, ParsedMessage, WorkerCommand, WorkerMessage } from './protocol'
import { startWorker } from './start-worker'
import { unpackDone, unpackSteps } from './step-codec'
import type { PackedDoneMessage, PackedSnapshotMessage } from './step-codec'
import { createWatchdog } from './watchdog'
import { WorldParts } from './world-parts'
import type { PartedStartedMessage, WorldPartMessage } from './world-parts'

/** What the store needs from a worker; tests pass an in-process implementation. */
export interface SimulationClient {
  send(command: WorkerCommand): void
  subscribe(listener: (message: WorkerMessage) => void): () => void
  dispose(): void
  /**
   * Checks a scenario file's text off the page's thread (a large world takes hundreds of ms);
   * rejects when the worker is lost. Without it the store checks the text itself.
   */
  parseScenarioText?(text: string): Promise<ParseResult>
}

/** The part of a Worker the client uses (a fake in tests). */
export type WorkerLike = Pick<Worker, 'postMessage' | 'terminate' | 'onmessage' | 'onerror'>

/** Options of {@link createWorkerClient}; the defaults serve the app. */
export interface WorkerClientOptions {
  /** Starts the worker under `name`, the Web Lock it holds while it lives. */
  readonly createWorker?: (name: string) => WorkerLike
  /**
   * Whether the worker named `name` still lives though it is silent (busy in one long step).
   * Defaults to asking Web Locks for its lock; where there are none, silence alone decides.
   */
  readonly isAlive?: (name: string) => Promise<boolean>
  /** Milliseconds of silence from the worker, while a run is open, after which it counts as dead. */
  readonly silenceLimitMs?: number
  readonly now?: () => number
}

/** The worker holds a Web Lock named after itself until it ends (see sim.worker.ts). */
export async function holdsItsLock(name: string): Promise<boolean> {
  if (typeof navigator === 'undefined' || !('locks' in navigator)) return false
  const { held = [] } = await navigator.locks.query()
  return held.some((lock) => lock.name === name)
}

let workerCount = 0

/** What the simulation worker posts: its messages, some packed for the wire, and parse results. */
type WireMessage =
  | WorkerMessage
  | PackedSnapshotMessage
  | PackedDoneMessage
  | WorldPartMessage
  | PartedStartedMessage
  | ParsedMessage

interface PromiseWithResolversLike<T> {
  readonly resolve: (value: T) => void
  readonly reject: (reason: Error) => void
}

/**
 * Starts the worker and returns its client. A worker that dies without an error event
 * (terminated, out of memory) goes silent: while a run is open the worker posts after every
 * slice, so silence past the limit ends the worker and fails its runs (`failed` with run id -1).
 */
export function createWorkerClient(options: WorkerClientOptions = {}): SimulationClient {
  workerCount += 1
  const name = `keyroute-simulation-${workerCount}-${Math.random().toString(36).slice(2)}`
  const worker = (options.createWorker ?? startWorker)(name)
  const isAlive = options.isAlive ?? holdsItsLock
  const listeners = new Set<(message: WorkerMessage) => void>()
  const openRuns = new Set<number>()
  let isDisposed = false
  let nextParseId = 1
  const parses = new Map<number, PromiseWithResolversLike<ParseResult>>()
  const emit = (message: WorkerMessage): void => {
    for (const listener of listeners) listener(message)
  }
  // A `started` message carries the run's world: the last of a large world's parts is
  // deserialised in the task that receives it (world-parts.ts), and its listeners re-render the
  // page, which takes 15-25 ms. Its listeners hear it in the next task, and messages that come
  // meanwhile wait behind it.
  const backlog: WorkerMessage[] = []
  let backlogTimer: ReturnType<typeof setTimeout> | null = null
  const emitNextInBacklog = (): void => {
    backlogTimer = null
    const next = backlog.shift()
    if (next) emit(next)
    if (backlog.length > 0) backlogTimer = setTimeout(emitNextInBacklog, 0)
  }
  // A `run` command carries its scenario, which postMessage copies in the task that sends it: a
  // 200 x 5,000 world took 10-15 ms of the task that also decides on the run and re-renders the
  // page. Run commands are posted in the next task, and commands sent meanwhile wait behind them.
  const outbox: WorkerCommand[] = []
  const postOutbox = (): void => {
    for (const command of outbox.splice(0)) if (!isDisposed) worker.postMessage(command)
  }
  const deliver = (message: WorkerMessage): void => {
    if (message.type !== 'started' && backlog.length === 0) return emit(message)
    backlog.push(message)
    backlogTimer ??= setTimeout(emitNextInBacklog, 0)
  }
  const lose = (message: string): void => {
    for (const parse of parses.values()) parse.reject(new Error(message))
    parses.clear()
    watchdog.stop()
    openRuns.clear()
    deliver({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message }] })
  }
  const watchdog = createWatchdog({
    limitMs: options.silenceLimitMs ?? WORKER_SILENCE_LIMIT_MS,
    now: options.now ?? (() => performance.now()),
    onSilent(silentMs) {
      // One step of a very large world can keep a live worker silent for longer than the limit:
      // while it still holds its lock it is working, so the wait starts again.
      void isAlive(name)
        .catch(() => false)
        .then((alive) => {
          if (isDisposed || openRuns.size === 0) return
          if (alive) {
            watchdog.heard()
            return
          }
          worker.terminate()
          lose(
            `The simulation worker stopped responding (nothing heard from it for ${Math.round(silentMs / 1000)} s while a run was going) and was shut down.`,
          )
        })
    },
  })
  const worldParts = new WorldParts()
  worker.onmessage = (event: MessageEvent<WireMessage>) => {
    const data = event.data
    if (data.type === 'worldPart') return worldParts.add(data)
    if (data.type === 'parsed') {
      const parse = parses.get(data.requestId)
      parses.delete(data.requestId)
      // The checked scenario (a large world is a megabyte) was deserialised in this task: what
      // the page does with it (applies it, re-renders, starts its run) waits for the next one.
      if (parse) setTimeout(() => parse.resolve(data.result), 0)
      return
    }
    const message: WorkerMessage =
      data.type === 'packedSnapshot'
        ? { type: 'snapshot', runId: data.runId, steps: unpackSteps(data) }
        : data.type === 'packedDone'
          ? unpackDone(data)
          : data.type === 'partedStarted'
            ? worldParts.take(data)
            : data
    if (message.type === 'done' || message.type === 'failed' || message.type === 'cancelled')
      openRuns.delete(message.runId)
    if (openRuns.size > 0) watchdog.heard()
    else watchdog.stop()
    deliver(message)
  }
  worker.onerror = (event: ErrorEvent) => {
    lose(event.message || 'the simulation worker stopped')
  }
  return {
    send(command) {
      if (command.type === 'run') {
        openRuns.add(command.runId)
        // A fresh wait starts with the first open run; later runs keep the one going.
        if (openRuns.size === 1) watchdog.heard()
      }
      if (command.type !== 'run' && outbox.length === 0) return worker.postMessage(command)
      // The first command to wait posts them all.
      if (outbox.push(command) === 1) setTimeout(postOutbox, 0)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    parseScenarioText(text) {
      return new Promise<ParseResult>((resolve, reject) => {
        if (isDisposed) return reject(new Error('the simulation worker was shut down'))
        const requestId = nextParseId++
        parses.set(requestId, { resolve, reject })
        const command: ParseScenarioCommand = { type: 'parseScenario', requestId, text }
        worker.postMessage(command)
      })
    },
    dispose() {
      isDisposed = true
      for (const parse of parses.values())
        parse.reject(new Error('the simulation worker was shut down'))
      parses.clear()
      watchdog.stop()
      listeners.clear()
      backlog.length = 0
      if (backlogTimer !== null) clearTimeout(backlogTimer)
      worker.terminate()
    },
  }
}

/**
 * A client that runs the session in this thread, slice by slice on timers. For tests and for
 * environments without module workers.
 */
export async function createInProcessClient(): Promise<SimulationClient> {
  const { createSession } = await import('./session')
  const listeners = new Set<(message: WorkerMessage) => void>()
  const session = createSession(
    (message) => listeners.forEach((l) => l(message)),
    () => performance.now(),
  )
  let timer: ReturnType<typeof setTimeout> | null = null
  const schedule = (): void => {
    if (timer !== null || !session.hasWork) return
    timer = setTimeout(() => {
      timer = null
      session.runSlice(8)
      schedule()
    }, 0)
  }
  return {
    send(command) {
      session.handle(command)
      schedule()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      if (timer !== null) clearTimeout(timer)
      listeners.clear()
    },
  }
}
