/**
 * A band chart's plot in plain SVG: each metric's mean across replications as a line over the
 * run's time, with its 95% interval per step as a shaded band, on a left axis and, for a metric
 * the metric table puts there, a right one. The pointer or the arrow keys pick a step, whose
 * values are written under the plot and read out.
 *
 * Hand-written rather than drawn with recharts, as the dashboard's other charts are: a recharts
 * chart took one task of 60-160 ms to draw the first time in a 200 x 5,000 world, and the band
 * charts first appear while replications stream in, when the page must not stall. These few
 * paths take a few milliseconds. The ticks are the other charts' (axis-ticks.ts).
 */
import { memo, useEffect, useRef, useState } from 'react'
import type { KeyboardEvent, PointerEvent, RefObject } from 'react'
import type { ChartMetric } from '../../sim/metrics'
import type { BandPoint } from '../../store/replication-selectors'
import { formatCount, formatShortDate, formatShortTime } from '../panels/format'
import { countTicks, dayTicks, tickFormatterFor } from './axis-ticks'
import { TONE_COLOURS } from './charts-panel'

export interface BandPlotProps {
  readonly data: readonly BandPoint[]
  readonly metrics: readonly ChartMetric[]
  readonly startDate: string
  readonly endMinutes: number
}

const HEIGHT = 130
const TOP = 6
const BOTTOM = 20
const LEFT = 48
const RIGHT_AXIS = 44
const RIGHT_NONE = 10
// The width drawn before the plot's box is measured.
const FIRST_WIDTH = 360

const meanOf = (p: BandPoint | undefined, name: string): number => {
  const v = p?.[name]
  return typeof v === 'number' ? v : 0
}
const bandOf = (p: BandPoint | undefined, name: string): readonly [number, number] => {
  const v = p?.[`${name}Band`]
  return Array.isArray(v) ? (v as readonly [number, number]) : [0, 0]
}

