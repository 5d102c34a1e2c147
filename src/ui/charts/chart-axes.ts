/**
 * The axis labels of the exported charts, with units from the metric table, so a chart's export
 * names its units as the step series CSV and the CLI do.
 */
import { metricSpec } from '../../sim/metrics'
import type { MetricName } from '../../sim/metrics'
import type { ChartAxes, LegendEntry } from '../export/chart-svg'
import { seriesName } from './time-chart'
import type { SeriesSpec, TimePoint } from './time-chart'

/** The time charts' horizontal axis: ticks at midnight UTC. */
export const TIME_AXIS = 'Time (UTC; ticks at midnight)'

const capitalised = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/** The units of `names` in the metric table, each once, in order: "joins / key deliveries". */
export function unitsOf(names: readonly MetricName[]): string {
  return [...new Set(names.map((n) => metricSpec(n).unit))].join(' / ')
}

/** The exposure pairs chart: each delivery of a key outside the allowed regions counts once. */
export const PAIRS_AXES: ChartAxes = {
  x: `Exposures (${unitsOf(['exposedDeliveries'])})`,
  y: 'Participant jurisdiction',
}

/** The site utilisation chart. */
export const SITES_AXES: ChartAxes = {
  x: 'Peak utilisation (% of assumed capacity)',
  y: 'Data-center site',
}

/** A per-step count axis: "Joins per step (60 min)". */
export function perStepAxis(names: readonly MetricName[], stepMinutes: number): string {
  return `${capitalised(unitsOf(names))} per step (${stepMinutes} min)`
}

/** The legend of a time chart: its lines, then the vertical line of the shown time. */
export function timeLegend<P extends TimePoint>(
  series: readonly SeriesSpec<P>[],
): readonly LegendEntry[] {
  return [
    ...series.map((s) => ({
      name: seriesName(s),
      color: s.color,
      mark: 'line' as const,
      ...(s.dash ? { dash: s.dash } : {}),
    })),
    { name: 'Shown time (vertical line)', color: 'var(--kr-accent)', mark: 'line' },
  ]
}

/** The axes of a time chart of per-step metrics, its right axis too where it has one. */
export function timeAxes(
  series: readonly { readonly key: MetricName; readonly isOnRightAxis?: boolean }[],
  stepMinutes: number,
): ChartAxes {
  const left = series.filter((s) => !s.isOnRightAxis).map((s) => s.key)
  const right = series.filter((s) => s.isOnRightAxis).map((s) => s.key)
  return {
    x: TIME_AXIS,
    y: perStepAxis(left, stepMinutes),
    // One series on the right names itself, so the two axes are told apart at a glance.
    ...(right.length === 1 && right[0]
      ? { yRight: `${metricSpec(right[0]).label} per step (${stepMinutes} min)` }
      : right.length > 1
        ? { yRight: perStepAxis(right, stepMinutes) }
        : {}),
  }
}
