import { useAppStore } from '../store-context'
import { formatCount } from './format'
import { SweepForm } from './sweep-form'
import { SweepResults } from './sweep-results'
import './sweep-panel.css'

/**
 * The Sweep tab: how a figure moves with one or two parameters of the shown scenario, each grid
 * point with replications and intervals, and where keys from a jurisdiction of concern first
 * appear. Loaded only when the tab opens (recharts comes with it).
 */
export function SweepPanel() {
  const ownPolicy = useAppStore((s) => s.settings.policy)
  const view = useAppStore((s) => s.sweep)
  const problem = useAppStore((s) => s.sweepProblem)
  const startSweep = useAppStore((s) => s.startSweep)
  const cancelSweep = useAppStore((s) => s.cancelSweep)
  const isRunning = view?.status === 'running'
  const axes = view?.plan.axes ?? []
  const points = axes.reduce((n, a) => n * a.values.length, 1)
  return (
    <section aria-labelledby="kr-sweep-h" className="kr-card kr-sweep">
      <h2 id="kr-sweep-h">Sensitivity sweep</h2>
      <p className="kr-hint">
        Runs the shown scenario and seed over a grid of parameter values. The same grid as{' '}
        <code>npm run sweep</code>, which gives the same CSV.
      </p>
      <SweepForm
        ownPolicy={ownPolicy}
        isRunning={isRunning}
        onStart={(request) => void startSweep(request)}
        onCancel={cancelSweep}
      />
      {problem && (
        <p role="alert" className="kr-error">
          {problem}
        </p>
      )}
      {view && (
        <div role="status" className="kr-sweep-status">
          <progress max={view.runsTotal} value={view.runsDone} aria-label="Sweep runs done" />{' '}
          {formatCount(view.runsDone)} of {formatCount(view.runsTotal)} runs ({points} grid points ×{' '}
          {view.plan.policies.length} {view.plan.policies.length === 1 ? 'policy' : 'policies'} ×{' '}
          {view.plan.replications} replications)
          {view.status === 'done' && ': done.'}
          {view.status === 'cancelled' && ': cancelled.'}
          {view.status === 'failed' && `: stopped. ${view.message ?? ''}`}
        </div>
      )}
      {view && view.runsDone > 0 && <SweepResults view={view} />}
    </section>
  )
}
