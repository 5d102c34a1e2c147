import { memo } from 'react'
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { formatCount, formatShortDate, formatShortTime } from '../panels/format'
import { countTicks, dayTicks, evenAxis } from './axis-ticks'

/** A point of a time chart: minutes since the run start plus one number per series. */
export type TimePoint = { readonly minutes: number }

/** One line of a time chart. */
export interface SeriesSpec<P extends TimePoint = TimePoint> {
  readonly key: Exclude<keyof P, 'minutes'> & string
  readonly name: string
  /** A CSS colour, usually `var(--kr-…)` so the theme applies. */
  readonly color: string
  /** A dash pattern, e.g. '5 3'; solid when absent. */
  readonly dash?: string
  /** Plotted against its own axis on the right, so a small series is not flattened. */
  readonly isOnRightAxis?: boolean
}

/** A series' name in the legend, saying which axis it is read against. */
export function seriesName(s: Pick<SeriesSpec, 'name' | 'isOnRightAxis'>): string {
  return s.isOnRightAxis ? `${s.name} (right axis)` : s.name
}

function maxOf<P extends TimePoint>(data: readonly P[], series: readonly SeriesSpec<P>[]): number {
  let max = 0
  for (const p of data)
    for (const s of series) max = Math.max(max, Number(p[s.key as keyof P]) || 0)
  return max
}

/** The charts' axis labels, in the theme's muted colour. */
export const AXIS_TICK = { fill: 'var(--kr-muted)', fontSize: 11 }

/** The charts' tooltips, in the theme's panel colours. */
export const TOOLTIP_STYLE = {
  background: 'var(--kr-panel)',
  border: '1px solid var(--kr-border)',
  color: 'var(--kr-fg)',
}

/** The time axis of the run's charts: days from the start, in the theme's muted colour. */
export function timeAxisProps(startDate: string, end: number) {
  return {
    dataKey: 'minutes',
    type: 'number',
    domain: [0, end],
    ticks: dayTicks(end),
    interval: 0,
    tickFormatter: (m: number) => formatShortDate(startDate, m),
    stroke: 'var(--kr-muted)',
    tick: AXIS_TICK,
  } as const
}

/** A line chart over the run's time with the clock as a vertical line; a click moves the clock. */
function TimeChartOf<P extends TimePoint>({
  data,
  series,
  startDate,
  endMinutes,
  cursorMinutes,
  onPickTime,
  height = 150,
}: {
  data: readonly P[]
  series: readonly SeriesSpec<P>[]
  startDate: string
  endMinutes: number
  cursorMinutes: number
  onPickTime: (minutes: number) => void
  height?: number
}) {
  const left = series.filter((s) => !s.isOnRightAxis)
  const right = series.filter((s) => s.isOnRightAxis)
  const leftTicks = countTicks(maxOf(data, left))
  const rightTicks = right.length > 0 ? countTicks(maxOf(data, right)) : []
  const end = Math.max(1, endMinutes)
  return (
    <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 360, height }}>
      <LineChart
        data={data}
        accessibilityLayer
        margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
        onClick={(state) => {
          const index = Number(state.activeIndex)
          const point = Number.isInteger(index) ? data[index] : undefined
          if (point) onPickTime(point.minutes)
        }}
      >
        <CartesianGrid stroke="var(--kr-grid)" strokeDasharray="2 4" />
        <XAxis {...timeAxisProps(startDate, end)} />
        <YAxis
          yAxisId="left"
          width={48}
          {...evenAxis(leftTicks)}
          stroke="var(--kr-muted)"
          tick={AXIS_TICK}
        />
        {right.length > 0 && (
          <YAxis
            yAxisId="right"
            orientation="right"
            width={40}
            {...evenAxis(rightTicks)}
            stroke={right[0]?.color ?? 'var(--kr-muted)'}
            tick={{ ...AXIS_TICK, fill: right[0]?.color ?? AXIS_TICK.fill }}
          />
        )}
        <Tooltip
          labelFormatter={(m) => `${formatShortTime(startDate, Number(m))} UTC`}
          formatter={(v) => formatCount(Number(v))}
          contentStyle={TOOLTIP_STYLE}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--kr-fg)' }} />
        {series.map((s) => (
          <Line
            key={s.key}
            yAxisId={s.isOnRightAxis ? 'right' : 'left'}
            dataKey={s.key}
            name={seriesName(s)}
            stroke={s.color}
            strokeWidth={1.6}
            strokeDasharray={s.dash}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
        ))}
        <ReferenceLine
          yAxisId="left"
          x={cursorMinutes}
          stroke="var(--kr-accent)"
          strokeWidth={1.5}
        />
      </LineChart>
    </ResponsiveContainer>
  )
}

/** {@link TimeChartOf}, memoised. */
export const TimeChart = memo(TimeChartOf) as typeof TimeChartOf
