import { useId } from 'react'
import { metricSpec } from '../../sim/metrics'
import { INTERVAL_METHOD } from '../../sim/replications'
import type { Interval, ReplicatedMetricName, ReplicationSet } from '../../sim/replications'
import { BAND_CHARTS, REPLICATED_FIGURES, bandData } from '../../store/replication-selectors'
import type { ReplicationsView } from '../../store/replications-slice'
import { BandChart } from '../charts/band-chart'
import { useThrottled } from '../charts/use-throttled-run'
import { useAppStore } from '../store-context'
import { formatCount } from './format'
import { ReplicationDownloads } from './replication-downloads'
import './evidence.css'

/** A figure's value in its unit: counts whole, milliseconds with their unit. */
export function formatFigure(name: ReplicatedMetricName, value: number): string {
  return name === 'meanAddedRttMs' ? `${formatCount(value)} ms` : formatCount(value)
}

/** "5,300 (95% interval 5,100 to 5,500)", or the value alone when there is no interval. */
export function intervalText(name: ReplicatedMetricName, interval: Interval): string {
  const mean = formatFigure(name, interval.mean)
  if (interval.n < 2) return mean
  return `${mean} (95% interval ${formatFigure(name, interval.lower)} to ${formatFigure(name, interval.upper)})`
}

/** Where a set stands, in words a screen reader announces as it changes. */
export function progressText(view: Pick<ReplicationsView, 'status' | 'done' | 'total'>): string {
  const count = `${view.done} of ${view.total} replications done`
  return view.status === 'running' ? `${count}…` : count
}

/** Least time between two redraws of the band charts while replications stream in. */
export const BAND_REDRAW_MS = 1_000

// A set shows at once in the charts when it is the last of its replications, or there was none.
const isFinalOver =
  (view: ReplicationsView | null) =>
  (set: ReplicationSet | null, shown: ReplicationSet | null): boolean =>
    set === null || shown === null || view?.status !== 'running'

/**
 * The dashboard's run replicated: progress, the key figures as a mean with a 95% interval, the
 * charts with bands, and the seeds, any of which opens as the single run.
 */
export function ReplicationsPanel() {
  const view = useAppStore((s) => s.replications)
  const run = useAppStore((s) => s.run)
  const openReplication = useAppStore((s) => s.openReplication)
  const headingId = useId()
  // The charts take a set that streams in at most once per BAND_REDRAW_MS; the figures every one.
  const charted = useThrottled(view?.set ?? null, BAND_REDRAW_MS, isFinalOver(view))
  const stepMinutes = run?.stepMinutes ?? 60
  const bands = charted ? bandData(charted, stepMinutes) : null
  if (!view) return null
  const { set } = view
  const n = set?.replications.length ?? 0
  const chartedN = charted?.replications.length ?? 0
  return (
    <section aria-labelledby={headingId} className="kr-card kr-evidence">
      <h2 id={headingId}>Replications</h2>
      <p role="status" aria-live="polite" className="kr-replication-progress">
        {progressText(view)}
      </p>
      {view.status === 'failed' && (
        <p role="alert" className="kr-error">
          {view.message}
        </p>
      )}
      {set && (
        <>
          <p className="kr-hint kr-interval-method">
            Mean and {INTERVAL_METHOD}, over {n} replication{n === 1 ? '' : 's'}
            {view.status === 'running' ? ' so far' : ''}.
          </p>
          <table className="kr-table kr-replicated-figures">
            <caption className="kr-visually-hidden">
              Key figures over {n} replications: mean and {INTERVAL_METHOD}
            </caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col">Mean</th>
                <th scope="col">95% interval</th>
              </tr>
            </thead>
            <tbody>
              {REPLICATED_FIGURES.map((name) => {
                const interval = set.figures[name]
                return (
                  <tr key={name} data-metric={name}>
                    <th scope="row">{metricSpec(name).label}</th>
                    <td>{formatFigure(name, interval.mean)}</td>
                    <td aria-label={intervalText(name, interval)}>
                      {interval.n < 2
                        ? 'needs 2 replications'
                        : `${formatFigure(name, interval.lower)} to ${formatFigure(name, interval.upper)}`}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
          {run?.startDate &&
            bands &&
            BAND_CHARTS.map((metrics) => (
              <BandChart
                key={metrics[0]?.chart.chart}
                data={bands}
                metrics={metrics}
                startDate={run.startDate}
                endMinutes={bands.minutes.length * stepMinutes}
                title={metrics.map((m) => m.label).join(', ')}
                description={`Per ${stepMinutes}-minute step: mean line, band is the ${INTERVAL_METHOD} (${chartedN} replications), drawn from 0 where it dips below.`}
              />
            ))}
          {run && <ReplicationDownloads view={view} run={run} />}
          <details className="kr-seeds">
            <summary>Seeds ({view.seeds.length})</summary>
            <ol aria-label="Replication seeds">
              {view.seeds.map((seed, i) => {
                const done = set.replications.find((r) => r.index === i)
                return (
                  <li key={seed} data-seed={seed}>
                    <span>
                      Seed {seed}
                      {i === 0 ? ' (the run shown)' : ''}
                    </span>{' '}
                    <code className="kr-seed-hash" title="Run hash">
                      {done ? done.hash : 'running…'}
                    </code>{' '}
                    <button
                      type="button"
                      onClick={() => openReplication(seed)}
                      aria-label={`Open seed ${seed} as a single run`}
                    >
                      Open
                    </button>
                  </li>
                )
              })}
            </ol>
          </details>
        </>
      )}
    </section>
  )
}
