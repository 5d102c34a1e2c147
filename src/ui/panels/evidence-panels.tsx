import { Suspense, lazy } from 'react'
import { useAppStore } from '../store-context'

// Both views load only when used: they bring the charting library and the tables with them.
const ReplicationsPanel = lazy(() =>
  import('./replications-panel').then((m) => ({ default: m.ReplicationsPanel })),
)
const PolicyTable = lazy(() => import('./policy-table').then((m) => ({ default: m.PolicyTable })))

/** The replications of the run (when on) and the all-policies table (when asked for). */
export function EvidencePanels() {
  const hasReplications = useAppStore((s) => s.replications !== null)
  const isTableOpen = useAppStore((s) => s.isPolicyTableOpen)
  const setTableOpen = useAppStore((s) => s.setPolicyTableOpen)
  return (
    <>
      {hasReplications && (
        <Suspense fallback={<p role="status">Loading replications…</p>}>
          <ReplicationsPanel />
        </Suspense>
      )}
      <button type="button" aria-expanded={isTableOpen} onClick={() => setTableOpen(!isTableOpen)}>
        {isTableOpen ? 'Hide all policies' : 'All policies side by side'}
      </button>
      {isTableOpen && (
        <Suspense fallback={<p role="status">Loading the policy table…</p>}>
          <PolicyTable />
        </Suspense>
      )}
    </>
  )
}
