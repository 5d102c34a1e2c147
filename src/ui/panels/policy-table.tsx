import { useId } from 'react'
import { POLICY_IDS } from '../../sim/model'
import type { PolicyId } from '../../sim/model'
import { INTERVAL_METHOD } from '../../sim/replications'
import type { Interval, ReplicatedMetricName } from '../../sim/replications'
import { POLICIES } from '../../sim/routing'
import { policyTableRows } from '../../store/replication-selectors'
import { useAppStore } from '../store-context'
import { formatFigure, intervalText, progressText } from './replications-panel'
import './evidence.css'

function differenceText(name: ReplicatedMetricName, d: Interval): string {
  const sign = d.mean > 0 ? '+' : d.mean < 0 ? '−' : '±'
  const magnitude = `${sign}${formatFigure(name, Math.abs(d.mean))}`
  if (d.n < 2) return magnitude
  return `${magnitude} (${formatFigure(name, d.lower)} to ${formatFigure(name, d.upper)})`
}

/**
 * Every policy on the same scenario, seed and meetings, one column each, with the differences
 * against a chosen baseline (taken seed by seed, so the same meetings are compared). A column's
 * header shows that policy's run on the map.
 */
export function PolicyTable() {
  const table = useAppStore((s) => s.policyTable)
  const shownPolicy = useAppStore((s) => s.settings.policy)
  const baselineChoice = useAppStore((s) => s.baselinePolicy)
  const setBaseline = useAppStore((s) => s.setBaselinePolicy)
  const setPolicy = useAppStore((s) => s.setPolicy)
  const headingId = useId()
  const baselineId = useId()
  if (!table) return null
  const baseline = baselineChoice ?? shownPolicy
  const rows = policyTableRows(table, baseline)
  const isReplicated = table.runsPerPolicy > 1
  return (
    <section aria-labelledby={headingId} className="kr-card kr-evidence">
      <h2 id={headingId}>All policies side by side</h2>
      <p role="status" aria-live="polite">
        {isReplicated
          ? progressText(table)
          : `${table.done} of ${table.total} policy runs done${table.status === 'running' ? '…' : ''}`}
      </p>
      {table.status === 'failed' && (
        <p role="alert" className="kr-error">
          {table.message}
        </p>
      )}
      <p className="kr-hint">
        Same scenario, seed and meetings for every policy
        {isReplicated
          ? `; means with the ${INTERVAL_METHOD} over ${table.runsPerPolicy} replications each.`
          : '; one run each (turn on replications for intervals).'}{' '}
        Differences are against the baseline, seed by seed.
      </p>
      <div className="kr-field kr-field-inline">
        <label htmlFor={baselineId}>Baseline</label>
        <select
          id={baselineId}
          value={baseline}
          onChange={(e) => setBaseline(e.target.value as PolicyId)}
        >
          {POLICY_IDS.map((p) => (
            <option key={p} value={p}>
              {POLICIES[p].label}
            </option>
          ))}
        </select>
      </div>
      <div className="kr-table-scroll">
        <table className="kr-table kr-policy-table">
          <caption className="kr-visually-hidden">
            Whole-run figures of every policy; each cell gives the figure and its difference from{' '}
            {POLICIES[baseline].label}
          </caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              {POLICY_IDS.map((p) => (
                <th key={p} scope="col" aria-current={p === shownPolicy ? 'true' : undefined}>
                  <button
                    type="button"
                    className="kr-link-button"
                    onClick={() => setPolicy(p)}
                    aria-label={`${POLICIES[p].label}: show this run on the map`}
                  >
                    {POLICIES[p].label}
                  </button>
                  {p === baseline && <span className="kr-hint"> (baseline)</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.name} data-metric={row.name}>
                <th scope="row">
                  {row.label} <span className="kr-hint">({row.unit})</span>
                </th>
                {row.cells.map((cell) => (
                  <td key={cell.policy} data-policy={cell.policy}>
                    {cell.value === null ? (
                      '…'
                    ) : (
                      <span aria-label={intervalText(row.name, cell.value)}>
                        {isReplicated
                          ? intervalText(row.name, cell.value)
                          : formatFigure(row.name, cell.value.mean)}
                      </span>
                    )}
                    {cell.difference && (
                      <span className="kr-difference">
                        {' '}
                        {differenceText(row.name, cell.difference)}
                      </span>
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
