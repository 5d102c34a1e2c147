import { useId } from 'react'
import { DEFAULT_REPLICATIONS, MAX_REPLICATIONS, MIN_REPLICATIONS } from '../../sim/replications'
import { useAppStore } from '../store-context'
import { CommittedNumber } from './run-settings'

/**
 * Replications: off (a single run) or N runs of the same scenario on derived seeds, in the
 * worker pool. Turning it on asks for the default count; the count is in the link.
 */
export function ReplicationsSetting() {
  const count = useAppStore((s) => s.replicationCount)
  const setCount = useAppStore((s) => s.setReplicationCount)
  const hintId = useId()
  return (
    <div className="kr-field">
      <label className="kr-check">
        <input
          type="checkbox"
          checked={count > 0}
          aria-describedby={hintId}
          onChange={(e) => setCount(e.target.checked ? DEFAULT_REPLICATIONS : 0)}
        />
        Replications
      </label>
      {count > 0 && (
        <CommittedNumber
          label="Replications"
          value={count}
          min={MIN_REPLICATIONS}
          max={MAX_REPLICATIONS}
          step={1}
          onCommit={setCount}
        />
      )}
      <p id={hintId} className="kr-hint">
        {count > 0
          ? `The run repeated on ${count} seeds derived from the seed (the first is the run itself); the figures show a mean and its 95% interval.`
          : 'Off: a single run. On: the run repeated on derived seeds, for figures with intervals.'}
      </p>
    </div>
  )
}
