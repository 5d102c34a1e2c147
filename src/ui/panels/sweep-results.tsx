import { useId, useState } from 'react'
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
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
import { countTicks, evenAxis } from '../charts/axis-ticks'
import { AXIS_TICK, TOOLTIP_STYLE } from '../charts/time-chart'
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
  if (!axis) return null
  const data = axis.values.map((value) => {
    const point: Record<string, number | [number, number]> = { value }
    for (const r of rows)
      if (r.values[0] === value) {
        const i = r.figures[metric]
        point[`${r.policy}_mean`] = i.mean
        point[`${r.policy}_band`] = [Math.max(0, i.lower), i.upper]
      }
    return point
  })
  const spec = metricSpec(metric)
  // Every tick given, with no spacing to work out: recharts otherwise measures each tick's text in
  // the page, a forced layout apiece, 17 ms of a redraw in a 200 x 5,000 world (profiled).
  const top = Math.max(0, ...rows.map((r) => r.figures[metric].upper))
  const valueAxis = evenAxis(countTicks(top))
  return (
    <div className="kr-sweep-chart">
      <ResponsiveContainer width="100%" height={260}>
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 20, left: 8 }}>
          <CartesianGrid stroke="var(--kr-grid)" />
          <XAxis
            dataKey="value"
            type="number"
            domain={['dataMin', 'dataMax']}
            ticks={[...axis.values]}
            interval={0}
            tick={AXIS_TICK}
            label={{ value: labelOf(axis.parameter), position: 'insideBottom', offset: -12 }}
          />
          <YAxis
            {...valueAxis}
            tick={AXIS_TICK}
            width={56}
            label={{ value: spec.unit, angle: -90, dx: -22 }}
          />
          <Tooltip contentStyle={TOOLTIP_STYLE} />
          <Legend verticalAlign="top" />
          {view.plan.policies.map((p, k) => {
            const style = POLICY_STYLES[k % POLICY_STYLES.length] ?? POLICY_STYLES[0]
            return [
              <Area
                key={`${p}-band`}
                dataKey={`${p}_band`}
                name={`${POLICIES[p].label}: 95% interval`}
                stroke="none"
                fill={style.color}
                fillOpacity={0.2}
                isAnimationActive={false}
                legendType="none"
              />,
              <Line
                key={`${p}-mean`}
                dataKey={`${p}_mean`}
                name={`${POLICIES[p].label}: mean`}
                stroke={style.color}
                strokeDasharray={style.dash}
                strokeWidth={2}
                dot={{ r: 3 }}
                isAnimationActive={false}
              />,
            ]
          })}
        </ComposedChart>
      </ResponsiveContainer>
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
