import { useEffect, useRef, useState } from 'react'
import type { Briefing } from '../../sim/briefing'
import { connectPresenter } from '../../store/briefing-channel'
import type { PresenterCommand, PresenterLink } from '../../store/briefing-channel'
import './presenter.css'

const FORWARD = new Set(['PageDown', 'ArrowRight', 'ArrowDown', ' '])
const BACK = new Set(['PageUp', 'ArrowLeft', 'ArrowUp', 'Backspace'])

function formatElapsed(ms: number): string {
  const total = Math.floor(ms / 1000)
  const h = Math.floor(total / 3600)
  const m = Math.floor((total % 3600) / 60)
  const s = total % 60
  const two = (n: number) => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${two(m)}:${two(s)}` : `${two(m)}:${two(s)}`
}

/**
 * The presenter's window: the current chapter, the next one, the speaker notes and the time
 * elapsed, kept in step with the briefing window both ways. It runs no simulation: the briefing
 * window owns the runs, this window only says where the briefing stands and steers it.
 */
export function PresenterView({ briefingId }: { briefingId: string }) {
  const [shown, setShown] = useState<{ briefing: Briefing; chapterIndex: number } | null>(null)
  const [isClosed, setClosed] = useState(false)
  const [startedAt, setStartedAt] = useState(() => Date.now())
  const [now, setNow] = useState(() => Date.now())
  const channel = useRef<PresenterLink | null>(null)
  const send = (command: PresenterCommand): void => channel.current?.send(command)

  useEffect(() => {
    const link = connectPresenter(
      (message) => {
        setClosed(false)
        setShown(message)
      },
      () => setClosed(true),
    )
    channel.current = link
    return () => link?.close()
  }, [])

  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000)
    return () => clearInterval(timer)
  }, [])

  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.ctrlKey || e.metaKey || e.altKey) return
      if (e.target instanceof HTMLElement && e.target.closest('button, a[href]') && e.key === ' ')
        return
      if (FORWARD.has(e.key)) send({ type: 'forward' })
      else if (BACK.has(e.key)) send({ type: 'back' })
      else return
      e.preventDefault()
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])

  const chapter = shown?.briefing.chapters[shown.chapterIndex]
  const next = shown?.briefing.chapters[shown.chapterIndex + 1]
  const count = shown?.briefing.chapters.length ?? 0
  return (
    <div className="kr-presenter">
      <header className="kr-presenter-header">
        <h1>Presenter view{shown ? `: ${shown.briefing.title}` : ''}</h1>
        <p className="kr-presenter-clock" aria-label="Elapsed time">
          <span aria-hidden="true">⏱ </span>
          <time>{formatElapsed(now - startedAt)}</time>
          <button type="button" onClick={() => setStartedAt(Date.now())}>
            Restart timer
          </button>
        </p>
      </header>
      {typeof BroadcastChannel !== 'function' ? (
        <p role="alert">This browser cannot link two windows (no BroadcastChannel).</p>
      ) : !shown || !chapter ? (
        <p role="status">
          Waiting for the briefing window of “{briefingId}”: keep it open in briefing mode.
        </p>
      ) : (
        <>
          {isClosed && <p role="status">The briefing window has left briefing mode.</p>}
          <section className="kr-presenter-current" aria-labelledby="kr-presenter-current">
            <p className="kr-chapter-count">
              Now: chapter {shown.chapterIndex + 1} of {count}
            </p>
            <h2 id="kr-presenter-current" aria-live="polite">
              {chapter.title}
            </h2>
            <p>{chapter.caption}</p>
            <h3>Speaker notes</h3>
            <p className="kr-presenter-notes">{chapter.notes ?? 'No notes for this chapter.'}</p>
          </section>
          <section className="kr-presenter-next" aria-labelledby="kr-presenter-next">
            <h2 id="kr-presenter-next">Next</h2>
            <p>{next ? `${shown.chapterIndex + 2}. ${next.title}` : 'The end of the briefing.'}</p>
          </section>
          <nav className="kr-presenter-controls" aria-label="Steer the briefing">
            <button
              type="button"
              onClick={() => send({ type: 'back' })}
              disabled={shown.chapterIndex === 0}
            >
              ◀ Back
            </button>
            <button type="button" onClick={() => send({ type: 'forward' })}>
              Forward ▶
            </button>
            <label>
              Go to chapter{' '}
              <select
                value={shown.chapterIndex}
                onChange={(e) => send({ type: 'go', chapterIndex: Number(e.target.value) })}
              >
                {shown.briefing.chapters.map((c, i) => (
                  <option key={i} value={i}>
                    {i + 1}. {c.title}
                  </option>
                ))}
              </select>
            </label>
          </nav>
        </>
      )}
    </div>
  )
}
