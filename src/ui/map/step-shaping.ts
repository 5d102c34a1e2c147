/**
 * Holds the flow layer's update for a new step until the step's key paths are shaped: at 60,000
 * paths, shaping those met for the first time took a third of a second inside the store update
 * that brought the step (arc-geometries.ts shapes them in slices instead), and building their
 * arcs 15-30 ms more (arc-builder.ts builds them in slices too). A step with few paths not
 * shaped yet (in a preset, every step after the first few) is taken up at once. A new world is
 * taken up in the task after the one that brought it: the page renders for it there (15-25 ms
 * for the 200x5,000 stress world), and the layer's tables of that world's cities took 3-9 ms
 * more in the same task.
 */
import type { StepRecord, World } from '../../sim/model'
import { selectMapRun } from '../../store/selectors'
import type { AppState } from '../../store/store'
import { shapeStep } from './arc-geometries'
import { selectArcInputs, selectMapStep } from './draw-list'
import { prepareArcs } from './arc-builder'

/** The shaping under way for the layer, if any. */
export class StepShaping {
  private stop: (() => void) | null = null
  private step: StepRecord | null = null
  private world: World | null = null
  // Whether the wait under way is for the task after a new world's.
  private isNewWorld = false

  /**
   * Calls `take` now, or once the pairs of the step `state` shows are shaped and, for a large
   * step, its arcs built in slices from the state `current` gives then (see `prepareArcs`).
   * While one step is being made ready, later states of the same step wait for it (`take` reads
   * the store then). A new world waits for the next task, with every state of it meanwhile.
   */
  whenShaped(state: AppState, take: () => void, current: () => AppState = () => state): void {
    const world = selectMapRun(state)?.world ?? null
    const step = selectMapStep(state)
    if (this.stop && world === this.world && (step === this.step || this.isNewWorld)) return
    this.cancel()
    if (world && world !== this.world) {
      this.world = world
      this.isNewWorld = true
      const timer = setTimeout(() => {
        this.stop = null
        this.isNewWorld = false
        this.whenShaped(current(), take, current)
      }, 0)
      this.stop = () => clearTimeout(timer)
      return
    }
    this.world = world
    if (!world || !step) {
      take()
      return
    }
    let isDone = false
    let stopPreparing: (() => void) | null = null
    const stopShaping = shapeStep(world, step, () => {
      stopPreparing = prepareArcs(selectArcInputs(current()), () => {
        isDone = true
        this.stop = null
        take()
      })
    })
    if (!isDone) {
      this.stop = () => {
        stopShaping()
        stopPreparing?.()
      }
      this.step = step
    }
  }

  /** The layer took up `state` itself (when it was added): that state's world is not new. */
  tookUp(state: AppState): void {
    this.world = selectMapRun(state)?.world ?? null
  }

  /** Drops the shaping under way; its `take` is not called. */
  cancel(): void {
    this.stop?.()
    this.stop = null
    this.step = null
    this.isNewWorld = false
  }
}