/** The top of an axis: the highest upper bound or mean of its metrics. */
function axisTicks(data: readonly BandPoint[], metrics: readonly ChartMetric[]): number[] {
  let max = 0
  for (const p of data)
    for (const { name } of metrics) max = Math.max(max, meanOf(p, name), bandOf(p, name)[1])
  return countTicks(max)
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(FIRST_WIDTH)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver !== 'function') return
    const observer = new ResizeObserver(() => setWidth(Math.max(120, el.clientWidth)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/** What a picked step says: its time, and each metric's mean with its interval. */
export function stepReadout(
  point: BandPoint,
  metrics: readonly ChartMetric[],
  startDate: string,
): string {
  const values = metrics.map(({ name, label }) => {
    const [lower, upper] = bandOf(point, name)
    const mean = formatCount(meanOf(point, name))
    return `${label} ${mean} (95% interval ${formatCount(lower)} to ${formatCount(upper)})`
  })
  return `${formatShortTime(startDate, point.minutes)} UTC: ${values.join('; ')}`
}

export const BandPlot = memo(function BandPlot({
  data,
  metrics,
  startDate,
  endMinutes,
}: BandPlotProps) {
  const [boxRef, width] = useWidth()
  const [picked, setPicked] = useState<number | null>(null)
  const end = Math.max(1, endMinutes)
  const left = metrics.filter((m) => !m.chart.isOnRightAxis)
  const right = metrics.filter((m) => m.chart.isOnRightAxis)
  const rightMargin = right.length > 0 ? RIGHT_AXIS : RIGHT_NONE
  const plotWidth = Math.max(1, width - LEFT - rightMargin)
  const plotHeight = HEIGHT - TOP - BOTTOM
  const leftTicks = axisTicks(data, left)
  const rightTicks = right.length > 0 ? axisTicks(data, right) : []
  const x = (minutes: number): number => LEFT + (plotWidth * minutes) / end
  const yOf =
    (ticks: readonly number[]) =>
    (v: number): number =>
      TOP + plotHeight * (1 - v / (ticks[ticks.length - 1] || 1))
  const yLeft = yOf(leftTicks)
  const yRight = yOf(rightTicks)
  const at = (p: BandPoint, v: number, y: (v: number) => number): string =>
    `${x(p.minutes).toFixed(1)},${y(v).toFixed(1)}`
  const pickedPoint = picked === null ? undefined : data[picked]

  const pickAt = (event: PointerEvent<SVGSVGElement>): void => {
    if (data.length === 0) return
    const box = event.currentTarget.getBoundingClientRect()
    const minutes = ((event.clientX - box.left - LEFT) / plotWidth) * end
    const step = data.length > 1 ? (data[1]?.minutes ?? 1) - (data[0]?.minutes ?? 0) : 1
    setPicked(Math.max(0, Math.min(data.length - 1, Math.round(minutes / (step || 1)))))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = data.length - 1
    const moves: Record<string, number> = {
      ArrowLeft: (picked ?? 1) - 1,
      ArrowRight: (picked ?? -1) + 1,
      Home: 0,
      End: last,
    }
    const next = moves[event.key]
    if (next === undefined || last < 0) return
    event.preventDefault()
    setPicked(Math.max(0, Math.min(last, next)))
  }

  const days = dayTicks(end)
  const leftFormat = tickFormatterFor(leftTicks)
  const rightFormat = tickFormatterFor(rightTicks)
  return (
    <div
      ref={boxRef}
      className="kr-band-plot"
      role="group"
      tabIndex={0}
      aria-label="Each step's values: use the arrow keys"
      onKeyDown={onKeyDown}
      onBlur={() => setPicked(null)}
    >
      <svg
        width={width}
        height={HEIGHT}
        aria-hidden="true"
        onPointerMove={pickAt}
        onPointerLeave={() => setPicked(null)}
      >
        {leftTicks.map((t) => (
          <g key={`l${t}`} className="kr-band-tick">
            <line x1={LEFT} x2={LEFT + plotWidth} y1={yLeft(t)} y2={yLeft(t)} />
            <text x={LEFT - 4} y={yLeft(t)} textAnchor="end" dominantBaseline="middle">
              {leftFormat(t)}
            </text>
          </g>
        ))}
        {rightTicks.map((t) => (
          <text
            key={`r${t}`}
            className="kr-band-tick"
            x={LEFT + plotWidth + 4}
            y={yRight(t)}
            dominantBaseline="middle"
          >
            {rightFormat(t)}
          </text>
        ))}
        {days.map((m, i) => (
          <text
            key={`d${m}`}
            className="kr-band-tick"
            x={x(m)}
            y={HEIGHT - 4}
            textAnchor={i === 0 ? 'start' : m >= end ? 'end' : 'middle'}
          >
            {formatShortDate(startDate, m)}
          </text>
        ))}
        {metrics.map((m) => {
          const y = m.chart.isOnRightAxis ? yRight : yLeft
          const upper = data.map((p) => at(p, bandOf(p, m.name)[1], y))
          const lower = data.map((p) => at(p, bandOf(p, m.name)[0], y)).reverse()
          return (
            <path
              key={`${m.name}Band`}
              className="kr-band-area"
              d={data.length > 0 ? `M${[...upper, ...lower].join('L')}Z` : ''}
              style={{ fill: TONE_COLOURS[m.chart.tone] }}
            />
          )
        })}
        {metrics.map((m) => {
          const y = m.chart.isOnRightAxis ? yRight : yLeft
          const points = data.map((p) => at(p, meanOf(p, m.name), y))
          return (
            <path
              key={m.name}
              className="kr-band-mean"
              d={data.length > 0 ? `M${points.join('L')}` : ''}
              style={{ stroke: TONE_COLOURS[m.chart.tone] }}
            />
          )
        })}
        {pickedPoint && (
          <line
            className="kr-band-pick"
            x1={x(pickedPoint.minutes)}
            x2={x(pickedPoint.minutes)}
            y1={TOP}
            y2={TOP + plotHeight}
          />
        )}
      </svg>
      <ul className="kr-band-legend">
        {metrics.map((m) => (
          <li key={m.name}>
            <span className="kr-band-swatch" style={{ background: TONE_COLOURS[m.chart.tone] }} />
            {m.chart.isOnRightAxis ? `${m.label} (right axis)` : m.label}
          </li>
        ))}
      </ul>
      <p className="kr-band-readout" aria-live="polite">
        {pickedPoint ? stepReadout(pickedPoint, metrics, startDate) : ''}
      </p>
    </div>
  )
})
