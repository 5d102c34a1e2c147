import { useEffect, useRef, useState } from 'react'
import type { RunState } from '../../store/store'

/** Least time between two chart redraws while a run streams snapshots in. */
export const CHART_REDRAW_MS = 500

/**
 * `run`, but while it streams, changing at most once per `intervalMs`: recharts redraws every
 * chart on each new value, and a redraw per snapshot batch slows the run itself down. A new run
 * shows at once, and so does every run that is no longer running, so the finished data is exact.
 */
export function useThrottledRun(
  run: RunState | null,
  intervalMs: number = CHART_REDRAW_MS,
): RunState | null {
  const [shown, setShown] = useState(run)
  const shownAtRef = useRef(Number.NEGATIVE_INFINITY)
  const isStreaming = run !== null && run.status === 'running'
  const isCurrent = isStreaming && shown !== null && shown.runId === run.runId
  useEffect(() => {
    if (!isStreaming || shown === run) return
    const wait = isCurrent ? shownAtRef.current + intervalMs - Date.now() : 0
    const timer = setTimeout(
      () => {
        shownAtRef.current = Date.now()
        setShown(run)
      },
      Math.max(0, wait),
    )
    return () => clearTimeout(timer)
  }, [run, shown, isStreaming, isCurrent, intervalMs])
  return isCurrent ? shown : run
}
