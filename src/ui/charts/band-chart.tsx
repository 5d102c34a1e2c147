import { useMemo } from 'react'
import type { ChartMetric } from '../../sim/metrics'
import type { BandData } from '../../store/replication-selectors'
import { formatShortDate, formatShortTime } from '../panels/format'
import { dayTicks } from './axis-ticks'
import { BandPlot } from './band-plot'
import type { BandSeries } from './band-plot'
import { TONE_COLOURS } from './charts-panel'

/** A metric's series: its mean and interval per step, and how it is drawn. */
function seriesOf({ bands }: BandData, { name, label, chart }: ChartMetric): BandSeries {
  const { mean, lower, upper } = bands[name]
  return {
    key: name,
    label: chart.isOnRightAxis ? `${label} (right axis)` : label,
    colour: TONE_COLOURS[chart.tone],
    isOnRightAxis: chart.isOnRightAxis === true,
    values: mean.map((m, i) => ({ mean: m, lower: lower[i] ?? 0, upper: upper[i] ?? 0 })),
  }
}

/**
 * The mean of each charted metric across replications as a line, with its 95% interval per step
 * as a band, under a caption. A metric the metric table puts on the right axis keeps its own axis
 * here too, so a small series is not flattened. A new count of replications in the caption does
 * not redraw the plot.
 */
export function BandChart({
  data,
  metrics,
  startDate,
  endMinutes,
  title,
  description,
}: {
  data: BandData
  metrics: readonly ChartMetric[]
  startDate: string
  endMinutes: number
  title: string
  description: string
}) {
  const end = Math.max(1, endMinutes)
  const series = useMemo(() => metrics.map((m) => seriesOf(data, m)), [data, metrics])
  const ticks = useMemo(() => dayTicks(end), [end])
  const domain = useMemo(() => [0, end] as const, [end])
  const [formatTick, describeX] = useMemo(
    () => [
      (m: number) => formatShortDate(startDate, m),
      (m: number) => `${formatShortTime(startDate, m)} UTC`,
    ],
    [startDate],
  )
  return (
    <figure className="kr-band-chart" aria-label={title}>
      <figcaption>
        <strong>{title}</strong> <span className="kr-hint">{description}</span>
      </figcaption>
      <BandPlot
        xs={data.minutes}
        xDomain={domain}
        xTicks={ticks}
        formatTick={formatTick}
        describeX={describeX}
        series={series}
      />
    </figure>
  )
}
