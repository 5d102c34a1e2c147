import { replicationBandsCsv, replicationsJson, runFileStem } from '../../sim/exports'
import type { ReplicationsView } from '../../store/replications-slice'
import type { RunState } from '../../store/store'
import { downloadText } from './export'

/**
 * The finished replications as files: the JSON `npm run sim -- <scenario> --replications N
 * --json` prints for the same scenario, seed and policy, and the bands `--csv FILE` writes. The
 * identity is the shown run's (its replication 1 is that run).
 */
export function ReplicationDownloads({ view, run }: { view: ReplicationsView; run: RunState }) {
  const { summary } = run
  const { set } = view
  if (view.status !== 'done' || !summary || !set) return null
  const identity = {
    scenarioId: summary.scenarioId,
    engineVersion: summary.engineVersion,
    baseSeed: view.seeds[0] ?? summary.seed,
    policy: summary.initialPolicy,
  }
  const stem = `${runFileStem(identity.scenarioId, identity.baseSeed, identity.policy)}-replications-${set.replications.length}`
  return (
    <p className="kr-button-row">
      <button
        type="button"
        onClick={() =>
          downloadText(`${stem}.json`, replicationsJson(identity, set), 'application/json')
        }
      >
        Download replications (JSON)
      </button>{' '}
      <button
        type="button"
        onClick={() =>
          downloadText(
            `${stem}-bands.csv`,
            replicationBandsCsv(run.startDate, run.stepMinutes, set),
            'text/csv',
          )
        }
      >
        Download bands (CSV)
      </button>
    </p>
  )
}
