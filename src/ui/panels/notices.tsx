import { useAppStore } from '../store-context'
import './panels.css'

/** Messages about ignored link parameters and similar, each dismissible. */
export function Notices() {
  const notices = useAppStore((s) => s.notices)
  const dismiss = useAppStore((s) => s.dismissNotice)
  return (
    <div role="status" aria-live="polite" className="kr-notices">
      {notices.map((n, i) => (
        <p key={`${i}-${n}`} className="kr-notice">
          <span>{n}</span>
          <button type="button" aria-label={`Dismiss notice: ${n}`} onClick={() => dismiss(i)}>
            ×
          </button>
        </p>
      ))}
    </div>
  )
}
