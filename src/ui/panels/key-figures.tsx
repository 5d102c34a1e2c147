import type { ReactNode } from 'react'
import { DownloadOfflineButton } from '../briefing/download-offline-button'
import { useShallow } from 'zustand/react/shallow'
import { selectMapRun, shownPolicyLabel, shownStepEndMinutes } from '../../store/selectors'
import { totalsUpTo } from '../../store/chart-selectors'
import type { StepTotals } from '../../store/chart-selectors'
import { FIGURE_METRICS, STEP_METRIC_NAMES } from '../../sim/metrics'
import type { FigureMetric, TotalMetricName } from '../../sim/metrics'
import type { Totals } from '../../sim/model'
import { POLICIES } from '../../sim/routing'
import { ListCorrectionNote } from './list-correction-note'
import { formatCount, formatPercent, formatStepSpan } from './format'
import { useAppStore, useAppStoreApi } from '../store-context'
import { AssumptionTag, SCALE_BASIS } from './provenance'
import { RunHeading } from './run-heading'
import { ResultsDownloads } from './results-downloads'
import { downloadScenario, needsScenarioFile, reproduceCommand } from './reproduce'

interface Row {
  readonly label: string
  /** Shown only when the run has some of it. */
  readonly isShown?: (soFar: StepTotals, atEnd: Totals | null) => boolean
  /** The so-far figure; a string, or a note where the step records cannot give one. */
  readonly soFar: (t: StepTotals) => ReactNode
  readonly atEnd: (t: Totals) => string
}

/** A count, and its share of another count where the metric table asks for one. */
function figureText(m: FigureMetric, t: Partial<Totals>): string {
  const value = t[m.name] ?? 0
  const of = m.figure.shareOf as TotalMetricName | undefined
  return of === undefined
    ? formatCount(value)
    : `${formatCount(value)} (${formatPercent(value, t[of] ?? 0)})`
}

// One row per key figure of the metric table, in its order.
const ROWS: readonly Row[] = FIGURE_METRICS.map((m) => ({
  label: m.label,
  ...(m.figure.isShownOnlyWhenNonZero
    ? {
        isShown: (soFar: StepTotals, atEnd: Totals | null) =>
          ((soFar as Partial<Totals>)[m.name] ?? 0) > 0 || (atEnd?.[m.name] ?? 0) > 0,
      }
    : {}),
  // Step records carry only the step metrics (exposed participants come with the summary).
  soFar: (STEP_METRIC_NAMES as readonly string[]).includes(m.name)
    ? (t: StepTotals) => figureText(m, t)
    : () => <span className="kr-whole-run-only">whole run only</span>,
  atEnd: (t: Totals) => figureText(m, t),
}))

/**
 * Totals up to the end of the step the map shows and for the whole run (of the run the map
 * shows, when comparing), plus what reproduces them.
 */
export function KeyFigures() {
  const { run, policy, soFar, stepEnd, policyLabel, command, needsFile } = useAppStore(
    useShallow((s) => {
      const run = selectMapRun(s)
      return {
        run,
        policy: run?.policy ?? s.settings.policy,
        soFar: totalsUpTo(run, s.timeMinutes),
        stepEnd: shownStepEndMinutes(run, s.timeMinutes),
        policyLabel: shownPolicyLabel(s),
        command: reproduceCommand(s, run?.policy),
        needsFile: needsScenarioFile(s),
      }
    }),
  )
  const store = useAppStoreApi()
  const seed = useAppStore((s) => s.settings.seed)
  // The page's own briefing until the briefing editor offers the one being written.
  const briefing = useAppStore((s) => s.briefings.main.input)
  const end = run?.summary?.totals ?? null
  // The "so far" column sums whole steps, the shown one included: it names that step's span.
  const at =
    run?.startDate && stepEnd !== null
      ? formatStepSpan(run.startDate, stepEnd - run.stepMinutes, run.stepMinutes)
      : '–'
  const rows = ROWS.filter((r) => !r.isShown || r.isShown(soFar, end))
  return (
    <section aria-labelledby="kr-figures-h" className="kr-card">
      <RunHeading id="kr-figures-h" title="Key figures" policyLabel={policyLabel} />
      <p className="kr-policy-summary">
        <strong>{POLICIES[policy].label}:</strong> {POLICIES[policy].summary}
        <ListCorrectionNote
          policy={policy}
          timeline={run?.timeline ?? []}
          startDate={run?.startDate ?? ''}
        />
      </p>
      <p className="kr-hint">
        Simulated at 1 participant in {run?.summary ? formatCount(1 / run.summary.scale) : '2,000'}{' '}
        <AssumptionTag basis={SCALE_BASIS} />: counts are of simulated participants, not real ones.
      </p>
      <table className="kr-figures">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">Through {at}</th>
            <th scope="col">Whole run</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td>{r.soFar(soFar)}</td>
              <td>{end ? r.atEnd(end) : run?.status === 'running' ? 'running…' : '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <dl className="kr-repro">
        <dt>Run hash</dt>
        <dd>
          <code>{run?.hash || '–'}</code>
        </dd>
        <dt>Seed</dt>
        <dd>
          <code>{run?.summary?.seed ?? seed}</code>
        </dd>
        <dt>Engine</dt>
        <dd>
          <code>{run?.summary?.engineVersion ?? '–'}</code>
        </dd>
        <dt>Reproduce</dt>
        <dd>
          <code className="kr-command">{command}</code>
        </dd>
      </dl>
      {needsFile && (
        <p className="kr-hint">
          Changed settings are not command-line flags: download the scenario file and run it.
        </p>
      )}
      <button type="button" onClick={() => downloadScenario(store.getState())}>
        Download scenario file
      </button>
      <ResultsDownloads /> <DownloadOfflineButton briefing={briefing} />
    </section>
  )
}
