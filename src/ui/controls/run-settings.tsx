import { useEffect, useId, useMemo, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { POLICIES, POLICY_LIST } from '../../sim/routing'
import { SEED_MAX } from '../../sim/random'
import { settingsForPreset } from '../../store/store'
import { tileUrlProblem } from '../../store/tile-url'
import { useAppStore } from '../store-context'
import { ImportScenario } from './import-scenario'
import { ReplicationsSetting } from './replications-setting'
import './controls.css'

const commitOnEnter = (e: KeyboardEvent<HTMLInputElement>): void => {
  if (e.key === 'Enter') e.currentTarget.blur()
}

/**
 * A number input that commits on blur or Enter, so typing "2020" starts one run, not four.
 * The draft resets whenever the committed value changes elsewhere (a link, a preset).
 */
export function CommittedNumber({
  label,
  value,
  min,
  max,
  step,
  onCommit,
  suffix,
}: {
  label: string
  value: number
  min: number
  max: number
  step: number
  onCommit: (value: number) => void
  suffix?: string
}) {
  const id = useId()
  const [draft, setDraft] = useState<{ text: string; base: number } | null>(null)
  const text = draft && draft.base === value ? draft.text : String(value)
  const commit = (): void => {
    setDraft(null)
    const n = Number(text)
    if (text.trim() !== '' && Number.isFinite(n) && n !== value)
      onCommit(Math.max(min, Math.min(max, n)))
  }
  return (
    <div className="kr-field kr-field-inline">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={step}
        value={text}
        onChange={(e) => setDraft({ text: e.target.value, base: value })}
        onBlur={commit}
        onKeyDown={commitOnEnter}
      />
      {suffix && <span className="kr-suffix">{suffix}</span>}
    </div>
  )
}

/** Explains a seed that cannot be used; the previous seed stays. */
export const SEED_PROBLEM = `A seed is a whole number from 0 to ${SEED_MAX}`

/**
 * The seed of the random generator: same scenario and seed, same run. A seed that is not a whole
 * number in range is refused with a message rather than clamped, so a typed -1 never silently
 * becomes 0.
 */
export function SeedInput() {
  const seed = useAppStore((s) => s.settings.seed)
  const setSeed = useAppStore((s) => s.setSeed)
  const id = useId()
  const messageId = useId()
  const [draft, setDraft] = useState<{ text: string; base: number } | null>(null)
  // Kept with the seed it was refused under: a seed set elsewhere (a preset, a link) clears it.
  const [refusal, setRefusal] = useState<{ text: string; base: number } | null>(null)
  const refused = refusal && refusal.base === seed ? refusal.text : null
  const text = draft && draft.base === seed ? draft.text : String(seed)
  const commit = (): void => {
    setDraft(null)
    if (draft === null || draft.base !== seed) return
    const trimmed = text.trim()
    // An emptied box just goes back to the seed in use.
    if (trimmed === '' || trimmed === String(seed)) {
      setRefusal(null)
      return
    }
    const n = Number(trimmed)
    if (!Number.isInteger(n) || n < 0 || n > SEED_MAX) {
      setRefusal({ text: trimmed, base: seed })
      return
    }
    setRefusal(null)
    setSeed(n)
  }
  return (
    <div className="kr-field">
      <div className="kr-field kr-field-inline">
        <label htmlFor={id}>Seed</label>
        <input
          id={id}
          type="number"
          inputMode="numeric"
          min={0}
          max={SEED_MAX}
          step={1}
          value={text}
          aria-invalid={refused !== null}
          aria-describedby={refused !== null ? messageId : undefined}
          onChange={(e) => setDraft({ text: e.target.value, base: seed })}
          onBlur={commit}
          onKeyDown={commitOnEnter}
        />
      </div>
      {refused !== null && (
        <p id={messageId} role="alert" className="kr-error kr-field-message">
          {SEED_PROBLEM}: {refused} was not used; the seed stays {seed}.
        </p>
      )}
    </div>
  )
}

/** Idle time after the last arrow key before the slider's value starts a run. */
export const SURGE_KEY_IDLE_MS = 400

/**
 * Multiplies the scenario's demand. Dragging only moves the thumb; the run starts when the
 * pointer lets go, the slider loses focus, or the arrow keys rest for a moment.
 */
export function SurgeInput() {
  const surge = useAppStore((s) => s.settings.surgeMultiplier)
  const setSurge = useAppStore((s) => s.setSurgeMultiplier)
  const id = useId()
  const [draft, setDraft] = useState<{ value: number; base: number } | null>(null)
  // Pointer-up can arrive before React has rendered the last change: read the latest value here.
  const latest = useRef<number | null>(null)
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null)
  const shown = draft && draft.base === surge ? draft.value : surge
  const clearTimer = (): void => {
    if (idleTimer.current !== null) clearTimeout(idleTimer.current)
    idleTimer.current = null
  }
  const commit = (): void => {
    clearTimer()
    const value = latest.current
    latest.current = null
    setDraft(null)
    if (value !== null && value !== surge) setSurge(value)
  }
  useEffect(() => clearTimer, [])
  return (
    <div className="kr-field kr-field-inline">
      <label htmlFor={id}>Surge multiplier</label>
      <input
        id={id}
        type="range"
        min={0.25}
        max={5}
        step={0.25}
        value={Math.min(5, Math.max(0.25, shown))}
        aria-valuetext={`${shown} times the scenario's demand`}
        onChange={(e) => {
          const value = Number(e.target.value)
          latest.current = value
          setDraft({ value, base: surge })
        }}
        onPointerUp={commit}
        onBlur={commit}
        onKeyUp={() => {
          if (latest.current === null) return
          clearTimer()
          idleTimer.current = setTimeout(commit, SURGE_KEY_IDLE_MS)
        }}
      />
      <output htmlFor={id} className="kr-suffix">
        ×{shown}
      </output>
    </div>
  )
}

