import { describe, expect, it } from 'vitest'
import { CHART_METRICS, metricSpec } from '../../../src/sim/metrics'
import {
  TIME_AXIS,
  perStepAxis,
  timeAxes,
  timeLegend,
  unitsOf,
} from '../../../src/ui/charts/chart-axes'

describe('chart axes', () => {
  it('names each unit of the metric table once, in order', () => {
    expect(unitsOf(['offered', 'carried'])).toBe('joins')
    expect(unitsOf(['redirected', 'crossBorderExposures', 'concernExposures'])).toBe(
      'joins / key deliveries',
    )
    expect(perStepAxis(['offered'], 60)).toBe('Joins per step (60 min)')
  })

  it("labels a time chart's left axis by its units and a lone right-axis series by its name", () => {
    const joins = CHART_METRICS.filter((m) => m.chart.chart === 'joins').map((m) => ({
      key: m.name,
      ...(m.chart.isOnRightAxis ? { isOnRightAxis: true } : {}),
    }))
    expect(timeAxes(joins, 30)).toEqual({
      x: TIME_AXIS,
      y: 'Joins per step (30 min)',
      yRight: `${metricSpec('blocked').label} per step (30 min)`,
    })
    expect(timeAxes([{ key: 'redirected' }], 60)).not.toHaveProperty('yRight')
  })

  it('gives a time chart a legend entry per line, right-axis ones marked, then the shown time', () => {
    type Point = { minutes: number; a: number; b: number }
    const legend = timeLegend<Point>([
      { key: 'a', name: 'Offered', color: 'var(--kr-c-sky)' },
      { key: 'b', name: 'Blocked', color: 'var(--kr-c-orange)', dash: '2 3', isOnRightAxis: true },
    ])
    expect(legend).toEqual([
      { name: 'Offered', color: 'var(--kr-c-sky)', mark: 'line' },
      { name: 'Blocked (right axis)', color: 'var(--kr-c-orange)', dash: '2 3', mark: 'line' },
      { name: 'Shown time (vertical line)', color: 'var(--kr-accent)', mark: 'line' },
    ])
  })
})
