import { useId, useMemo, useState } from 'react'
import { metricSpec } from '../../sim/metrics'
import type { PolicyId } from '../../sim/model'
import { INTERVAL_METHOD, REPLICATED_METRIC_NAMES } from '../../sim/replications'
import type { ReplicatedMetricName } from '../../sim/replications'
import { POLICIES } from '../../sim/routing'
import { sweepCsv } from '../../sim/sweep-csv'
import { sweepParameter } from '../../sim/sweep-parameters'
import { thresholdBracket } from '../../sim/sweep-threshold'
import type { SweepRowResult } from '../../sim/sweep'
import type { SweepView } from '../../store/sweep-slice'
import { BandPlot } from '../charts/band-plot'
import type { BandSeries } from '../charts/band-plot'
import { sequentialColour } from '../map/map-scales'
import { downloadText } from './export'
import { formatFigure, intervalText } from './replications-panel'

/** The policies' colours and dashes in a sweep chart: told apart without colour too. */
const POLICY_STYLES = [
  { color: 'var(--kr-c-blue)', dash: undefined },
  { color: 'var(--kr-c-orange)', dash: '6 3' },
  { color: 'var(--kr-c-green)', dash: '2 2' },
  { color: 'var(--kr-c-purple)', dash: '8 3 2 3' },
  { color: 'var(--kr-c-sky)', dash: '12 4' },
] as const

const labelOf = (name: string): string => sweepParameter(name)?.label ?? name

/** A one-parameter sweep as a mean line per policy over its 95% interval band, per value. */
function LineWithBands({
  view,
  metric,
  rows,
}: {
  view: SweepView
  metric: ReplicatedMetricName
  rows: readonly SweepRowResult[]
}) {
  const axis = view.plan.axes[0]
  const series = useMemo(
    () =>
      view.plan.policies.map((p, k): BandSeries => {
        const style = POLICY_STYLES[k % POLICY_STYLES.length] ?? POLICY_STYLES[0]
        return {
          key: p,
          label: `${POLICIES[p].label}: mean`,
          colour: style.color,
          ...(style.dash ? { dash: style.dash } : {}),
          values: (axis?.values ?? []).map((value) => {
            const row = rows.find((r) => r.policy === p && r.values[0] === value)
            if (!row) return null
            const { mean, lower, upper } = row.figures[metric]
            return { mean, lower: Math.max(0, lower), upper }
          }),
        }
      }),
    [view.plan.policies, axis, rows, metric],
  )
  if (!axis) return null
  const label = labelOf(axis.parameter)
  const xs = axis.values
  return (
    <div className="kr-sweep-chart">
      <BandPlot
        xs={xs}
        xDomain={[Math.min(...xs), Math.max(...xs)]}
        xTicks={xs}
        formatTick={String}
        describeX={(v) => `${label} ${v}`}
        series={series}
        height={260}
        xLabel={label}
        valueLabel={metricSpec(metric).unit}
        hasDots
      />
    </div>
  )
}

