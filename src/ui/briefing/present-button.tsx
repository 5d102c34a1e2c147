import { BRIEFINGS } from '../../sim/presets/briefings'
import { useAppStore } from '../store-context'

/** Opens the built-in briefing in briefing mode, from its first chapter. */
export function PresentButton() {
  const openBriefing = useAppStore((s) => s.openBriefing)
  const briefing = BRIEFINGS[0]
  if (!briefing) return null
  return (
    <button
      type="button"
      className="kr-present"
      onClick={() => openBriefing(briefing, 0)}
      title={`Present “${briefing.title}” full screen, chapter by chapter (PageDown / PageUp, Escape to leave)`}
    >
      <span aria-hidden="true">▶ </span>Present briefing
    </button>
  )
}
