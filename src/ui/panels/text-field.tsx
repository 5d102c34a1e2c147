import { useId } from 'react'

/**
 * A labelled one-line or several-line text input whose value lives in the store: every change
 * goes to `onChange` at once, so the draft is always what is on screen.
 */
export function TextField({
  label,
  value,
  maxLength,
  rows,
  describedBy,
  onChange,
}: {
  label: string
  value: string
  maxLength: number
  /** Several lines, this many shown; absent: one line. */
  rows?: number
  describedBy?: string
  onChange: (value: string) => void
}) {
  const id = useId()
  const common = {
    id,
    value,
    maxLength,
    'aria-describedby': describedBy,
    onChange: (e: { currentTarget: { value: string } }) => onChange(e.currentTarget.value),
  }
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {rows === undefined ? (
        <input type="text" {...common} />
      ) : (
        <textarea rows={rows} {...common} />
      )}
    </>
  )
}