/** The policies under which the account mix changes routing, named as the picker names them. */
const ACCOUNT_AWARE_LABELS = POLICY_LIST.filter((p) => p.isAccountAware)
  .map((p) => `“${p.label}”`)
  .join(' and ')

/** Shares of free, paid and government accounts, in percent (the engine normalises them). */
export function AccountMix() {
  const accounts = useAppStore((s) => s.settings.accounts)
  const setAccounts = useAppStore((s) => s.setAccounts)
  const policy = useAppStore((s) => s.settings.policy)
  const presetId = useAppStore((s) => s.settings.presetId)
  const [isEdited, setIsEdited] = useState(false)
  const pct = (x: number): number => Math.round(x * 1000) / 10
  const total = pct(accounts.free + accounts.paid + accounts.government)
  const preset = useMemo(
    () => (presetId === 'custom' ? null : settingsForPreset(presetId).accounts),
    [presetId],
  )
  const isChanged =
    isEdited ||
    (preset !== null &&
      (preset.free !== accounts.free ||
        preset.paid !== accounts.paid ||
        preset.government !== accounts.government))
  return (
    <fieldset className="kr-fieldset">
      <legend>Account mix (%)</legend>
      {(['free', 'paid', 'government'] as const).map((kind) => (
        <CommittedNumber
          key={kind}
          label={kind[0]?.toUpperCase() + kind.slice(1)}
          value={pct(accounts[kind])}
          min={0}
          max={100}
          step={1}
          suffix="%"
          onCommit={(v) => {
            setIsEdited(true)
            setAccounts({ ...accounts, [kind]: v / 100 })
          }}
        />
      ))}
      <p className="kr-hint">
        Sum {total}%{total !== 100 ? ': shares are scaled to 100%' : ''}.
      </p>
      {isChanged && !POLICIES[policy].isAccountAware && (
        <p className="kr-hint kr-mix-hint">
          This policy routes all accounts alike: the mix matters under {ACCOUNT_AWARE_LABELS}, and
          for the cross-border count of government accounts.
        </p>
      )}
    </fieldset>
  )
}

