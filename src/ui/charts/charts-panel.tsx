import { memo, useCallback, useId, useState } from 'react'
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts'
import { useShallow } from 'zustand/react/shallow'
import {
  currentStep,
  runEndMinutes,
  selectMapRun,
  shownPolicyLabel,
  shownStepEndMinutes,
} from '../../store/selectors'
import { chartSeries, exposurePairChart, exposurePairsUpTo } from '../../store/chart-selectors'
import { siteLoads } from '../../store/site-selectors'
import type { ChartPoint } from '../../store/chart-selectors'
import type { AppState, RunState } from '../../store/store'
import { CHART_METRICS, metricSpec } from '../../sim/metrics'
import type { ChartSpec } from '../../sim/metrics'
import { formatCount, formatShortTime, formatStepSpan } from '../panels/format'
import { AssumptionTag, CAPACITY_BASIS } from '../panels/provenance'
import { countTicks, evenAxis } from './axis-ticks'
import { LoadChart } from './load-chart'
import { useAppStore } from '../store-context'
import { AXIS_TICK, TimeChart, TOOLTIP_STYLE } from './time-chart'
import { useThrottledRun } from './use-throttled-run'
import type { SeriesSpec } from './time-chart'
import './charts.css'
import { RunHeading } from '../panels/run-heading'
import { ChartFigure } from './chart-figure'
import { PAIRS_AXES, SITES_AXES, timeAxes, timeLegend } from './chart-axes'

// Each series is coloured by what it means, as the map colours exposures.
export const TONE_COLOURS: Readonly<Record<ChartSpec['tone'], string>> = {
  load: 'var(--kr-c-sky)',
  capacity: 'var(--kr-c-green)',
  demand: 'var(--kr-c-sky)',
  served: 'var(--kr-c-green)',
  refused: 'var(--kr-c-orange)',
  rerouted: 'var(--kr-c-purple)',
  crossBorder: 'var(--kr-c-blue)',
  concern: 'var(--kr-exposed)',
}

/** The chart's series from the metric table; blocked joins sit on their own right axis there. */
function seriesOf(chart: ChartSpec['chart']): readonly SeriesSpec<ChartPoint>[] {
  return CHART_METRICS.filter((m) => m.chart.chart === chart).map((m) => ({
    key: m.name,
    name: m.label,
    color: TONE_COLOURS[m.chart.tone],
    ...(m.chart.isOnRightAxis ? { isOnRightAxis: true } : {}),
  }))
}
const JOINS = seriesOf('joins')
const EXPOSURES = seriesOf('keys')
const PAIR_COLOURS = [
  'var(--kr-c-blue)',
  'var(--kr-c-green)',
  'var(--kr-c-purple)',
  'var(--kr-c-sky)',
]
const pairName = (keyJurisdiction: string): string => `Key from ${keyJurisdiction}`

// A site's bar is coloured by where its keys stand, as the map colours sites.
const SITE_COLOURS = {
  concern: 'var(--kr-exposed)',
  other: 'var(--kr-normal-path)',
  down: 'var(--kr-muted)',
} as const
const SITE_LEGEND = [
  { name: 'Site in a jurisdiction of concern', color: SITE_COLOURS.concern, mark: 'box' },
  { name: 'Other site', color: SITE_COLOURS.other, mark: 'box' },
] as const
const SITE_DOWN_LEGEND = { name: 'Site down', color: SITE_COLOURS.down, mark: 'box' } as const

// The bar charts lie on their side: values along the bottom, categories down the left.
const VALUE_AXIS = { type: 'number', stroke: 'var(--kr-muted)', tick: AXIS_TICK } as const
const CATEGORY_AXIS = {
  type: 'category',
  stroke: 'var(--kr-muted)',
  tick: { fill: 'var(--kr-fg)', fontSize: 12 },
} as const

function peakOf(data: readonly ChartPoint[], key: keyof ChartPoint): ChartPoint | null {
  let best: ChartPoint | null = null
  for (const p of data) if (!best || p[key] > best[key]) best = p
  return best
}

/** Which exposure pairs the bar chart sums: up to the shown step, or the whole run. */
type PairSpan = 'soFar' | 'whole'

/** The charts of the run the map shows, each with a one-sentence text alternative. */
export function ChartsPanel() {
  const { run, cursor, policyLabel, setTime, select, pause } = useAppStore(
    useShallow((s) => {
      const run = selectMapRun(s)
      return {
        run,
        // Snapped to the step so the charts redraw once per step, not once per frame.
        cursor: run ? Math.floor(s.timeMinutes / run.stepMinutes) * run.stepMinutes : 0,
        policyLabel: shownPolicyLabel(s),
        setTime: s.setTime,
        select: s.select,
        pause: s.pause,
      }
    }),
  )
  const shownRun = useThrottledRun(run)
  return (
    <ChartsView
      run={shownRun}
      cursor={cursor}
      policyLabel={policyLabel}
      setTime={setTime}
      select={select}
      pause={pause}
    />
  )
}

