import { useEffect, useRef, useState } from 'react'
import type { RunState } from '../../store/store'

/** Least time between two chart redraws while a run streams snapshots in. */
export const CHART_REDRAW_MS = 500

const NEVER_URGENT = (): boolean => false

/**
 * `value`, but changing at most once per `intervalMs` (the latest value wins). A value for which
 * `isUrgentOver(value, shown)` holds passes through at once, and later changes are timed from it.
 */
export function useThrottled<T>(
  value: T,
  intervalMs: number,
  isUrgentOver: (value: T, shown: T) => boolean = NEVER_URGENT,
): T {
  const [shown, setShown] = useState(value)
  const shownAtRef = useRef(Number.NEGATIVE_INFINITY)
  const isUrgent = isUrgentOver(value, shown)
  useEffect(() => {
    if (Object.is(shown, value)) return
    const wait = isUrgent ? 0 : shownAtRef.current + intervalMs - Date.now()
    const timer = setTimeout(
      () => {
        shownAtRef.current = Date.now()
        setShown(value)
      },
      Math.max(0, wait),
    )
    return () => clearTimeout(timer)
  }, [value, shown, isUrgent, intervalMs])
  return isUrgent ? value : shown
}

/**
 * `run`, but while it streams, changing at most once per `intervalMs`: recharts redraws every
 * chart on each new value, and a redraw per snapshot batch slows the run itself down. A new run
 * shows at once, and so does every run that is no longer running, so the finished data is exact.
 */
export function useThrottledRun(
  run: RunState | null,
  intervalMs: number = CHART_REDRAW_MS,
): RunState | null {
  return useThrottled(run, intervalMs, isNotStreamingOver)
}

// A run shows at once unless it streams on from the one shown.
const isNotStreamingOver = (run: RunState | null, shown: RunState | null): boolean =>
  run === null || run.status !== 'running' || shown === null || shown.runId !== run.runId
