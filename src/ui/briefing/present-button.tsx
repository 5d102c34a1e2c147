import { useAppStore } from '../store-context'

/** Opens the page's briefing in briefing mode, from its first chapter. */
export function PresentButton() {
  const openBriefing = useAppStore((s) => s.openBriefing)
  // The briefing this page is about: an offline file's own, else the built-in one.
  const briefing = useAppStore((s) => s.briefings.main.briefing)
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
