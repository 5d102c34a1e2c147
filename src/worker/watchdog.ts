/**
 * Notices a worker that went silent. The clock only counts while this thread is free to hear:
 * a tick that comes late (the main thread was busy, or the tab was in the background) may have
 * messages queued behind it, so the wait starts again instead of failing a live run.
 */

/** What {@link createWatchdog} needs. */
export interface WatchdogOptions {
  /** Silence, in ms, after which `onSilent` is called (raised to 3x the longest gap seen). */
  readonly limitMs: number
  readonly now: () => number
  readonly onSilent: (silentMs: number) => void
}

/** A running wait: `heard` whenever the worker speaks, `stop` when nothing is expected. */
export interface Watchdog {
  heard(): void
  stop(): void
}

/** How many ticks make up the limit; a tick more than two periods apart counts as late. */
const TICKS_PER_LIMIT = 5

export function createWatchdog({ limitMs, now, onSilent }: WatchdogOptions): Watchdog {
  const tickMs = limitMs / TICKS_PER_LIMIT
  let timer: ReturnType<typeof setInterval> | null = null
  let lastHeard = 0
  let lastTick = 0
  // A slow machine or a large world can make one slice long: allow a few times the worst seen.
  let longestGapMs = 0

  const stop = (): void => {
    if (timer !== null) clearInterval(timer)
    timer = null
  }
  const tick = (): void => {
    const t = now()
    if (t - lastTick > 2 * tickMs) lastHeard = t
    lastTick = t
    const silentMs = t - lastHeard
    if (silentMs >= Math.max(limitMs, 3 * longestGapMs)) {
      stop()
      onSilent(silentMs)
    }
  }
  return {
    heard() {
      const t = now()
      if (timer === null) {
        lastTick = t
        timer = setInterval(tick, tickMs)
      } else longestGapMs = Math.max(longestGapMs, t - lastHeard)
      lastHeard = t
    },
    stop,
  }
}
