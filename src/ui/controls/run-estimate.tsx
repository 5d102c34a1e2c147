import { useEffect, useId, useRef } from 'react'
import type { KeyboardEvent } from 'react'
import { describeEstimate, describeSeconds } from '../../sim/run-size'
import { useAppStore, useAppStoreApi } from '../store-context'
import {
  downloadScenario,
  needsScenarioFile,
  reproduceCommand,
  scenarioFileName,
} from '../panels/reproduce'
import './run-estimate.css'

/** The expected time of the runs shown, beside the progress bar; the details on hover and to screen readers. */
export function RunEstimateText() {
  const estimate = useAppStore((s) => s.estimate)
  if (!estimate) return null
  const details = describeEstimate(estimate)
  return (
    <span className="kr-run-text kr-run-estimate" title={details}>
      expected {describeSeconds(estimate.appSeconds)}
      <span className="kr-visually-hidden">: {details}</span>
    </span>
  )
}

/**
 * Asks before a run expected to take over a minute: Run starts it, Cancel (or Escape) keeps the
 * runs on screen and their settings. Focus moves to Run, and back where it was when answered.
 * It offers the command line that runs the same scenario outside the page (with the scenario
 * file, downloaded from here, where the settings are not command-line flags).
 */
export function RunConfirm() {
  const estimate = useAppStore((s) => s.estimate)
  const confirmRun = useAppStore((s) => s.confirmRun)
  const declineRun = useAppStore((s) => s.declineRun)
  const needsFile = useAppStore(needsScenarioFile)
  const command = useAppStore((s) =>
    needsScenarioFile(s)
      ? `npm run sim -- ${scenarioFileName(s, s.settings.policy)}`
      : reproduceCommand(s),
  )
  const store = useAppStoreApi()
  const runRef = useRef<HTMLButtonElement>(null)
  const titleId = useId()
  const textId = useId()
  useEffect(() => {
    const before = document.activeElement
    runRef.current?.focus()
    return () => {
      if (before instanceof HTMLElement && before.isConnected) before.focus()
    }
  }, [])
  if (!estimate) return null
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    declineRun()
  }
  return (
    <div
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={textId}
      className="kr-run-confirm"
      onKeyDown={onKeyDown}
    >
      <p id={titleId} className="kr-run-confirm-title">
        This run is expected to take {describeSeconds(estimate.appSeconds)}.
      </p>
      <p id={textId}>
        {describeEstimate(estimate)}. Start it now? The run can be cancelled while it goes.
      </p>
      <p className="kr-run-confirm-cli">
        Or run it from a terminal in the project folder, which leaves this page free
        {needsFile ? ', with the scenario file' : ''}: <code className="kr-command">{command}</code>
        {needsFile && (
          <>
            {' '}
            <button
              type="button"
              onClick={() => {
                const state = store.getState()
                downloadScenario(state, state.settings.policy)
              }}
            >
              Download scenario file
            </button>
          </>
        )}
      </p>
      <div className="kr-run-confirm-actions">
        <button type="button" ref={runRef} onClick={confirmRun}>
          Run
        </button>
        <button type="button" onClick={declineRun}>
          Cancel
        </button>
      </div>
    </div>
  )
}
