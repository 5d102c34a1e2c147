/**
 * A run's world on the wire. The page deserialises a message in the task that receives it, and a
 * `started` message of a world of thousands of cities (the 200x5,000 stress world's is about a
 * megabyte of objects) took 12-34 ms to deserialise there. A large world's cities travel ahead of
 * it in parts, each received in a task of its own, and the page puts the world together again
 * when `started` comes: the store sees the same message as before.
 */
import type { City } from '../sim/model'
import type { FailedMessage, StartedMessage } from './protocol'

/**
 * Cities per part: each part's task deserialises a twentieth of the 200x5,000 world's. Parts of
 * 1,000 took 17 to 27 ms each to deserialise on the page (timed around the handler's first read
 * of the message's data), enough for a scavenge landing in one to make a task of over 50 ms.
 */
export const CITIES_PER_PART = 250

/** Some of a run's cities, in order; the parts of a run come before its `partedStarted`. */
export interface WorldPartMessage {
  readonly type: 'worldPart'
  readonly runId: number
  readonly cities: readonly City[]
}

/** A `started` message whose world's cities came ahead of it in `parts` parts. */
export interface PartedStartedMessage extends Omit<StartedMessage, 'type'> {
  readonly type: 'partedStarted'
  readonly parts: number
}

/**
 * The messages to post for `message`, in order: the message itself for a world of at most
 * {@link CITIES_PER_PART} cities, else its cities' parts and then the message without them.
 */
export function partStarted(
  message: StartedMessage,
): Array<StartedMessage | WorldPartMessage | PartedStartedMessage> {
  const { cities } = message.world
  if (cities.length <= CITIES_PER_PART) return [message]
  const parts: WorldPartMessage[] = []
  for (let at = 0; at < cities.length; at += CITIES_PER_PART)
    parts.push({
      type: 'worldPart',
      runId: message.runId,
      cities: cities.slice(at, at + CITIES_PER_PART),
    })
  return [
    ...parts,
    {
      ...message,
      type: 'partedStarted',
      world: { ...message.world, cities: [] },
      parts: parts.length,
    },
  ]
}

/** Gathers the parts of each run's world until its `partedStarted` comes. */
export class WorldParts {
  private readonly partsOfRun = new Map<number, Array<readonly City[]>>()

  add(part: WorldPartMessage): void {
    const parts = this.partsOfRun.get(part.runId)
    if (parts) parts.push(part.cities)
    else this.partsOfRun.set(part.runId, [part.cities])
  }

  /**
   * The `started` message as the worker made it, its world's cities put back; `failed` for the
   * run if any part is missing (the worker posts them all, in order, in the task that posts it).
   */
  take(message: PartedStartedMessage): StartedMessage | FailedMessage {
    const parts = this.partsOfRun.get(message.runId) ?? []
    this.partsOfRun.delete(message.runId)
    if (parts.length !== message.parts) {
      const got = `${parts.length} of its ${message.parts} parts`
      const error = `The run's world reached the page incomplete (${got} of cities came).`
      return {
        type: 'failed',
        runId: message.runId,
        errors: [{ path: '(worker)', message: error }],
      }
    }
    const { parts: _parts, ...started } = message
    return { ...started, type: 'started', world: { ...message.world, cities: parts.flat() } }
  }
}
