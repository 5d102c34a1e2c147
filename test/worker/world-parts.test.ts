import { describe, expect, it } from 'vitest'
import type { City } from '../../src/sim/model'
import type { StartedMessage } from '../../src/worker/protocol'
import { createSession } from '../../src/worker/session'
import { CITIES_PER_PART, WorldParts, partStarted } from '../../src/worker/world-parts'
import { PRESETS } from '../../src/sim/presets/scenarios'

/** The `started` message of the Citizen Lab preset's world with its cities copied until there are `count`. */
function startedWith(count: number, runId = 1): StartedMessage {
  const session: StartedMessage[] = []
  const scenario = PRESETS['citizenlab-2020']
  createSession(
    (m) => m.type === 'started' && session.push(m),
    () => 0,
  ).handle({
    type: 'run',
    runId,
    scenario,
  })
  const started = session[0] as StartedMessage
  const cities = Array.from({ length: count }, (_, i): City => {
    const city = started.world.cities[i % started.world.cities.length] as City
    return { ...city, id: `${city.id}-${i}` }
  })
  return { ...started, world: { ...started.world, cities } }
}

/** What the page gets: each message cloned as postMessage would. */
const overTheWire = <T>(messages: readonly T[]): T[] => messages.map((m) => structuredClone(m))

describe('world parts', () => {
  it('posts the started message of a world of at most a part of cities as it is', () => {
    const started = startedWith(CITIES_PER_PART)
    expect(partStarted(started)).toEqual([started])
  })

  it("sends a large world's cities ahead in parts, in order, and the page gets the same message", () => {
    const rest = Math.floor(CITIES_PER_PART / 3)
    const started = startedWith(2 * CITIES_PER_PART + rest, 7)
    const posted = overTheWire(partStarted(started))
    expect(posted.map((m) => m.type)).toEqual([
      'worldPart',
      'worldPart',
      'worldPart',
      'partedStarted',
    ])
    expect(posted.map((m) => ('cities' in m ? m.cities.length : m.world.cities.length))).toEqual([
      CITIES_PER_PART,
      CITIES_PER_PART,
      rest,
      0,
    ])
    const parts = new WorldParts()
    for (const m of posted) if (m.type === 'worldPart') parts.add(m)
    const last = posted.at(-1)
    if (last?.type !== 'partedStarted') throw new Error('no partedStarted')
    expect(parts.take(last)).toEqual(started)
  })

  it('keeps the parts of two runs apart and forgets a run once its message came', () => {
    const [a, b] = [startedWith(1.5 * CITIES_PER_PART, 1), startedWith(2.5 * CITIES_PER_PART, 2)]
    const parts = new WorldParts()
    const [postedA, postedB] = [overTheWire(partStarted(a)), overTheWire(partStarted(b))]
    for (const m of [...postedA, ...postedB]) if (m.type === 'worldPart') parts.add(m)
    const lastOf = (posted: typeof postedA) => {
      const last = posted.at(-1)
      if (last?.type !== 'partedStarted') throw new Error('no partedStarted')
      return last
    }
    expect(parts.take(lastOf(postedB))).toEqual(b)
    expect(parts.take(lastOf(postedA))).toEqual(a)
    const again = parts.take(lastOf(postedA))
    expect(again).toEqual({
      type: 'failed',
      runId: 1,
      errors: [
        {
          path: '(worker)',
          message: "The run's world reached the page incomplete (0 of its 2 parts of cities came).",
        },
      ],
    })
  })
})
