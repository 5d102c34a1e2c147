import { useId } from 'react'
import { POLICY_IDS } from '../../sim/model'
import type { PolicyId } from '../../sim/model'
import { PRESETS, PRESET_IDS } from '../../sim/presets/scenarios'
import type { PresetId } from '../../sim/presets/scenarios'
import { POLICIES, POLICY_LIST } from '../../sim/routing'
import { useAppStore } from '../store-context'

const isPolicy = (v: string): v is PolicyId => (POLICY_IDS as readonly string[]).includes(v)
const isPreset = (v: string): v is PresetId => (PRESET_IDS as readonly string[]).includes(v)

/** One option per policy of the routing table, by its label. */
function PolicyOptions() {
  return POLICY_LIST.map((p) => (
    <option key={p.id} value={p.id}>
      {p.label}
    </option>
  ))
}

/** Chooses a built-in scenario (or shows that an imported file is in use). */
export function PresetPicker() {
  const presetId = useAppStore((s) => s.settings.presetId)
  const customName = useAppStore((s) => s.customScenario?.name)
  const setPreset = useAppStore((s) => s.setPreset)
  const id = useId()
  return (
    <div className="kr-field">
      <label htmlFor={id}>Scenario</label>
      <select
        id={id}
        value={presetId}
        onChange={(e) => {
          if (isPreset(e.target.value)) setPreset(e.target.value)
        }}
      >
        {presetId === 'custom' && (
          <option value="custom">Imported: {customName ?? 'scenario file'}</option>
        )}
        {PRESET_IDS.map((p) => (
          <option key={p} value={p}>
            {PRESETS[p].name}
          </option>
        ))}
      </select>
    </div>
  )
}

/**
 * Chooses the routing policy; the policy's summary, and what the run's backup-list correction
 * changes for it, are the select's description.
 */
export function PolicyPicker() {
  const policy = useAppStore((s) => s.settings.policy)
  const setPolicy = useAppStore((s) => s.setPolicy)
  const hasFix = useAppStore((s) => s.run?.timeline.some((e) => e.kind === 'list-correction'))
  const id = useId()
  const { summary, listCorrection } = POLICIES[policy]
  const description = hasFix ? `${summary} Backup-list fix: ${listCorrection.change}` : summary
  return (
    <div className="kr-field">
      <label htmlFor={id}>Routing policy</label>
      <select
        id={id}
        value={policy}
        aria-describedby={`${id}-summary`}
        title={description}
        onChange={(e) => {
          if (isPolicy(e.target.value)) setPolicy(e.target.value)
        }}
      >
        <PolicyOptions />
      </select>
      <span id={`${id}-summary`} className="kr-visually-hidden">
        {description}
      </span>
    </div>
  )
}

/** Runs the same scenario and seed under a second policy, for a side-by-side difference. */
export function ComparePicker() {
  const comparePolicy = useAppStore((s) => s.comparePolicy)
  const setComparePolicy = useAppStore((s) => s.setComparePolicy)
  const id = useId()
  return (
    <div className="kr-field">
      <label htmlFor={id}>Compare with policy</label>
      <select
        id={id}
        value={comparePolicy ?? ''}
        onChange={(e) => setComparePolicy(isPolicy(e.target.value) ? e.target.value : null)}
      >
        <option value="">None</option>
        <PolicyOptions />
      </select>
    </div>
  )
}
