import { useShallow } from 'zustand/react/shallow'
import { resultsJson, runFileStem, stepSeriesCsv } from '../../sim/exports'
import { POLICIES } from '../../sim/routing'
import type { RunState } from '../../store/store'
import { useAppStore } from '../store-context'
import { downloadText } from './export'

type FinishedRun = RunState & { readonly summary: NonNullable<RunState['summary']> }

function stemOf(run: FinishedRun): string {
  const { scenarioId, seed, initialPolicy } = run.summary
  return runFileStem(scenarioId, seed, initialPolicy)
}

/** The finished run's results, the same JSON object `npm run sim -- --json` prints. */
function downloadResults(run: FinishedRun): void {
  downloadText(`${stemOf(run)}-results.json`, resultsJson(run.summary), 'application/json')
}

/** One row per step of the run, one column per step metric (as `npm run sim -- --csv` writes). */
function downloadStepSeries(run: FinishedRun): void {
  downloadText(`${stemOf(run)}-steps.csv`, stepSeriesCsv(run.startDate, run.steps), 'text/csv')
}

const isFinished = (run: RunState | null): run is FinishedRun => run?.summary != null

/**
 * The results and step series of each finished run. While two policies are compared there is
 * one pair per run, named by its policy: the command line runs one policy at a time, so each
 * file is what `npm run sim -- <scenario> --seed N --policy P --json` (or `--csv`) writes.
 */
export function ResultsDownloads() {
  const runs = useAppStore(
    useShallow((s) => [s.run, s.comparePolicy ? s.compare : null].filter(isFinished)),
  )
  const isCompared = useAppStore((s) => s.comparePolicy !== null && s.compare !== null)
  return runs.map((run) => {
    const which = isCompared ? `: ${POLICIES[run.policy].label}` : ''
    return (
      <span key={run.runId}>
        {' '}
        <button type="button" onClick={() => downloadResults(run)}>
          Download results (JSON){which}
        </button>{' '}
        <button type="button" onClick={() => downloadStepSeries(run)}>
          Download step series (CSV){which}
        </button>
      </span>
    )
  })
}
