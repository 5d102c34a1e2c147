import { useShallow } from 'zustand/react/shallow'
import type { RunState } from '../../store/store'
import { useAppStore } from '../store-context'

function percentOf(run: RunState | null): number {
  if (!run || run.stepCount === 0) return 0
  return Math.round((100 * run.stepsDone) / run.stepCount)
}

/** Progress of the primary (and compared) run, with Cancel while anything runs. */
export function RunProgress() {
  const { primary, compare, isRunning, status, errors } = useAppStore(
    useShallow((s) => ({
      primary: percentOf(s.run),
      compare: s.compare ? percentOf(s.compare) : null,
      isRunning: s.run?.status === 'running' || s.compare?.status === 'running',
      status: s.run?.status ?? null,
      errors: s.run?.errors ?? [],
    })),
  )
  const cancel = useAppStore((s) => s.cancel)
  const rerun = useAppStore((s) => s.rerun)
  const value = compare === null ? primary : Math.round((primary + compare) / 2)
  return (
    <div className="kr-run">
      {isRunning ? (
        <>
          <div
            role="progressbar"
            aria-label="Simulation progress"
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={value}
            aria-valuetext={`${value}% simulated`}
            className="kr-progress"
          >
            <div className="kr-progress-bar" style={{ width: `${value}%` }} />
          </div>
          <span className="kr-run-text" aria-hidden="true">
            {value}%
          </span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <span className="kr-run-text" role="status">
            {status === 'done'
              ? 'Done'
              : status === 'cancelled'
                ? 'Run cancelled'
                : status === 'failed'
                  ? 'Run failed'
                  : ''}
          </span>
          {(status === 'cancelled' || status === 'failed') && (
            <button type="button" onClick={rerun}>
              Run again
            </button>
          )}
        </>
      )}
      {status === 'failed' && errors.length > 0 && (
        <ul role="alert" className="kr-errors kr-run-errors">
          {errors.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