/** A two-parameter sweep as a table whose cells are coloured by the mean (darkest is least). */
function HeatMap({
  view,
  metric,
  policy,
  rows,
}: {
  view: SweepView
  metric: ReplicatedMetricName
  policy: PolicyId
  rows: readonly SweepRowResult[]
}) {
  const [across, down] = view.plan.axes
  if (!across || !down) return null
  const mine = rows.filter((r) => r.policy === policy)
  const max = Math.max(0, ...mine.map((r) => r.figures[metric].mean))
  const cell = (a: number, d: number) =>
    mine.find((r) => r.values[0] === a && r.values[1] === d)?.figures[metric]
  return (
    <table className="kr-table kr-heatmap">
      <caption>
        {metricSpec(metric).label} under {POLICIES[policy].label}: mean of each grid point, its{' '}
        {INTERVAL_METHOD} on hover and for screen readers. Rows: {labelOf(down.parameter)}; columns:{' '}
        {labelOf(across.parameter)}.
      </caption>
      <thead>
        <tr>
          <th scope="col">
            {labelOf(down.parameter)} \ {labelOf(across.parameter)}
          </th>
          {across.values.map((a) => (
            <th key={a} scope="col">
              {a}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {down.values.map((d) => (
          <tr key={d}>
            <th scope="row">{d}</th>
            {across.values.map((a) => {
              const i = cell(a, d)
              if (!i) return <td key={a}>…</td>
              const share = max > 0 ? i.mean / max : 0
              return (
                <td
                  key={a}
                  title={intervalText(metric, i)}
                  style={{
                    background: sequentialColour(share),
                    color: share > 0.55 ? '#111' : '#fff',
                  }}
                >
                  {formatFigure(metric, i.mean)}
                  <span className="kr-visually-hidden"> {intervalText(metric, i)}</span>
                </td>
              )
            })}
          </tr>
        ))}
      </tbody>
    </table>
  )
}

/** The sweep's findings: thresholds in words, the chart or heat map, every row, the CSV. */
export function SweepResults({ view }: { view: SweepView }) {
  const [metric, setMetric] = useState<ReplicatedMetricName>('concernExposures')
  const [heatPolicy, setHeatPolicy] = useState<PolicyId>(view.plan.policies[0] ?? 'geofenced')
  const id = useId()
  const rows = view.results.filter((r): r is SweepRowResult => r !== null)
  const axes = view.plan.axes
  const isComplete = view.status === 'done'
  const first = axes[0]
  const brackets =
    axes.length === 1 && isComplete && first
      ? view.plan.policies.map((p) => thresholdBracket(first.parameter, p, rows))
      : []
  const download = () =>
    downloadText(
      `${view.scenarioId}-sweep-${view.id}.csv`,
      sweepCsv(axes, rows, view.rows.length, view.id),
      'text/csv',
    )
  return (
    <div className="kr-sweep-results">
      {brackets.length > 0 && (
        <ul
          className="kr-sweep-thresholds"
          aria-label="Where keys from a jurisdiction of concern first appear"
        >
          {brackets.map((b) => (
            <li key={b.policy}>{b.text}.</li>
          ))}
        </ul>
      )}
      <label htmlFor={`${id}-m`}>Figure</label>{' '}
      <select
        id={`${id}-m`}
        value={metric}
        onChange={(e) => setMetric(e.target.value as ReplicatedMetricName)}
      >
        {REPLICATED_METRIC_NAMES.map((n) => (
          <option key={n} value={n}>
            {metricSpec(n).label}
          </option>
        ))}
      </select>
      {axes.length === 2 && view.plan.policies.length > 1 && (
        <>
          {' '}
          <label htmlFor={`${id}-p`}>Policy</label>{' '}
          <select
            id={`${id}-p`}
            value={heatPolicy}
            onChange={(e) => setHeatPolicy(e.target.value as PolicyId)}
          >
            {view.plan.policies.map((p) => (
              <option key={p} value={p}>
                {POLICIES[p].label}
              </option>
            ))}
          </select>
        </>
      )}
      <p className="kr-hint">
        Each point: the mean of {view.plan.replications} replications (seeds from {view.plan.seed})
        with its {INTERVAL_METHOD}. Simulated; capacities and demand are assumptions.
      </p>
      {axes.length === 1 ? (
        <LineWithBands view={view} metric={metric} rows={rows} />
      ) : (
        <HeatMap view={view} metric={metric} policy={heatPolicy} rows={rows} />
      )}
      {axes.length === 1 && first && (
        <table className="kr-table kr-sweep-table">
          <caption>
            {metricSpec(metric).label} ({metricSpec(metric).unit}) by {labelOf(first.parameter)}:
            mean (95% interval)
          </caption>
          <thead>
            <tr>
              <th scope="col">{labelOf(first.parameter)}</th>
              {view.plan.policies.map((p) => (
                <th key={p} scope="col">
                  {POLICIES[p].label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {first.values.map((v) => (
              <tr key={v}>
                <th scope="row">{v}</th>
                {view.plan.policies.map((p) => {
                  const r = rows.find((x) => x.values[0] === v && x.policy === p)
                  return <td key={p}>{r ? intervalText(metric, r.figures[metric]) : '…'}</td>
                })}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button type="button" onClick={download} disabled={!isComplete}>
        Download sweep (CSV)
      </button>
    </div>
  )
}
