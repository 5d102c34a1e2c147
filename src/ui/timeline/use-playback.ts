import { useEffect } from 'react'
import { receivedEndMinutes } from '../../store/selectors'
import type { AppStore } from '../../store/store'

/**
 * Advances the store's clock once per animation frame while playing. Reads the store directly
 * (not through React state) so a frame costs one `setTime`, not a render of this component.
 */
export function usePlayback(store: AppStore, isPlaying: boolean): void {
  useEffect(() => {
    if (!isPlaying) return
    let last = performance.now()
    let frame = requestAnimationFrame(function tick(now) {
      const dt = Math.max(0, now - last)
      last = now
      const s = store.getState()
      // A briefing chapter's range stops where it ends.
      const stop = s.briefing ? s.playStopMinutes : null
      if (stop !== null && s.timeMinutes >= stop) {
        s.pause()
        return
      }
      const end = Math.min(receivedEndMinutes(s.run), stop ?? Infinity)
      if (s.timeMinutes >= end) {
        // The run may still be producing steps: wait for them rather than stop.
        if (s.run?.status !== 'running') {
          s.pause()
          return
        }
      } else {
        s.setTime(Math.min(end, s.timeMinutes + (dt / 1000) * s.speedMinutesPerSecond))
      }
      frame = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(frame)
  }, [store, isPlaying])
}

const FORM_TAGS = new Set(['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON', 'SUMMARY', 'A'])

/** Space toggles playback, unless focus is in a control that Space already operates. */
export function useSpaceToPlay(store: AppStore): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key !== ' ' || e.repeat || e.ctrlKey || e.metaKey || e.altKey) return
      const target = e.target as HTMLElement | null
      if (
        target &&
        (FORM_TAGS.has(target.tagName) ||
          target.isContentEditable ||
          target.closest('[role="slider"],[role="tab"],[role="application"]'))
      )
        return
      e.preventDefault()
      const s = store.getState()
      if (s.isPlaying) s.pause()
      else startPlaying(store)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [store])
}

/** Plays from the current time, or from the start when the clock already stands at the end. */
export function startPlaying(store: AppStore): void {
  const s = store.getState()
  if (s.run && s.run.status !== 'running' && s.timeMinutes >= receivedEndMinutes(s.run))
    s.setTime(0)
  store.getState().play()
}
