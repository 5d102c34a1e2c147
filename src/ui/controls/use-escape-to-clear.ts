import { useEffect } from 'react'
import type { AppStore } from '../../store/store'

// Input types where Escape means nothing of its own (text fields may clear or revert on it).
const NON_TEXT_INPUTS = new Set([
  'button',
  'checkbox',
  'color',
  'file',
  'radio',
  'range',
  'reset',
  'submit',
])

/** Whether Escape already has a meaning where the key was pressed. */
function escapeIsTaken(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false
  if (target instanceof HTMLInputElement) return !NON_TEXT_INPUTS.has(target.type)
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true
  if (target instanceof HTMLElement && target.isContentEditable) return true
  return (
    target.closest('dialog[open], [role="dialog"], [role="alertdialog"], details[open]') !== null
  )
}

/**
 * Escape clears the selection wherever focus is, except in a text field, a select, or an open
 * dialog or disclosure, where Escape already means something (a handler there that used it calls
 * `preventDefault`, which this respects too).
 */
export function useEscapeToClear(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== 'Escape' || e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      if (escapeIsTaken(e.target)) return
      if (store.getState().selection !== null) store.getState().select(null)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}
