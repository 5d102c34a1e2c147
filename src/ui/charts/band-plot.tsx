/**
 * A plot of means with their 95% intervals in plain SVG: each series a line through its means
 * over a shaded band from lower to upper bound, on a left axis and, for a series the metric table
 * puts there, a right one. The replications' band charts (over the run's time) and the sweep's
 * chart (over a parameter's values) are drawn with it. The pointer or the arrow keys pick a
 * point, whose values are written under the plot and read out.
 *
 * Hand-written rather than drawn with recharts, as the dashboard's time charts are: a recharts
 * chart took one task of 56-161 ms to draw the first time in a 200 x 5,000 world, and 40-55 ms to
 * redraw, and these charts appear and change while replications or a sweep stream in, when the
 * page must not stall. These few paths take a few milliseconds. The value ticks are the other
 * charts' (axis-ticks.ts).
 */
import { memo, useEffect, useRef, useState } from 'react'
import type { KeyboardEvent, PointerEvent, RefObject } from 'react'
import { formatCount } from '../panels/format'
import { countTicks, tickFormatterFor } from './axis-ticks'
import './band-plot.css'

/** A mean and its 95% interval. */
export interface BandValue {
  readonly mean: number
  readonly lower: number
  readonly upper: number
}

/** One series: its legend text, style and value at each x of the plot (null: none yet). */
export interface BandSeries {
  readonly key: string
  readonly label: string
  readonly colour: string
  readonly dash?: string
  readonly isOnRightAxis?: boolean
  readonly values: readonly (BandValue | null)[]
}

export interface BandPlotProps {
  /** The x of each point, ascending; every series has a value (or null) per x. */
  readonly xs: readonly number[]
  readonly xDomain: readonly [number, number]
  readonly xTicks: readonly number[]
  readonly formatTick: (x: number) => string
  /** The picked point's x, as the readout says it. */
  readonly describeX: (x: number) => string
  readonly series: readonly BandSeries[]
  readonly height?: number
  /** Names under the x axis and beside the value axis. */
  readonly xLabel?: string
  readonly valueLabel?: string
  /** A dot on each mean (few points, as a sweep's grid has). */
  readonly hasDots?: boolean
}

const TOP = 6
const LEFT = 48
const RIGHT_AXIS = 44
const RIGHT_NONE = 12
// The width drawn before the plot's box is measured.
const FIRST_WIDTH = 360

/** Ticks from 0 to the highest bound or mean of `series`. */
function valueTicks(series: readonly BandSeries[]): number[] {
  let max = 0
  for (const s of series) for (const v of s.values) if (v) max = Math.max(max, v.mean, v.upper)
  return countTicks(max)
}

function useWidth(): [RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement>(null)
  const [width, setWidth] = useState(FIRST_WIDTH)
  useEffect(() => {
    const el = ref.current
    if (!el || typeof ResizeObserver !== 'function') return
    const observer = new ResizeObserver(() => setWidth(Math.max(160, el.clientWidth)))
    observer.observe(el)
    return () => observer.disconnect()
  }, [])
  return [ref, width]
}

/** "x: label 1,234 (95% interval 1,100 to 1,300); …" for the point at `index`. */
export function pointReadout(x: string, series: readonly BandSeries[], index: number): string {
  const values = series.map(({ label, values }) => {
    const v = values[index]
    if (!v) return `${label}: not yet`
    const interval = `95% interval ${formatCount(v.lower)} to ${formatCount(v.upper)}`
    return `${label} ${formatCount(v.mean)} (${interval})`
  })
  return `${x}: ${values.join('; ')}`
}

const xy = (x: number, y: number): string => `${x.toFixed(1)},${y.toFixed(1)}`

/** Path data through the points given, a new stretch after each gap. */
function linePath(points: readonly (readonly [number, number] | null)[]): string {
  let d = ''
  let isOpen = false
  for (const p of points) {
    if (!p) {
      isOpen = false
      continue
    }
    d += `${isOpen ? 'L' : 'M'}${xy(p[0], p[1])}`
    isOpen = true
  }
  return d
}

/** A band's path: along the upper bounds and back along the lower ones, per unbroken stretch. */
function bandPath(uppers: readonly ([number, number, number] | null)[]): string {
  const stretches: [number, number, number][][] = [[]]
  for (const p of uppers) {
    if (p) stretches[stretches.length - 1]?.push(p)
    else stretches.push([])
  }
  return stretches
    .filter((s) => s.length > 0)
    .map((s) => {
      const upper = s.map(([x, y]) => xy(x, y))
      const lower = s.map(([x, , y]) => xy(x, y)).reverse()
      return `M${[...upper, ...lower].join('L')}Z`
    })
    .join('')
}

