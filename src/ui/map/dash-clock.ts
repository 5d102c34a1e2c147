/**
 * The clock of the moving dashes over concern arcs: one rAF loop that redraws the flow layer's
 * top canvas about 30 times a second while there are dashes to move, the page is visible and
 * the reader has not asked for reduced motion (then the dashes stand still). Where the dash
 * worker moves them (dash-off-thread.ts), the clock runs no loop and only says when they move.
 */
import { DASH_PERIOD_PX } from './top-draw'

const DASH_SPEED_PX_PER_MS = 0.03
/**
 * Milliseconds between two drawings of the dashes. Software-rastered canvases (no GPU on many
 * briefing laptops) cannot afford to re-stroke hundreds of dashed arcs every 16 ms; 30 updates
 * a second still reads as smooth motion.
 */
export const DASH_FRAME_MS = 30

/** The dashes' offset at `nowMs` on any millisecond clock: still under reduced motion. */
export const dashOffsetAt = (nowMs: number, isReducedMotion: boolean): number =>
  isReducedMotion ? 0 : -((nowMs * DASH_SPEED_PX_PER_MS) % DASH_PERIOD_PX)

/** Told whether the dashes move, and whether the reader asked for reduced motion. */
export type OnMotion = (isMoving: boolean, isReducedMotion: boolean) => void

const reducedMotionQuery = (): MediaQueryList | null =>
  typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia('(prefers-reduced-motion: reduce)')
    : null

/** Runs `draw` on animation frames while `hasDashes()` and motion is welcome. */
export class DashClock {
  private rafId = 0
  private lastDrawMs = -Infinity
  private motionQuery: MediaQueryList | null = null
  private isReducedMotion = false
  private onMotion: OnMotion | null = null
  private isHeld = false
  private told: string | null = null

  constructor(
    private readonly draw: (nowMs: number) => void,
    private readonly hasDashes: () => boolean,
  ) {}

  /** Follows the reader's motion preference and the page's visibility. */
  attach(): void {
    this.motionQuery = reducedMotionQuery()
    this.isReducedMotion = this.motionQuery?.matches ?? false
    this.motionQuery?.addEventListener('change', this.onMotionChange)
    document.addEventListener('visibilitychange', this.onVisibility)
  }

  detach(): void {
    this.stop()
    this.motionQuery?.removeEventListener('change', this.onMotionChange)
    document.removeEventListener('visibilitychange', this.onVisibility)
  }

  /** The dash offset at `nowMs`: still under reduced motion. */
  dashOffset(nowMs: number): number {
    return dashOffsetAt(nowMs, this.isReducedMotion)
  }

  /**
   * Hands the motion to another drawer (null: back to this clock's loop): the loop stops, and
   * `onMotion` hears now and at every change whether the dashes move.
   */
  moveElsewhere(onMotion: OnMotion | null): void {
    this.onMotion = onMotion
    this.told = null
    this.sync()
  }

  /** Whether a frame draws now (true while the loop runs). */
  get isRunning(): boolean {
    return this.rafId !== 0
  }

  /**
   * Holds the dashes still (while the map is dragged or zoomed: on two cores, their drawing
   * took frames from the move) or lets them move again.
   */
  hold(isHeld: boolean): void {
    if (isHeld === this.isHeld) return
    this.isHeld = isHeld
    this.sync()
  }

  /** Starts or stops the loop after what it depends on changed. */
  sync(): void {
    if (this.onMotion) {
      this.stop()
      const isMoving = this.shouldRun()
      const state = `${isMoving} ${this.isReducedMotion}`
      if (state !== this.told) this.onMotion(isMoving, this.isReducedMotion)
      this.told = state
      return
    }
    if (this.shouldRun()) {
      if (this.rafId === 0) this.rafId = requestAnimationFrame(this.tick)
    } else this.stop()
  }

  stop(): void {
    if (this.rafId !== 0 && typeof cancelAnimationFrame === 'function')
      cancelAnimationFrame(this.rafId)
    this.rafId = 0
  }

  private shouldRun(): boolean {
    return (
      this.hasDashes() &&
      !this.isHeld &&
      !this.isReducedMotion &&
      !(typeof document !== 'undefined' && document.hidden) &&
      typeof requestAnimationFrame === 'function'
    )
  }

  private readonly tick = (nowMs: number): void => {
    this.rafId = 0
    if (nowMs - this.lastDrawMs >= DASH_FRAME_MS) {
      this.lastDrawMs = nowMs
      this.draw(nowMs)
    }
    if (this.shouldRun()) this.rafId = requestAnimationFrame(this.tick)
  }

  private readonly onMotionChange = (e: MediaQueryListEvent): void => {
    this.isReducedMotion = e.matches
    this.draw(performance.now())
    this.sync()
  }

  private readonly onVisibility = (): void => this.sync()
}