/** Memoised: between two throttled updates a snapshot re-renders the panel above, not this. */
const ChartsView = memo(function ChartsView({
  run,
  cursor,
  policyLabel,
  setTime,
  select,
  pause,
}: {
  run: RunState | null
  cursor: number
  policyLabel: string | null
  setTime: AppState['setTime']
  select: AppState['select']
  pause: AppState['pause']
}) {
  const [pairSpan, setPairSpan] = useState<PairSpan>('soFar')
  const pairSpanId = useId()
  const onPickTime = useCallback(
    (m: number) => {
      pause()
      setTime(m)
    },
    [pause, setTime],
  )
  // A run shows once `started` gave its world and dates and a step arrived; its list grows in
  // place, so the throttled run object may already hold steps its `stepsDone` does not count.
  if (!run || !run.world || run.stepsDone === 0)
    return <p role="status">Charts appear as the run proceeds.</p>
  const concern = run.concernJurisdictions
  const pairColour = (k: string, i: number): string =>
    concern.includes(k) ? 'var(--kr-exposed)' : (PAIR_COLOURS[i % PAIR_COLOURS.length] as string)
  const data = chartSeries(run.steps)
  const end = runEndMinutes(run)
  const start = run.startDate
  const step = currentStep(run, cursor)
  const loads = siteLoads(step, run.world).filter((l) => l.utilisationPct > 0 || l.isDown)
  // Whole-run pairs come with the summary; until then, and whenever asked, sum the steps so far.
  const isWholeRun = pairSpan === 'whole' && run.summary !== null
  const pairs = exposurePairChart(
    isWholeRun && run.summary ? run.summary.exposurePairs : exposurePairsUpTo(run, cursor),
  )
  const pairTicks = countTicks(Math.max(0, ...pairs.rows.map((r) => Number(r.total))))
  const pairsEnd = shownStepEndMinutes(run, cursor)
  const pairsWhen = isWholeRun
    ? 'over the whole run'
    : `through ${pairsEnd !== null ? formatStepSpan(start, pairsEnd - run.stepMinutes, run.stepMinutes) : '–'}`
  const peakBlocked = peakOf(data, 'blocked')
  const peakConcern = peakOf(data, 'concernExposures')
  const at = (p: ChartPoint | null): string =>
    p ? `${formatShortTime(start, p.minutes)} UTC` : '–'
  const downsampled = data.length < run.steps.length

  return (
    <section aria-labelledby="kr-charts-h" className="kr-card kr-charts">
      <RunHeading id="kr-charts-h" title="Charts" policyLabel={policyLabel} />
      {downsampled && (
        <p className="kr-hint">
          {formatCount(run.steps.length)} steps shown as {formatCount(data.length)} points: each
          point is the peak of its steps.
        </p>
      )}
      {run.world && <LoadChart run={run} cursor={cursor} onPickTime={onPickTime} />}
      {[
        {
          id: 'kr-chart-joins',
          fileStem: 'keyroute-chart-joins',
          title: 'Joins per step: offered, carried, blocked',
          summary: `${metricSpec('blocked').label}, on the right axis: at most ${formatCount(peakBlocked?.blocked ?? 0)} in one step, at ${at(peakBlocked)}.`,
          series: JOINS,
        },
        {
          id: 'kr-chart-exposures',
          fileStem: 'keyroute-chart-exposures',
          title: 'Redirects and key exposures per step',
          summary:
            peakConcern && peakConcern.concernExposures > 0
              ? `Most ${metricSpec('concernExposures').label.toLowerCase()} in one step: ${formatCount(peakConcern.concernExposures)} at ${at(peakConcern)}.`
              : 'No key came from a jurisdiction of concern.',
          series: EXPOSURES,
        },
      ].map((chart) => (
        <ChartFigure
          key={chart.id}
          id={chart.id}
          summary={chart.summary}
          exported={{
            title: chart.title,
            fileStem: chart.fileStem,
            axes: timeAxes(chart.series, run.stepMinutes),
            legend: timeLegend(chart.series),
          }}
        >
          <TimeChart
            data={data}
            series={chart.series}
            startDate={start}
            endMinutes={end}
            cursorMinutes={cursor}
            onPickTime={onPickTime}
          />
        </ChartFigure>
      ))}
      <ChartFigure
        id="kr-chart-pairs"
        exported={{
          title: `Exposures by participant jurisdiction → key jurisdiction, ${pairsWhen}`,
          fileStem: 'keyroute-chart-exposure-pairs',
          axes: PAIRS_AXES,
          legend: pairs.keyJurisdictions.map((k, i) => ({
            name: pairName(k),
            color: pairColour(k, i),
            mark: 'box',
          })),
        }}
        summary={
          pairs.rows.length > 0
            ? pairs.rows
                .slice(0, 3)
                .map(
                  (r) =>
                    `${String(r.origin)}: ${pairs.keyJurisdictions
                      .filter((k) => typeof r[k] === 'number')
                      .map((k) => `${formatCount(r[k] as number)} to ${k}`)
                      .join(', ')}`,
                )
                .join('; ') + '.'
            : `No exposures ${pairsWhen}.`
        }
      >
        <fieldset className="kr-fieldset kr-radio-row">
          <legend id={pairSpanId}>Exposures counted</legend>
          <label>
            <input
              type="radio"
              name={pairSpanId}
              checked={!isWholeRun}
              onChange={() => setPairSpan('soFar')}
            />
            Up to the shown time
          </label>
          <label>
            <input
              type="radio"
              name={pairSpanId}
              checked={isWholeRun}
              disabled={!run.summary}
              onChange={() => setPairSpan('whole')}
            />
            Whole run{run.summary ? '' : ' (when it finishes)'}
          </label>
        </fieldset>
        {pairs.rows.length > 0 && (
          <ResponsiveContainer
            width="100%"
            height={40 + pairs.rows.length * 28}
            initialDimension={{ width: 360, height: 40 + pairs.rows.length * 28 }}
          >
            <BarChart
              data={pairs.rows}
              layout="vertical"
              accessibilityLayer
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
            >
              <CartesianGrid stroke="var(--kr-grid)" strokeDasharray="2 4" horizontal={false} />
              <XAxis {...VALUE_AXIS} {...evenAxis(pairTicks)} />
              <YAxis {...CATEGORY_AXIS} dataKey="origin" width={44} />
              <Tooltip formatter={(v) => formatCount(Number(v))} contentStyle={TOOLTIP_STYLE} />
              <Legend wrapperStyle={{ fontSize: 12 }} />
              {pairs.keyJurisdictions.map((k, i) => (
                <Bar
                  key={k}
                  dataKey={k}
                  name={pairName(k)}
                  stackId="keys"
                  isAnimationActive={false}
                  fill={pairColour(k, i)}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFigure>
      <ChartFigure
        id="kr-chart-sites"
        exported={{
          title: `Site utilisation (peak, % of capacity), ${formatStepSpan(start, cursor, run.stepMinutes)}`,
          fileStem: 'keyroute-chart-sites',
          axes: SITES_AXES,
          legend: loads.some((l) => l.isDown) ? [...SITE_LEGEND, SITE_DOWN_LEGEND] : SITE_LEGEND,
          assumptions: [CAPACITY_BASIS],
        }}
        summary={
          <>
            {loads.length > 0
              ? `Busiest: ${loads
                  .slice(0, 3)
                  .map((l) => `${l.label} ${l.isDown ? 'down' : `${l.utilisationPct}%`}`)
                  .join(', ')}. Click a bar to select the site. `
              : 'No site carries load in this step. '}
            <AssumptionTag basis={CAPACITY_BASIS} /> Percent of each site’s assumed capacity.
          </>
        }
      >
        {loads.length > 0 && (
          <ResponsiveContainer
            width="100%"
            height={30 + loads.length * 22}
            initialDimension={{ width: 360, height: 30 + loads.length * 22 }}
          >
            <BarChart
              data={loads}
              layout="vertical"
              accessibilityLayer
              margin={{ top: 4, right: 8, bottom: 0, left: 0 }}
              onClick={(state) => {
                const l = loads[Number(state.activeIndex)]
                if (l) select({ kind: 'site', id: l.siteId })
              }}
            >
              <CartesianGrid stroke="var(--kr-grid)" strokeDasharray="2 4" horizontal={false} />
              <XAxis {...VALUE_AXIS} domain={[0, 100]} unit="%" />
              <YAxis
                {...CATEGORY_AXIS}
                dataKey="label"
                width={96}
                tick={{ ...CATEGORY_AXIS.tick, fontSize: 11 }}
                tickFormatter={(s: string) => (s.length > 14 ? `${s.slice(0, 13)}…` : s)}
              />
              <Tooltip formatter={(v) => `${Number(v)}%`} contentStyle={TOOLTIP_STYLE} />
              <Bar dataKey="utilisationPct" name="Peak utilisation" isAnimationActive={false}>
                {loads.map((l) => (
                  <Cell
                    key={l.siteId}
                    fill={
                      SITE_COLOURS[
                        l.isDown ? 'down' : concern.includes(l.jurisdiction) ? 'concern' : 'other'
                      ]
                    }
                  />
                ))}
              </Bar>
            </BarChart>
          </ResponsiveContainer>
        )}
      </ChartFigure>
    </section>
  )
})
