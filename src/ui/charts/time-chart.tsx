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
import type { ChartPoint } from '../../store/selectors'
import { formatCount, formatShortDate, formatShortTime } from '../panels/format'

/** One line of a time chart. */
export interface SeriesSpec {
  readonly key: keyof Omit<ChartPoint, 'minutes'>
  readonly name: string
  /** A CSS colour, usually `var(--kr-…)` so the theme applies. */
  readonly color: string
  readonly isDashed?: boolean
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 })

/** A line chart over the run's time with the clock as a vertical line; a click moves the clock. */
export const TimeChart = memo(function TimeChart({
  data,
  series,
  startDate,
  endMinutes,
  cursorMinutes,
  onPickTime,
  height = 150,
}: {
  data: readonly ChartPoint[]
  series: readonly SeriesSpec[]
  startDate: string
  endMinutes: number
  cursorMinutes: number
  onPickTime: (minutes: number) => void
  height?: number
}) {
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
        <XAxis
          dataKey="minutes"
          type="number"
          domain={[0, Math.max(1, endMinutes)]}
          tickFormatter={(m: number) => formatShortDate(startDate, m)}
          stroke="var(--kr-muted)"
          tick={{ fill: 'var(--kr-muted)', fontSize: 11 }}
          minTickGap={24}
        />
        <YAxis
          width={44}
          tickFormatter={(v: number) => compact.format(v)}
          stroke="var(--kr-muted)"
          tick={{ fill: 'var(--kr-muted)', fontSize: 11 }}
        />
        <Tooltip
          labelFormatter={(m) => `${formatShortTime(startDate, Number(m))} UTC`}
          formatter={(v) => formatCount(Number(v))}
          contentStyle={{
            background: 'var(--kr-panel)',
            border: '1px solid var(--kr-border)',
            color: 'var(--kr-fg)',
          }}
        />
        <Legend wrapperStyle={{ fontSize: 12, color: 'var(--kr-fg)' }} />
        {series.map((s) => (
          <Line
            key={s.key}
            dataKey={s.key}
            name={s.name}
            stroke={s.color}
            strokeWidth={1.6}
            strokeDasharray={s.isDashed ? '5 3' : undefined}
            dot={false}
            isAnimationActive={false}
            type="linear"
          />
        ))}
        <ReferenceLine x={cursorMinutes} stroke="var(--kr-accent)" strokeWidth={1.5} />
      </LineChart>
    </ResponsiveContainer>
  )
})
