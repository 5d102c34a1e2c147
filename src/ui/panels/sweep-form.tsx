import { useId, useState } from 'react'
import type { FormEvent } from 'react'
import { POLICIES, POLICY_IDS } from '../../sim/routing'
import type { PolicyId } from '../../sim/model'
import { MAX_REPLICATIONS, MIN_REPLICATIONS } from '../../sim/replications'
import { SWEEP_PARAMETERS } from '../../sim/sweep-parameters'
import type { SweepParameterName } from '../../sim/sweep-parameters'
import type { SweepAxisInput, SweepRequest } from '../../store/sweep-slice'

/**
 * The range the form offers first for each parameter: a view's suggestion, not a model value (the
 * limits are the scenario schema's, checked by src/sim/sweep.ts).
 */
const SUGGESTED: Readonly<Record<SweepParameterName, Omit<SweepAxisInput, 'parameter'>>> = {
  surgeMultiplier: { from: '0.5', to: '1.2', step: '0.1' },
  capacityMultiplier: { from: '0.5', to: '1.5', step: '0.25' },
  primaryAttempts: { from: '1', to: '5', step: '1' },
  secondaryPicks: { from: '1', to: '4', step: '1' },
  crossBorderShare: { from: '0', to: '0.3', step: '0.05' },
  accountMix: { from: '0.1', to: '0.6', step: '0.1' },
}

/** Replications per grid point the form starts with: enough for an interval, quick on a laptop. */
const DEFAULT_SWEEP_REPLICATIONS = 10

const axisOf = (parameter: SweepParameterName): SweepAxisInput => ({
  parameter,
  ...SUGGESTED[parameter],
})

function AxisFields({
  legend,
  axis,
  onChange,
  exclude,
}: {
  legend: string
  axis: SweepAxisInput
  onChange: (axis: SweepAxisInput) => void
  exclude?: SweepParameterName
}) {
  const id = useId()
  const parameter = SWEEP_PARAMETERS.find((p) => p.name === axis.parameter)
  const field = (key: 'from' | 'to' | 'step', label: string) => (
    <label>
      {label}{' '}
      <input
        type="text"
        inputMode="decimal"
        size={5}
        value={axis[key]}
        onChange={(e) => onChange({ ...axis, [key]: e.target.value })}
      />
    </label>
  )
  return (
    <fieldset className="kr-fieldset">
      <legend>{legend}</legend>
      <label htmlFor={`${id}-p`}>Parameter</label>{' '}
      <select
        id={`${id}-p`}
        value={axis.parameter}
        aria-describedby={`${id}-d`}
        onChange={(e) => onChange(axisOf(e.target.value as SweepParameterName))}
      >
        {SWEEP_PARAMETERS.filter((p) => p.name !== exclude).map((p) => (
          <option key={p.name} value={p.name}>
            {p.label}
          </option>
        ))}
      </select>
      <p id={`${id}-d`} className="kr-hint">
        {parameter?.description} Values {parameter?.isMinExclusive ? 'above' : 'from'}{' '}
        {parameter?.min} to {parameter?.max} {parameter?.unit}
        {parameter?.isWhole ? ', whole numbers' : ''}.
      </p>
      <div className="kr-sweep-range">
        {field('from', 'From')} {field('to', 'to')} {field('step', 'step')}
      </div>
    </fieldset>
  )
}

/** The sweep's form: one or two parameters, the policies, the replications per point. */
export function SweepForm({
  ownPolicy,
  isRunning,
  onStart,
  onCancel,
}: {
  ownPolicy: PolicyId
  isRunning: boolean
  onStart: (request: SweepRequest) => void
  onCancel: () => void
}) {
  const [first, setFirst] = useState<SweepAxisInput>(() => axisOf('surgeMultiplier'))
  const [second, setSecond] = useState<SweepAxisInput | null>(null)
  const [policies, setPolicies] = useState<readonly PolicyId[]>([ownPolicy])
  const [replications, setReplications] = useState(String(DEFAULT_SWEEP_REPLICATIONS))
  const id = useId()
  const submit = (e: FormEvent) => {
    e.preventDefault()
    onStart({
      axes: second ? [first, second] : [first],
      policies: POLICY_IDS.filter((p) => policies.includes(p)),
      replications: Number(replications),
    })
  }
  const toggle = (policy: PolicyId, isOn: boolean) =>
    setPolicies((ps) => (isOn ? [...ps, policy] : ps.filter((p) => p !== policy)))
  return (
    <form className="kr-sweep-form" onSubmit={submit} aria-label="Sweep settings">
      <AxisFields
        legend="First parameter"
        axis={first}
        exclude={second?.parameter}
        onChange={setFirst}
      />
      <label>
        <input
          type="checkbox"
          checked={second !== null}
          onChange={(e) =>
            setSecond(
              e.target.checked
                ? axisOf(
                    SWEEP_PARAMETERS.find((p) => p.name !== first.parameter)?.name ??
                      'capacityMultiplier',
                  )
                : null,
            )
          }
        />{' '}
        Sweep a second parameter (heat map)
      </label>
      {second && (
        <AxisFields
          legend="Second parameter"
          axis={second}
          exclude={first.parameter}
          onChange={setSecond}
        />
      )}
      <fieldset className="kr-fieldset">
        <legend>Policies</legend>
        {POLICY_IDS.map((p) => (
          <label key={p} className="kr-sweep-policy">
            <input
              type="checkbox"
              checked={policies.includes(p)}
              onChange={(e) => toggle(p, e.target.checked)}
            />{' '}
            {POLICIES[p].label}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-n`}>Replications per grid point</label>{' '}
      <input
        id={`${id}-n`}
        type="number"
        min={MIN_REPLICATIONS}
        max={MAX_REPLICATIONS}
        step={1}
        value={replications}
        onChange={(e) => setReplications(e.target.value)}
      />
      <div className="kr-button-row">
        <button type="submit">{isRunning ? 'Restart sweep' : 'Run sweep'}</button>
        {isRunning && (
          <button type="button" onClick={onCancel}>
            Cancel sweep
          </button>
        )}
      </div>
    </form>
  )
}
