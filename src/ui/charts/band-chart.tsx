import { useMemo } from 'react'
import type { ChartMetric } from '../../sim/metrics'
import type { BandPoint } from '../../store/replication-selectors'
import { formatShortDate, formatShortTime } from '../panels/format'
import { dayTicks } from './axis-ticks'
import { BandPlot } from './band-plot'
import type { BandSeries } from './band-plot'
import { TONE_COLOURS } from './charts-panel'

/** A metric's series of band points: its mean and interval per step. */
function seriesOf(data: readonly BandPoint[], metric: ChartMetric): BandSeries {
  const { name, label, chart } = metric
  return {
    key: name,
    label: chart.isOnRightAxis ? `${label} (right axis)` : label,
    colour: TONE_COLOURS[chart.tone],
    isOnRightAxis: chart.isOnRightAxis === true,
    values: data.map((p) => {
      const mean = p[name]
      const band = p[`${name}Band`]
      const [lower, upper] = typeof band === 'object' ? band : [0, 0]
      return { mean: typeof mean === 'number' ? mean : 0, lower, upper }
    }),
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
  data: readonly BandPoint[]
  metrics: readonly ChartMetric[]
  startDate: string
  endMinutes: number
  title: string
  description: string
}) {
  const end = Math.max(1, endMinutes)
  const series = useMemo(() => metrics.map((m) => seriesOf(data, m)), [data, metrics])
  const xs = useMemo(() => data.map((p) => p.minutes), [data])
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
        xs={xs}
        xDomain={domain}
        xTicks={ticks}
        formatTick={formatTick}
        describeX={describeX}
        series={series}
      />
    </figure>
  )
}
