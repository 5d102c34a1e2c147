import { useShallow } from 'zustand/react/shallow'
import type { ScenarioError } from '../../sim/scenario'
import type { RunState } from '../../store/store'
import { formatCount } from '../panels/format'
import { useAppStore } from '../store-context'
import { RunConfirm, RunEstimateText } from './run-estimate'
import './controls.css'

// A selector that fell back to a fresh `[]` would hand useShallow a new array on every call.
const NO_ERRORS: readonly ScenarioError[] = []

function percentOf(stepsDone: number, stepCount: number): number {
  if (stepCount === 0) return 0
  return Math.round((100 * Math.min(stepsDone, stepCount)) / stepCount)
}

/** What a finished run covered: "9 days, 155,437 meetings" (a comparison has the same meetings). */
export function doneText(days: number, meetings: number): string {
  const d = Number.isInteger(days) ? String(days) : days.toFixed(1)
  return `${d} ${days === 1 ? 'day' : 'days'}, ${formatCount(meetings)} meetings`
}

type Shown = Pick<RunState, 'status' | 'errors'> | null

/**
 * What the runs on screen came to, together: a compared run that failed or was cancelled counts
 * as much as the primary one (a primary run kept from before may be done while its comparison
 * failed), so the line never says both runs are done when one is not. Errors are the failed run's.
 */
function outcomeOf(run: Shown, compare: Shown): Shown {
  if (!run) return null
  const failed = [run, compare].find((r) => r?.status === 'failed')
  if (failed) return failed
  return compare?.status === 'cancelled' ? compare : run
}

/** Progress of the primary (and compared) run, with Cancel while anything runs. */
export function RunProgress() {
  const {
    primary,
    compare,
    isRunning,
    status,
    hash,
    errors,
    isWorkerLost,
    done,
    isComparing,
    isAsking,
  } = useAppStore(
    useShallow((s) => ({
      primary: percentOf(s.progress.run, s.run?.stepCount ?? 0),
      compare: s.compare ? percentOf(s.progress.compare, s.compare.stepCount) : null,
      isRunning: s.run?.status === 'running' || s.compare?.status === 'running',
      status: outcomeOf(s.run, s.compare)?.status ?? null,
      hash: s.run?.hash ?? '',
      errors: outcomeOf(s.run, s.compare)?.errors ?? NO_ERRORS,
      isWorkerLost: s.isWorkerLost,
      done: s.run?.summary ? doneText(s.run.summary.days, s.run.summary.totals.meetings) : '',
      isComparing: s.compare !== null,
      isAsking: s.isAwaitingConfirm,
    })),
  )
  const cancel = useAppStore((s) => s.cancel)
  const rerun = useAppStore((s) => s.rerun)
  const clearSiteOverrides = useAppStore((s) => s.clearSiteOverrides)
  const hasSiteChanges = useAppStore((s) => Object.keys(s.siteOverrides).length > 0)
  const value = compare === null ? primary : Math.round((primary + compare) / 2)
  // For scripts and browser tests: 'done' only once every run (the comparison too) has finished.
  const runStatus = isRunning ? 'running' : (status ?? 'idle')
  return (
    <div className="kr-run" data-run-status={runStatus} data-run-hash={hash}>
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
          <RunEstimateText />
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </>
      ) : (
        <>
          <span className="kr-run-text" role="status">
            {status === 'done'
              ? `${isComparing ? 'Both runs' : 'Run'} done: ${done}`
              : status === 'cancelled'
                ? 'Run cancelled'
                : status === 'failed'
                  ? isWorkerLost
                    ? 'The simulation stopped'
                    : 'Run failed'
                  : isAsking
                    ? ''
                    : 'Run not started'}
          </span>
          {(status === 'cancelled' || status === 'failed' || (status === null && !isAsking)) && (
            <button type="button" onClick={rerun}>
              {status === null ? 'Start the run' : 'Run again'}
            </button>
          )}
        </>
      )}
      {isAsking && <RunConfirm />}
      {status === 'failed' && errors.length > 0 && (
        <ul role="alert" className="kr-errors kr-run-errors">
          {errors.map((e, i) => (
            <li key={i}>
              <code>{e.path}</code>: {e.message}
            </li>
          ))}
          {hasSiteChanges && errors.some((e) => e.path.startsWith('siteOverrides')) && (
            <li>
              <button type="button" onClick={clearSiteOverrides}>
                Undo the site changes
              </button>
            </li>
          )}
          {isWorkerLost && (
            <li>
              “Run again” starts a new simulation worker with the same settings; if that fails,
              reload the page (the link keeps your settings).
            </li>
          )}
        </ul>
      )}
    </div>
  )
}
