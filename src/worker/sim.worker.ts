/// <reference lib="webworker" />
import type { WorkerCommand, WorkerMessage } from './protocol'
import { createSession } from './session'

const scope = self as unknown as DedicatedWorkerGlobalScope
// Held until this worker ends, however it ends: the page asks for it to tell a worker busy in one
// long step from a dead one (client.ts).
void navigator.locks?.request(scope.name, () => new Promise<never>(() => {}))
const SLICE_MS = 12
const session = createSession(
  (message: WorkerMessage) => scope.postMessage(message),
  () => performance.now(),
)
let isScheduled = false

function pump(): void {
  isScheduled = false
  session.runSlice(SLICE_MS)
  schedule()
}

function schedule(): void {
  if (isScheduled || !session.hasWork) return
  isScheduled = true
  // A macrotask between slices lets cancel commands arrive while a run goes on.
  setTimeout(pump, 0)
}

scope.onmessage = (event: MessageEvent<WorkerCommand>) => {
  session.handle(event.data)
  schedule()
}
