import { useAppStore } from '../store-context'
import { HalfCircleIcon } from './icons'
import './controls.css'

/** Switches between the dark and the light theme (the light one suits bright projector rooms). */
export function ThemeToggle() {
  const theme = useAppStore((s) => s.theme)
  const setTheme = useAppStore((s) => s.setTheme)
  return (
    <button
      type="button"
      className="kr-theme-toggle"
      aria-pressed={theme === 'light'}
      aria-label="Light theme"
      title="Light theme (for bright rooms and projectors)"
      onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
    >
      <HalfCircleIcon /> Light
    </button>
  )
}
