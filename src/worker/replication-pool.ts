/**
 * The replication pool: a few simulation workers (one per core but one, at least one) that run
 * the replications of a set one task per worker at a time, so a fast worker takes more tasks.
 * Each finished replication streams as `replicated`; when all have, `replicationsDone`. The store
 * combines the summaries (combineReplications sorts by index), so the set is the same whatever
 * the worker count or the finishing order.
 *
 * Usage: `const pool = createReplicationPool()`, `pool.subscribe(listener)`, then
 * `pool.send({ type: 'replicate', setId, scenario, tasks })` and, to drop a stale set,
 * `pool.send({ type: 'cancelReplications', setId })`. Workers start on the first set.
 *
 * A replication runs whole in its worker (a few tenths of a second for a preset), so a cancelled
 * set's running tasks finish and are ignored. A worker that errs, or is silent past the limit
 * without holding its Web Lock (see client.ts), is ended and fails the sets it was running.
 */
import { holdsItsLock } from './client'
import type { WorkerLike } from './client'
import { WORKER_SILENCE_LIMIT_MS } from './protocol'
import type { ReplicateCommand, ReplicationCommand, ReplicationMessage } from './protocol'
import { startWorker } from './start-worker'
import { createWatchdog } from './watchdog'
import { poolSize } from './pool-size'
import type { Watchdog } from './watchdog'
import type { ReplicationTask } from '../sim/replications'

/** What the store needs from the pool; tests pass one built on in-process fakes. */
export interface ReplicationClient {
  send(command: ReplicationCommand): void
  subscribe(listener: (message: ReplicationMessage) => void): () => void
  /** How many workers the pool runs at most. */
  readonly size: number
  dispose(): void
}

/** Options of {@link createReplicationPool}; the defaults serve the app. */
export interface ReplicationPoolOptions {
  /** Workers at most (defaults to {@link poolSize}). */
  readonly size?: number
  readonly createWorker?: (name: string) => WorkerLike
  readonly isAlive?: (name: string) => Promise<boolean>
  readonly silenceLimitMs?: number
  readonly now?: () => number
}

interface Slot {
  readonly name: string
  readonly worker: WorkerLike
  readonly watchdog: Watchdog
  /** The set whose task it runs, or null when idle. */
  setId: number | null
}

interface OpenSet {
  readonly scenario: unknown
  readonly waiting: ReplicationTask[]
  readonly total: number
  done: number
}

const NO_WORKER =
  'Replications need Web Workers, and this browser did not start one; the single run is unaffected.'

let poolCount = 0

/** Creates the pool; it starts no worker until a set arrives. */
export function createReplicationPool(options: ReplicationPoolOptions = {}): ReplicationClient {
  poolCount += 1
  const size = Math.max(1, options.size ?? poolSize())
  const create = options.createWorker ?? startWorker
  const isAlive = options.isAlive ?? holdsItsLock
  const now = options.now ?? (() => performance.now())
  const listeners = new Set<(message: ReplicationMessage) => void>()
  const slots: Slot[] = []
  // Sets in the order they came: free workers take the oldest set's next task.
  const sets = new Map<number, OpenSet>()
  let workerCount = 0
  let isDisposed = false

  const emit = (message: ReplicationMessage): void => {
    for (const listener of listeners) listener(message)
  }
  const failSet = (setId: number, message: string): void => {
    if (!sets.delete(setId)) return
    emit({ type: 'replicationsFailed', setId, message })
  }
  const lose = (slot: Slot, message: string): void => {
    slot.watchdog.stop()
    slot.worker.terminate()
    slots.splice(slots.indexOf(slot), 1)
    if (slot.setId !== null) failSet(slot.setId, message)
    dispatch()
  }

  const startSlot = (): Slot => {
    workerCount += 1
    const name = `keyroute-replications-${poolCount}-${workerCount}-${Math.random().toString(36).slice(2)}`
    const worker = create(name)
    const slot: Slot = {
      name,
      worker,
      setId: null,
      watchdog: createWatchdog({
        limitMs: options.silenceLimitMs ?? WORKER_SILENCE_LIMIT_MS,
        now,
        onSilent(silentMs) {
          // A replication of a large world keeps a live worker silent: its lock tells.
          void isAlive(name)
            .catch(() => false)
            .then((alive) => {
              if (isDisposed || slot.setId === null || !slots.includes(slot)) return
              if (alive) return slot.watchdog.heard()
              lose(
                slot,
                `A replication worker stopped responding (nothing heard from it for ${Math.round(silentMs / 1000)} s) and was shut down; the replications were stopped.`,
              )
            })
        },
      }),
    }
    worker.onmessage = (event: MessageEvent<ReplicationMessage>) => answer(slot, event.data)
    worker.onerror = (event: ErrorEvent) => {
      lose(
        slot,
        `A replication worker stopped (${event.message || 'no reason given'}); the replications were stopped.`,
      )
    }
    slots.push(slot)
    return slot
  }

  const answer = (slot: Slot, message: ReplicationMessage): void => {
    if (!slots.includes(slot)) return
    const setId = slot.setId
    slot.setId = null
    slot.watchdog.stop()
    const set = setId === null ? undefined : sets.get(setId)
    if (set && setId === message.setId) {
      if (message.type === 'replicationsFailed') failSet(setId, message.message)
      else if (message.type === 'replicated') {
        set.done += 1
        emit({ ...message, done: set.done, total: set.total })
        if (set.done === set.total) {
          sets.delete(setId)
          emit({ type: 'replicationsDone', setId, total: set.total })
        }
      }
    }
    dispatch()
  }

  // A browser that cannot start module workers gets a sentence, not an exception in the store.
  const tryStart = (): Slot | 'failed' | null => {
    try {
      return startSlot()
    } catch {
      return slots.length > 0 ? null : 'failed'
    }
  }

  const dispatch = (): void => {
    if (isDisposed) return
    for (const [setId, set] of sets) {
      while (set.waiting.length > 0) {
        const slot =
          slots.find((s) => s.setId === null) ?? (slots.length < size ? tryStart() : null)
        if (slot === 'failed') return (failSet(setId, NO_WORKER), dispatch())
        if (!slot) return
        const task = set.waiting.shift() as ReplicationTask
        slot.setId = setId
        slot.watchdog.heard()
        const command: ReplicateCommand = {
          type: 'replicate',
          setId,
          scenario: set.scenario,
          tasks: [task],
        }
        slot.worker.postMessage(command)
      }
    }
  }

  return {
    size,
    send(command) {
      if (command.type === 'cancelReplications') {
        sets.delete(command.setId)
        return
      }
      if (command.tasks.length === 0) {
        emit({ type: 'replicationsDone', setId: command.setId, total: 0 })
        return
      }
      sets.set(command.setId, {
        scenario: command.scenario,
        waiting: [...command.tasks],
        total: command.tasks.length,
        done: 0,
      })
      dispatch()
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      isDisposed = true
      listeners.clear()
      sets.clear()
      for (const slot of slots.splice(0)) {
        slot.watchdog.stop()
        slot.worker.terminate()
      }
    },
  }
}
