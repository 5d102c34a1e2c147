/**
 * A simulation client for component tests: the real worker session, driven by hand. Commands
 * are recorded; `drain()` runs every open run to the end and `step()` advances them a little,
 * so a test can look at the UI while a run is still in progress.
 */
import type { SimulationClient } from '../../src/worker/client'
import type { WorkerCommand, WorkerMessage } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'

export interface SyncClient extends SimulationClient {
  readonly sent: WorkerCommand[]
  /** Runs all open runs to completion. */
  drain(): void
  /** Runs one slice of roughly `steps` steps of the next open run. */
  step(steps?: number): void
  /** Delivers a message as if the worker had sent it (a crash, a late progress report). */
  emit(message: WorkerMessage): void
}

export function createSyncClient(): SyncClient {
  const listeners = new Set<(message: WorkerMessage) => void>()
  const sent: WorkerCommand[] = []
  let clock = 0
  // The session's slice ends when the clock passes the budget: one tick per step read.
  const session = createSession(
    (message) => listeners.forEach((l) => l(message)),
    () => clock++,
    // Driven by hand: every slice posts what it ran.
    0,
  )
  return {
    sent,
    send(command) {
      sent.push(command)
      session.handle(command)
    },
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      listeners.clear()
    },
    drain() {
      while (session.hasWork) session.runSlice(Infinity)
    },
    emit(message) {
      listeners.forEach((l) => l(message))
    },
    step(steps = 5) {
      if (session.hasWork) session.runSlice(steps)
    },
  }
}
