import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { World } from '../../../src/sim/model'
import type { AppState } from '../../../src/store/store'
import { StepShaping } from '../../../src/ui/map/step-shaping'
import { realRun } from '../../store/run-fixture'

const run = realRun('citizenlab-2020')
const otherWorld = { ...run, world: { ...(run.world as World) } }

/** A state that shows `shown` at step `step` (the fields the shaping reads). */
const stateOf = (shown: typeof run, step: number): AppState =>
  ({
    run: shown,
    compare: null,
    mapRun: 'primary',
    timeMinutes: step * shown.stepMinutes,
    selection: null,
  }) as unknown as AppState

describe('step shaping', () => {
  beforeEach(() => {
    vi.useFakeTimers()
  })
  afterEach(() => {
    vi.useRealTimers()
  })

  it('takes up a new world in the next task, once, with the state of then', async () => {
    const shaping = new StepShaping()
    let current = stateOf(run, 3)
    const taken: AppState[] = []
    const take = (): void => void taken.push(current)
    shaping.whenShaped(current, take, () => current)
    expect(taken).toEqual([])
    // A later state of the same world in the same task waits with it.
    current = stateOf(run, 4)
    shaping.whenShaped(current, take, () => current)
    expect(taken).toEqual([])
    await vi.advanceTimersByTimeAsync(0)
    expect(taken).toEqual([current])
  })

  it("takes up a preset's next step of a world it has seen at once", async () => {
    const shaping = new StepShaping()
    let current = stateOf(run, 3)
    let takes = 0
    shaping.whenShaped(
      current,
      () => takes++,
      () => current,
    )
    await vi.advanceTimersByTimeAsync(0)
    expect(takes).toBe(1)
    current = stateOf(run, 4)
    shaping.whenShaped(
      current,
      () => takes++,
      () => current,
    )
    expect(takes).toBe(2)
    // Another world, though its content is the same, waits again.
    current = stateOf(otherWorld, 4)
    shaping.whenShaped(
      current,
      () => takes++,
      () => current,
    )
    expect(takes).toBe(2)
    await vi.advanceTimersByTimeAsync(0)
    expect(takes).toBe(3)
  })

  it('takes up at once a world the layer took up itself when it was added', () => {
    const shaping = new StepShaping()
    shaping.tookUp(stateOf(run, 3))
    let takes = 0
    shaping.whenShaped(stateOf(run, 4), () => takes++)
    expect(takes).toBe(1)
  })

  it('drops the wait when cancelled, and takes a state without a world at once', async () => {
    const shaping = new StepShaping()
    let takes = 0
    shaping.whenShaped(stateOf(run, 3), () => takes++)
    shaping.cancel()
    await vi.advanceTimersByTimeAsync(0)
    expect(takes).toBe(0)
    shaping.whenShaped({ ...stateOf(run, 0), run: null }, () => takes++)
    expect(takes).toBe(1)
  })
})
