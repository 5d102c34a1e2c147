import { memo } from 'react'
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
import type { ChartMetric } from '../../sim/metrics'
import type { BandPoint } from '../../store/replication-selectors'
import { formatCount, formatShortTime } from '../panels/format'
import { TONE_COLOURS } from './charts-panel'
import { AXIS_TICK, TOOLTIP_STYLE, timeAxisProps } from './time-chart'
import { useInTurn } from './use-throttled-run'

const tooltipValue = (v: unknown): string =>
  Array.isArray(v)
    ? `${formatCount(Number(v[0]))} to ${formatCount(Number(v[1]))}`
    : formatCount(Number(v))

interface PlotProps {
  readonly data: readonly BandPoint[]
  readonly metrics: readonly ChartMetric[]
  readonly startDate: string
  readonly endMinutes: number
}

/** The plot alone, so a new caption (the count of replications) does not redraw it. */
const BandPlot = memo(function BandPlot({ data, metrics, startDate, endMinutes }: PlotProps) {
  const end = Math.max(1, endMinutes)
  const hasRight = metrics.some((m) => m.chart.isOnRightAxis)
  return (
    <ResponsiveContainer width="100%" height={150} initialDimension={{ width: 360, height: 150 }}>
      <ComposedChart
        data={data}
        accessibilityLayer
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
      >
        <CartesianGrid stroke="var(--kr-grid)" strokeDasharray="2 4" />
        <XAxis {...timeAxisProps(startDate, end)} />
        <YAxis yAxisId="left" width={48} stroke="var(--kr-muted)" tick={AXIS_TICK} />
        {hasRight && (
          <YAxis
            yAxisId="right"
            orientation="right"
            width={40}
            stroke="var(--kr-muted)"
            tick={AXIS_TICK}
          />
        )}
        <Tooltip
          labelFormatter={(m) => `${formatShortTime(startDate, Number(m))} UTC`}
          formatter={tooltipValue}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--kr-fg)' }} />
        {metrics.map((m) => (
          <Area
            key={`${m.name}Band`}
            className="kr-band"
            yAxisId={m.chart.isOnRightAxis ? 'right' : 'left'}
            dataKey={`${m.name}Band`}
            name={`${m.label}, 95% interval`}
            fill={TONE_COLOURS[m.chart.tone]}
            fillOpacity={0.25}
            stroke="none"
            isAnimationActive={false}
            type="linear"
            legendType="none"
          />
        ))}
        {metrics.map((m) => (
          <Line
            key={m.name}
            yAxisId={m.chart.isOnRightAxis ? 'right' : 'left'}
            dataKey={m.name}
            name={m.chart.isOnRightAxis ? `${m.label} (right axis)` : m.label}
            stroke={TONE_COLOURS[m.chart.tone]}
            strokeWidth={1.6}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
        ))}
      </ComposedChart>
    </ResponsiveContainer>
  )
})

/**
 * The mean of each charted metric across replications as a line, with its 95% interval per step
 * as a band (an Area over [lower, upper]). A metric the metric table puts on the right axis keeps
 * its own axis here too, so a small series is not flattened. Charts shown together take new data
 * in turns, `turn` being this one's place (see `useInTurn`); until its first turn, the plot's
 * place is kept empty at its height.
 */
export function BandChart({
  data,
  turn,
  title,
  description,
  ...plot
}: PlotProps & { turn: number; title: string; description: string }) {
  const shown = useInTurn(data, turn)
  return (
    <figure className="kr-band-chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong> <span className="kr-hint">{description}</span>
      </figcaption>
      {shown ? <BandPlot data={shown} {...plot} /> : <div className="kr-band-chart-wait" />}
    </figure>
  )
}
