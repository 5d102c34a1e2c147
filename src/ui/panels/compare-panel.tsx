import { useId } from 'react'
import { useShallow } from 'zustand/react/shallow'
import { POLICIES } from '../../sim/routing'
import { COMPARED_METRIC_NAMES, metricSpec } from '../../sim/metrics'
import type { Totals } from '../../sim/model'
import { ComparePicker } from '../controls/scenario-controls'
import { useAppStore } from '../store-context'
import { formatCount } from './format'

/** One line of the compare table. */
export interface FigureDiff {
  readonly label: string
  readonly primary: number
  readonly compare: number
}

/** The figures the metric table marks for comparing two policies, in its reading order. */
export function comparedFigures(primary: Totals, compare: Totals): readonly FigureDiff[] {
  return COMPARED_METRIC_NAMES.map((name) => ({
    label: metricSpec(name).label,
    primary: primary[name],
    compare: compare[name],
  }))
}

/** Same scenario and seed under two policies: the difference in the figures that matter. */
export function ComparePanel() {
  const { run, compare, comparePolicy, mapRun, setMapRun } = useAppStore(
    useShallow((s) => ({
      run: s.run,
      compare: s.compare,
      comparePolicy: s.comparePolicy,
      mapRun: s.mapRun,
      setMapRun: s.setMapRun,
    })),
  )
  const groupId = useId()
  const a = run?.summary?.totals
  const b = compare?.summary?.totals
  return (
    <section aria-labelledby="kr-compare-h" className="kr-card">
      <h2 id="kr-compare-h">Compare policies</h2>
      <ComparePicker />
      {comparePolicy && run && (
        <>
          {a && b ? (
            <table className="kr-table kr-diff">
              <caption className="kr-visually-hidden">
                {POLICIES[run.policy].label} compared with {POLICIES[comparePolicy].label}
              </caption>
              <thead>
                <tr>
                  <th scope="col">Figure (whole run)</th>
                  <th scope="col">{POLICIES[run.policy].label}</th>
                  <th scope="col">{POLICIES[comparePolicy].label}</th>
                </tr>
              </thead>
              <tbody>
                {comparedFigures(a, b).map((d) => (
                  <tr key={d.label}>
                    <th scope="row">{d.label}</th>
                    <td>{formatCount(d.primary)}</td>
                    <td>
                      <span aria-hidden="true">→ </span>
                      {formatCount(d.compare)}
                      {d.compare !== d.primary && (
                        <span className={d.compare < d.primary ? 'kr-delta-down' : 'kr-delta-up'}>
                          {' '}
                          ({d.compare < d.primary ? '−' : '+'}
                          {formatCount(Math.abs(d.compare - d.primary))})
                        </span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p role="status">Both runs must finish before they can be compared…</p>
          )}
          <fieldset className="kr-fieldset kr-radio-row">
            <legend id={groupId}>The map shows</legend>
            {(
              [
                ['primary', run.policy],
                ['compare', comparePolicy],
              ] as const
            ).map(([which, policy]) => (
              <label key={which}>
                <input
                  type="radio"
                  name={groupId}
                  checked={mapRun === which}
                  onChange={() => setMapRun(which)}
                />
                {POLICIES[policy].label}
              </label>
            ))}
          </fieldset>
        </>
      )}
    </section>
  )
}
