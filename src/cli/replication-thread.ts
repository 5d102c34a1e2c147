/**
 * One worker thread of the replication pool: runs the replications it is sent, one at a time,
 * and answers each with its summary. Keeps the last scenario it resolved, since a pool sends the
 * same scenario many times.
 */
import { parentPort } from 'node:worker_threads'
import { runReplication } from '../sim/replications'
import { parseScenario, resolveScenario } from '../sim/scenario'
import type { ResolvedScenario } from '../sim/scenario'
import type { PoolAnswer, PoolJobMessage } from './replication-pool'

let lastText = ''
let lastResolved: ResolvedScenario | null = null

function resolvedOf(text: string): ResolvedScenario {
  if (text !== lastText || lastResolved === null) {
    const parsed = parseScenario(JSON.parse(text))
    if (!parsed.ok) throw new Error(`invalid scenario: ${parsed.errors[0]?.message ?? ''}`)
    lastResolved = resolveScenario(parsed.scenario)
    lastText = text
  }
  return lastResolved
}

parentPort?.on('message', (message: PoolJobMessage) => {
  let answer: PoolAnswer
  try {
    answer = {
      job: message.job,
      summary: runReplication(resolvedOf(message.scenarioText), message.task),
    }
  } catch (error) {
    answer = { job: message.job, error: error instanceof Error ? error.message : String(error) }
  }
  parentPort?.postMessage(answer)
})
