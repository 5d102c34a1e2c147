import type { WorkerLike } from '../../src/worker/client'
import type { ReplicationCommand, ReplicationMessage } from '../../src/worker/protocol'
import { createReplicationSession } from '../../src/worker/replication-session'

/**
 * A pool worker in this thread: the real replication session, one replication per timer tick
 * `delayMs` after a command, until it is killed (then it hears and says nothing, like a worker
 * that was terminated or ran out of memory).
 */
export function fakePoolWorker(delayMs = 0) {
  let isDead = false
  let terminated = 0
  const received: ReplicationCommand[] = []
  const session = createReplicationSession((message) => {
    if (!isDead)
      worker.onmessage?.call(
        worker as Worker,
        { data: message } as MessageEvent<ReplicationMessage>,
      )
  })
  const pump = (): void => {
    if (isDead || !session.hasWork) return
    session.runNext()
    setTimeout(pump, delayMs)
  }
  const worker: WorkerLike = {
    onmessage: null,
    onerror: null,
    postMessage(command: ReplicationCommand) {
      if (isDead) return
      received.push(command)
      session.handle(command)
      setTimeout(pump, delayMs)
    },
    terminate() {
      terminated++
      isDead = true
    },
  }
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
