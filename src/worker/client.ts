/**
 * Main-thread front end of the simulation worker: typed send, subscribe and dispose.
 */
import type { WorkerCommand, WorkerMessage } from './protocol'

/** What the store needs from a worker; tests pass an in-process implementation. */
export interface SimulationClient {
  send(command: WorkerCommand): void
  subscribe(listener: (message: WorkerMessage) => void): () => void
  dispose(): void
}

/** Starts the worker and returns its client. */
export function createWorkerClient(): SimulationClient {
  const worker = new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module' })
  const listeners = new Set<(message: WorkerMessage) => void>()
  worker.onmessage = (event: MessageEvent<WorkerMessage>) => {
    for (const listener of listeners) listener(event.data)
  }
  worker.onerror = (event: ErrorEvent) => {
    const message: WorkerMessage = {
      type: 'failed',
      runId: -1,
      errors: [{ path: '(worker)', message: event.message || 'the simulation worker stopped' }],
    }
    for (const listener of listeners) listener(message)
  }
  return {
    send: (command) => worker.postMessage(command),
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    dispose() {
      listeners.clear()
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
