/**
 * One worker thread of the replication pool: runs the replications it is sent, one at a time,
 * and answers each with its summary. The pool sends a thread the resolved scenario (structured
 * clone) only when it differs from the last one it sent that thread, so the thread neither
 * validates nor resolves a scenario and keeps just the last one.
 */
import { parentPort } from 'node:worker_threads'
import { runReplication } from '../sim/replication-run'
import type { ResolvedScenario } from '../sim/scenario'
import type { PoolAnswer, PoolJobMessage } from './replication-pool'

let lastKey = -1
let lastResolved: ResolvedScenario | null = null

function resolvedOf(message: PoolJobMessage): ResolvedScenario {
  if (message.resolved !== undefined) {
    lastKey = message.scenarioKey
    lastResolved = message.resolved
  }
  if (lastResolved === null || lastKey !== message.scenarioKey)
    throw new Error(`scenario ${message.scenarioKey} was never sent to this thread`)
  return lastResolved
}

parentPort?.on('message', (message: PoolJobMessage) => {
  let answer: PoolAnswer
  try {
    answer = { job: message.job, summary: runReplication(resolvedOf(message), message.task) }
  } catch (error) {
    answer = { job: message.job, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(answer)
})
