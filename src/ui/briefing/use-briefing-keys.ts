import { useEffect, useState } from 'react'
import type { AppStore } from '../../store/store'

const FORWARD = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' ', 'Enter'])
const BACK = new Set(['PageUp', 'ArrowLeft', 'ArrowUp', 'Backspace'])
// Typed digits wait this long for Enter before they are forgotten.
const DIGITS_WAIT_MS = 3000

/** Where a key already means something of its own: typing, or pressing a focused control. */
function isTaken(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false
  if (target.isContentEditable) return true
  if (target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement) return true
  if (target instanceof HTMLSelectElement) return true
  // Space and Enter press a focused button or follow a focused link.
  return (key === ' ' || key === 'Enter') && target.closest('button, a[href], summary') !== null
}

/** Toggles full screen where the browser allows it (Firefox and Chromium alike). */
export function toggleFullScreen(): void {
  if (document.fullscreenElement) void document.exitFullscreen().catch(() => undefined)
  else void document.documentElement.requestFullscreen?.().catch(() => undefined)
}

/**
 * The keys a presentation clicker sends, in briefing mode: forward (PageDown, Right, Down, Space,
 * Enter), back (PageUp, Left, Up, Backspace), Home and End, a number then Enter to jump, B or .
 * to blank the screen, F for full screen, Escape to leave. Returns the digits typed so far.
 */
export function useBriefingKeys(store: AppStore): string {
  const [digits, setDigits] = useState('')
  useEffect(() => {
    let typed = ''
    let timer: ReturnType<typeof setTimeout> | undefined
    const setTyped = (next: string): void => {
      typed = next
      setDigits(next)
      clearTimeout(timer)
      if (next) timer = setTimeout(() => setTyped(''), DIGITS_WAIT_MS)
    }
    const onKey = (e: KeyboardEvent): void => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey) return
      // Enter after typed digits is a jump, even with a button focused.
      if (isTaken(e.target, typed && e.key === 'Enter' ? '' : e.key)) return
      const s = store.getState()
      if (!s.briefing) return
      const count = s.briefing.chapters.length
      const handled = (): void => e.preventDefault()
      if (/^[0-9]$/.test(e.key)) {
        setTyped((typed + e.key).slice(-4))
        return handled()
      }
      if (e.key === 'Enter' && typed) {
        const n = Number(typed)
        setTyped('')
        if (n >= 1 && n <= count) s.showChapter(n - 1)
        return handled()
      }
      if (typed) setTyped('')
      if (s.isBlank && e.key !== 'Escape') {
        // Any key brings a blanked screen back; B and . toggle it.
        s.setBlank(false)
        return handled()
      }
      if (FORWARD.has(e.key)) s.forward()
      else if (BACK.has(e.key)) s.back()
      else if (e.key === 'Home') s.showChapter(0)
      else if (e.key === 'End') s.showChapter(count - 1)
      else if (e.key === 'b' || e.key === 'B' || e.key === '.') s.setBlank(true)
      else if (e.key === 'f' || e.key === 'F') toggleFullScreen()
      else if (e.key === 'Escape') {
        if (s.isBlank) s.setBlank(false)
        else s.leaveBriefing()
      } else return
      handled()
    }
    window.addEventListener('keydown', onKey)
    return () => {
      window.removeEventListener('keydown', onKey)
      clearTimeout(timer)
    }
  }, [store])
  return digits
}
