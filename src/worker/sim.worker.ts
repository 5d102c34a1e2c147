/// <reference lib="webworker" />
import { parseScenarioText } from '../sim/scenario'
import type {
  ParseScenarioCommand,
  ParsedMessage,
  ReplicationCommand,
  ReplicationMessage,
  WorkerCommand,
  WorkerMessage,
} from './protocol'
import { createReplicationSession } from './replication-session'
import { createSession } from './session'
import { packDone, packSteps, transferablesOf } from './step-codec'
import { partStarted } from './world-parts'

const scope = self as unknown as DedicatedWorkerGlobalScope
// Held until this worker ends, however it ends: the page asks for it to tell a worker busy in one
// long step from a dead one (client.ts).
void navigator.locks?.request(scope.name, () => new Promise<never>(() => {}))
const SLICE_MS = 12
const session = createSession(
  (message: WorkerMessage) => {
    if (message.type === 'started') return partStarted(message).forEach((m) => scope.postMessage(m))
    if (message.type !== 'snapshot' && message.type !== 'done') return scope.postMessage(message)
    const packed =
      message.type === 'done' ? packDone(message) : packSteps(message.runId, message.steps)
    scope.postMessage(packed, transferablesOf(packed))
  },
  () => performance.now(),
)
// The same file serves the replication pool's workers (replication-pool.ts).
const replications = createReplicationSession((message: ReplicationMessage) =>
  scope.postMessage(message),
)
let isScheduled = false

function pump(): void {
  isScheduled = false
  if (session.hasWork) session.runSlice(SLICE_MS)
  else replications.runNext()
  schedule()
}

function schedule(): void {
  if (isScheduled || (!session.hasWork && !replications.hasWork)) return
  isScheduled = true
  // A macrotask between slices lets cancel commands arrive while a run goes on.
  setTimeout(pump, 0)
}

scope.onmessage = (
  event: MessageEvent<WorkerCommand | ReplicationCommand | ParseScenarioCommand>,
) => {
  const command = event.data
  if (command.type === 'parseScenario') {
    const parsed: ParsedMessage = {
      type: 'parsed',
      requestId: command.requestId,
      result: parseScenarioText(command.text),
    }
    scope.postMessage(parsed)
  } else if (command.type === 'replicate' || command.type === 'cancelReplications')
    replications.handle(command)
  else session.handle(command)
  schedule()
}
