/**
 * A pool worker's replication logic as a plain object, like session.ts for single runs: it
 * validates a set's scenario once, queues the set's tasks and runs one whole replication per
 * `runNext`, posting its summary. No Worker, no timers: the entry file schedules, tests call it.
 */
import { runReplication } from '../sim/replication-run'
import type { ReplicationTask } from '../sim/replications'
import { parseScenario, resolveScenario } from '../sim/scenario'
import type { ResolvedScenario } from '../sim/scenario'
import type { ReplicationCommand, ReplicationMessage } from './protocol'

/** A replication session: feed it commands, call `runNext` while `hasWork`. */
export interface ReplicationSession {
  handle(command: ReplicationCommand): void
  /** Runs the next queued replication to its end and posts its summary (or the set's failure). */
  runNext(): void
  readonly hasWork: boolean
}

interface QueuedTask {
  readonly setId: number
  readonly resolved: ResolvedScenario
  readonly task: ReplicationTask
}

/** Creates a replication session that posts messages with `post`. */
export function createReplicationSession(
  post: (message: ReplicationMessage) => void,
): ReplicationSession {
  const queue: QueuedTask[] = []
  // The pool sends a set's scenario with each task: it is validated once per set.
  let last: { readonly setId: number; readonly resolved: ResolvedScenario } | null = null
  const done = new Map<number, { done: number; total: number }>()

  const fail = (setId: number, message: string): void => {
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]?.setId === setId) queue.splice(i, 1)
    done.delete(setId)
    post({ type: 'replicationsFailed', setId, message })
  }

  const resolve = (setId: number, scenario: unknown): ResolvedScenario | null => {
    if (last?.setId === setId) return last.resolved
    const parsed = parseScenario(scenario)
    if (!parsed.ok) {
      const first = parsed.errors[0]
      fail(setId, `The scenario is not valid: ${first ? `${first.path}: ${first.message}` : ''}`)
      return null
    }
    try {
      last = { setId, resolved: resolveScenario(parsed.scenario) }
      return last.resolved
    } catch (error) {
      fail(setId, `The scenario could not be resolved: ${messageOf(error)}`)
      return null
    }
  }

  return {
    handle(command) {
      if (command.type === 'cancelReplications') {
        for (let i = queue.length - 1; i >= 0; i--)
          if (queue[i]?.setId === command.setId) queue.splice(i, 1)
        done.delete(command.setId)
        return
      }
      const resolved = resolve(command.setId, command.scenario)
      if (!resolved) return
      const count = done.get(command.setId) ?? { done: 0, total: 0 }
      count.total += command.tasks.length
      done.set(command.setId, count)
      for (const task of command.tasks) queue.push({ setId: command.setId, resolved, task })
    },
    runNext() {
      const next = queue.shift()
      if (!next) return
      const { setId, resolved, task } = next
      try {
        const summary = runReplication(resolved, task)
        const count = done.get(setId) ?? { done: 0, total: 1 }
        count.done += 1
        post({ type: 'replicated', setId, summary, done: count.done, total: count.total })
        if (count.done === count.total) done.delete(setId)
      } catch (error) {
        fail(setId, `Replication ${task.index + 1} (seed ${task.seed}) failed: ${messageOf(error)}`)
      }
    },
    get hasWork() {
      return queue.length > 0
    },
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