export const BandPlot = memo(function BandPlot({
  xs,
  xDomain,
  xTicks,
  formatTick,
  describeX,
  series,
  height = 130,
  xLabel,
  valueLabel,
  hasDots = false,
}: BandPlotProps) {
  const [boxRef, width] = useWidth()
  const [picked, setPicked] = useState<number | null>(null)
  const bottom = xLabel ? 36 : 20
  const left = valueLabel ? LEFT + 16 : LEFT
  const leftSeries = series.filter((s) => !s.isOnRightAxis)
  const rightSeries = series.filter((s) => s.isOnRightAxis)
  const rightMargin = rightSeries.length > 0 ? RIGHT_AXIS : RIGHT_NONE
  const plotWidth = Math.max(1, width - left - rightMargin)
  const plotHeight = height - TOP - bottom
  const leftTicks = valueTicks(leftSeries)
  const rightTicks = rightSeries.length > 0 ? valueTicks(rightSeries) : []
  const [x0, x1] = xDomain
  const span = x1 - x0 || 1
  const x = (v: number): number => left + (plotWidth * (v - x0)) / span
  const yOf =
    (ticks: readonly number[]) =>
    (v: number): number =>
      TOP + plotHeight * (1 - v / (ticks[ticks.length - 1] || 1))
  const yLeft = yOf(leftTicks)
  const yRight = yOf(rightTicks)
  const pickedX = picked === null ? undefined : xs[picked]

  const pickAt = (event: PointerEvent<SVGSVGElement>): void => {
    if (xs.length === 0) return
    const box = event.currentTarget.getBoundingClientRect()
    const at = x0 + ((event.clientX - box.left - left) / plotWidth) * span
    let nearest = 0
    xs.forEach((v, i) => {
      if (Math.abs(v - at) < Math.abs((xs[nearest] ?? 0) - at)) nearest = i
    })
    setPicked(nearest)
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    const last = xs.length - 1
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

  const leftFormat = tickFormatterFor(leftTicks)
  const rightFormat = tickFormatterFor(rightTicks)
  return (
    <div
      ref={boxRef}
      className="kr-band-plot"
      role="group"
      tabIndex={0}
      aria-label="Each point's values: use the arrow keys"
      onKeyDown={onKeyDown}
      onBlur={() => setPicked(null)}
    >
      <svg
        width={width}
        height={height}
        aria-hidden="true"
        onPointerMove={pickAt}
        onPointerLeave={() => setPicked(null)}
      >
        {leftTicks.map((t) => (
          <g key={`l${t}`} className="kr-band-tick">
            <line x1={left} x2={left + plotWidth} y1={yLeft(t)} y2={yLeft(t)} />
            <text x={left - 4} y={yLeft(t)} textAnchor="end" dominantBaseline="middle">
              {leftFormat(t)}
            </text>
          </g>
        ))}
        {rightTicks.map((t) => (
          <text
            key={`r${t}`}
            className="kr-band-tick"
            x={left + plotWidth + 4}
            y={yRight(t)}
            dominantBaseline="middle"
          >
            {rightFormat(t)}
          </text>
        ))}
        {xTicks.map((v) => (
          <text
            key={`x${v}`}
            className="kr-band-tick"
            x={x(v)}
            y={TOP + plotHeight + 14}
            textAnchor={v <= x0 ? 'start' : v >= x1 ? 'end' : 'middle'}
          >
            {formatTick(v)}
          </text>
        ))}
        {xLabel && (
          <text
            className="kr-band-label"
            x={left + plotWidth / 2}
            y={height - 4}
            textAnchor="middle"
          >
            {xLabel}
          </text>
        )}
        {valueLabel && (
          <text
            className="kr-band-label"
            transform={`translate(12 ${TOP + plotHeight / 2}) rotate(-90)`}
            textAnchor="middle"
          >
            {valueLabel}
          </text>
        )}
        {series.map((s) => {
          const y = s.isOnRightAxis ? yRight : yLeft
          const bounds = s.values.map((v, i): [number, number, number] | null =>
            v ? [x(xs[i] ?? 0), y(v.upper), y(v.lower)] : null,
          )
          return (
            <path
              key={`${s.key}-band`}
              className="kr-band-area"
              d={bandPath(bounds)}
              style={{ fill: s.colour }}
            />
          )
        })}
        {series.map((s) => {
          const y = s.isOnRightAxis ? yRight : yLeft
          const means = s.values.map((v, i): [number, number] | null =>
            v ? [x(xs[i] ?? 0), y(v.mean)] : null,
          )
          return (
            <g key={`${s.key}-mean`} style={{ stroke: s.colour }}>
              <path className="kr-band-mean" d={linePath(means)} strokeDasharray={s.dash} />
              {hasDots &&
                means.map(
                  (p, i) =>
                    p && <circle key={i} className="kr-band-dot" cx={p[0]} cy={p[1]} r={3} />,
                )}
            </g>
          )
        })}
        {pickedX !== undefined && (
          <line
            className="kr-band-pick"
            x1={x(pickedX)}
            x2={x(pickedX)}
            y1={TOP}
            y2={TOP + plotHeight}
          />
        )}
      </svg>
      <ul className="kr-band-legend">
        {series.map((s) => (
          <li key={s.key}>
            <svg className="kr-band-swatch" width="22" height="8" aria-hidden="true">
              <line
                x1="1"
                x2="21"
                y1="4"
                y2="4"
                strokeDasharray={s.dash}
                style={{ stroke: s.colour }}
              />
            </svg>
            {s.label}
          </li>
        ))}
      </ul>
      <p className="kr-band-readout" aria-live="polite">
        {picked !== null && pickedX !== undefined
          ? pointReadout(describeX(pickedX), series, picked)
          : ''}
      </p>
    </div>
  )
})