/**
 * Seed, surge, account mix and import, behind one disclosure so the header stays one line. Open,
 * it lies over the side panel's tabs, so Escape and a press anywhere outside close it too.
 */
export function RunSettings() {
  const detailsRef = useRef<HTMLDetailsElement | null>(null)
  const summaryRef = useRef<HTMLElement | null>(null)
  const [isOpen, setIsOpen] = useState(false)
  useEffect(() => {
    if (!isOpen) return
    const onPointerDown = (e: PointerEvent): void => {
      const details = detailsRef.current
      if (details && e.target instanceof Node && !details.contains(e.target)) details.open = false
    }
    document.addEventListener('pointerdown', onPointerDown, true)
    return () => document.removeEventListener('pointerdown', onPointerDown, true)
  }, [isOpen])
  return (
    <details
      ref={detailsRef}
      className="kr-settings"
      onToggle={(e) => setIsOpen(e.currentTarget.open)}
      onKeyDown={(e) => {
        if (e.key !== 'Escape' || !e.currentTarget.open) return
        e.preventDefault()
        // Focus first, so a number or slider being edited commits on blur as it always does.
        summaryRef.current?.focus()
        e.currentTarget.open = false
      }}
    >
      <summary ref={summaryRef}>Run settings</summary>
      <div className="kr-settings-body">
        <SeedInput />
        <ReplicationsSetting />
        <SurgeInput />
        <HoldPolicy />
        <AccountMix />
        <ImportScenario />
        <TileSetting />
      </div>
    </details>
  )
}

/** The optional online basemap: off (empty) by default, so the app stays offline. */
function TileSetting() {
  const tileUrl = useAppStore((s) => s.tileUrl)
  const setTileUrl = useAppStore((s) => s.setTileUrl)
  const [draft, setDraft] = useState(tileUrl)
  const [problem, setProblem] = useState<string | null>(null)
  const inputId = useId()
  const hintId = useId()
  return (
    <form
      className="kr-field"
      onSubmit={(e) => {
        e.preventDefault()
        const why = tileUrlProblem(draft)
        setProblem(why)
        if (!why) setTileUrl(draft)
      }}
    >
      <label htmlFor={inputId}>Online basemap tiles (optional)</label>
      <input
        id={inputId}
        type="url"
        placeholder="https://…/{z}/{x}/{y}.png"
        value={draft}
        aria-describedby={hintId}
        aria-invalid={problem !== null}
        onChange={(e) => setDraft(e.target.value)}
      />
      <p id={hintId} className="kr-hint">
        Off by default: keyroute then requests nothing but its own files. A tile server sees which
        map areas you view. Leave empty and apply to switch tiles off.
      </p>
      {problem && (
        <p role="alert" className="kr-error">
          This tile address cannot be used: {problem}.
        </p>
      )}
      <button type="submit">Apply tiles</button>
    </form>
  )
}

/**
 * Whether the chosen policy holds for the whole run. Off by default: list corrections (the
 * 3 April 2020 fix) then apply to every policy, so a comparison stays fair.
 */
function HoldPolicy() {
  const holdPolicy = useAppStore((s) => s.settings.holdPolicy)
  const setHoldPolicy = useAppStore((s) => s.setHoldPolicy)
  const hasChanges = useAppStore((s) => s.run?.timeline.some((e) => !('siteId' in e)) ?? false)
  const hintId = useId()
  return (
    <div className="kr-field">
      <label className="kr-check">
        <input
          type="checkbox"
          checked={holdPolicy}
          aria-describedby={hintId}
          onChange={(e) => setHoldPolicy(e.target.checked)}
        />
        Hold the policy for the whole run
      </label>
      <p id={hintId} className="kr-hint">
        {holdPolicy
          ? 'The scenario’s list corrections (such as the 3 April 2020 fix) and policy changes are left out.'
          : hasChanges
            ? 'Off: list corrections (such as the 3 April 2020 fix) apply to every policy, a compared one too.'
            : 'This scenario has no list corrections or policy changes of its own.'}
      </p>
    </div>
  )
}
