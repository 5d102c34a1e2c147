import type { World } from '../../sim/model'
import { metricSpec } from '../../sim/metrics'
import { loadScope, loadSeries, regionsText } from '../../store/regional-load'
import type { LoadPoint } from '../../store/regional-load'
import type { RunState } from '../../store/store'
import { formatCount, formatShortTime } from '../panels/format'
import { AssumptionTag, CAPACITY_BASIS } from '../panels/provenance'
import { TimeChart } from './time-chart'
import type { SeriesSpec } from './time-chart'
import { ChartFigure } from './chart-figure'
import { TIME_AXIS, timeLegend, unitsOf } from './chart-axes'

/** The load of the participants' regions against their primaries, with the fallback apart. */
export function LoadChart({
  run,
  cursor,
  onPickTime,
}: {
  run: RunState
  cursor: number
  onPickTime: (minutes: number) => void
}) {
  const world = run.world as World
  const data = loadSeries(run.steps, world)
  const step = run.steps[Math.min(run.steps.length - 1, Math.floor(cursor / run.stepMinutes))]
  const scope = loadScope(world, step?.policy ?? run.policy, step?.isListCorrected ?? false)
  const where = regionsText(world, scope.regions)
  const names = (indices: readonly number[]): string =>
    indices.map((i) => world.sites[i]?.city ?? String(i)).join(', ')
  const series: readonly SeriesSpec<LoadPoint>[] = [
    { key: 'load', name: `Concurrent participants (${where})`, color: 'var(--kr-c-blue)' },
    {
      key: 'primaryCapacity',
      name: `Capacity of the ${scope.primary.length} primaries (assumption)`,
      color: 'var(--kr-fg)',
      dash: '6 3',
    },
    {
      key: 'secondaryCapacity',
      name: `Backup capacity, ${scope.secondary.length} sites (assumption)`,
      color: 'var(--kr-muted)',
      dash: '2 3',
    },
  ]
  let peak: LoadPoint | null = null
  for (const p of data)
    if (!peak || p.load / (p.primaryCapacity || 1) > peak.load / (peak.primaryCapacity || 1))
      peak = p
  const peakPct =
    peak && peak.primaryCapacity > 0 ? Math.round((100 * peak.load) / peak.primaryCapacity) : null
  return (
    <ChartFigure
      id="kr-chart-load"
      exported={{
        title: `Load of ${where} vs the capacity of their primaries`,
        fileStem: 'keyroute-chart-load',
        axes: { x: TIME_AXIS, y: `Concurrent ${unitsOf(['activeParticipants'])}` },
        legend: timeLegend(series),
        assumptions: [CAPACITY_BASIS],
      }}
      summary={
        <>
          {peak
            ? `Fullest: ${formatCount(peak.load)} concurrent simulated participants at ${formatShortTime(run.startDate, peak.minutes)} UTC, ${peakPct ?? '–'}% of the ${formatCount(peak.primaryCapacity)} their primaries hold. `
            : ''}
          Capacity of the {scope.primary.length} primaries of {where}: {names(scope.primary)}.
          Backup only: {scope.secondary.length > 0 ? names(scope.secondary) : 'none'}.{' '}
          <AssumptionTag basis={CAPACITY_BASIS} /> {metricSpec('redirected').label} go to the backup
          sites.
        </>
      }
    >
      <TimeChart
        data={data}
        series={series}
        startDate={run.startDate}
        endMinutes={run.stepCount * run.stepMinutes}
        cursorMinutes={cursor}
        onPickTime={onPickTime}
      />
    </ChartFigure>
  )
}
