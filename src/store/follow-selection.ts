/** Keeps the selection true to the run the map shows (see incident-identity.ts). */
import { reconcileIncidentSelection } from './incident-identity'
import { selectMapRun } from './selectors'
import type { AppStore } from './store'

/**
 * Re-resolves an incident selection whenever it or the shown run changes (a compared run shown
 * instead, a run finished, a rerun): clears it with a notice when the shown run has no such
 * exposure. Returns the unsubscribe function.
 */
export function followSelection(store: AppStore): () => void {
  return store.subscribe((state, prev) => {
    const shown = selectMapRun(state)
    if (state.selection === prev.selection && shown === selectMapRun(prev)) return
    const fix = reconcileIncidentSelection(state.selection, shown)
    if (!fix) return
    store.setState({
      selection: fix.selection,
      ...(fix.notice ? { notices: [...state.notices, fix.notice] } : {}),
    })
  })
}
