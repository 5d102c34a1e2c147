import './record-clip.css'
import { useEffect, useId, useRef, useState } from 'react'
import type { KeyboardEvent } from 'react'
import { runEndMinutes, selectMapRun } from '../../store/selectors'
import { downloadBlob } from '../panels/export'
import { formatBytes } from '../panels/format'
import { useAppStore, useAppStoreApi } from '../store-context'
import { clipRunOf, recordClip } from './clip-recorder'
import type { RecordedClip } from './clip-recorder'
import { readPalette } from '../map/map-theme'
import { ClipForm, choicesOfForm, defaultClipForm } from './clip-form'
import type { ClipFormValues } from './clip-form'

type Phase =
  | { kind: 'choosing' }
  | { kind: 'recording'; framesDone: number; frameCount: number }
  | { kind: 'done'; clip: RecordedClip }
  | { kind: 'failed'; message: string }

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError'
}

/**
 * "Record clip": a button under Export image opening a dialog that records a video of the map's run over
 * a chosen range, frame by frame at exact simulated times, and downloads it. The dialog is not
 * modal: the page keeps working while a clip is made. Closing it cancels a recording.
 */
export function RecordClip() {
  const store = useAppStoreApi()
  const titleId = useId()
  const buttonRef = useRef<HTMLButtonElement | null>(null)
  const dialogRef = useRef<HTMLDialogElement | null>(null)
  const abortRef = useRef<AbortController | null>(null)
  const [isOpen, setIsOpen] = useState(false)
  const [form, setForm] = useState<ClipFormValues | null>(null)
  const [phase, setPhase] = useState<Phase>({ kind: 'choosing' })
  const problem = useAppStore((s) => {
    const found = clipRunOf(s)
    return 'problem' in found ? found.problem : null
  })

  useEffect(() => () => abortRef.current?.abort(), [])

  // Another run on the map (scenario, policy, seed) has other days: the dialog closes rather than
  // offer the old run's range. A recording goes on with the state it started from.
  const runId = useAppStore((s) => selectMapRun(s)?.runId ?? -1)
  const [formRunId, setFormRunId] = useState(runId)
  if (runId !== formRunId) {
    setFormRunId(runId)
    if (isOpen && phase.kind !== 'recording') setIsOpen(false)
  }

  const open = (): void => {
    const state = store.getState()
    const found = clipRunOf(state)
    if ('problem' in found) return
    setForm(defaultClipForm(found.run.startDate, state.timeMinutes, runEndMinutes(found.run)))
    setPhase({ kind: 'choosing' })
    setIsOpen(true)
  }

  const close = (): void => {
    abortRef.current?.abort()
    abortRef.current = null
    setIsOpen(false)
    buttonRef.current?.focus()
  }

  useEffect(() => {
    const dialog = dialogRef.current
    if (!isOpen || !dialog) return
    if (!dialog.open) dialog.show()
    dialog.querySelector<HTMLElement>('select, input, button')?.focus()
    return () => dialog.close()
  }, [isOpen])

  const start = async (): Promise<void> => {
    const state = store.getState()
    const found = clipRunOf(state)
    const choices = form && !('problem' in found) ? choicesOfForm(form) : null
    if (!choices || typeof choices === 'string') return
    const controller = new AbortController()
    abortRef.current = controller
    setPhase({ kind: 'recording', framesDone: 0, frameCount: 0 })
    try {
      // The map's colours as the screen shows them, read as Export image reads them.
      const mapEl = buttonRef.current?.closest('.kr-map-area')?.querySelector('.leaflet-container')
      const palette = readPalette(mapEl ?? null, state.theme)
      // The scene renderer loads with the first clip, not with the page.
      const [{ mapSceneFrames }, { sceneNotesOf }] = await Promise.all([
        import('./clip-map-frames'),
        import('./export-image'),
      ])
      const frames = mapSceneFrames(palette, { notes: sceneNotesOf(state) })
      const clip = await recordClip(state, choices, frames, {
        signal: controller.signal,
        onProgress: (framesDone, frameCount) =>
          setPhase({ kind: 'recording', framesDone, frameCount }),
      })
      downloadBlob(clip.fileName, clip.blob)
      setPhase({ kind: 'done', clip })
    } catch (error) {
      if (controller.signal.aborted || isAbort(error)) setPhase({ kind: 'choosing' })
      else
        setPhase({
          kind: 'failed',
          message: error instanceof Error ? error.message : String(error),
        })
    } finally {
      if (abortRef.current === controller) abortRef.current = null
    }
  }

  const onKeyDown = (e: KeyboardEvent<HTMLDialogElement>): void => {
    if (e.key !== 'Escape') return
    // The map's own Escape clears the selection: this one only closes the dialog.
    e.stopPropagation()
    close()
  }

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className="kr-map-clip"
        aria-haspopup="dialog"
        aria-expanded={isOpen}
        disabled={problem !== null}
        title={problem ?? 'Record a video of the map over a time range'}
        onClick={() => (isOpen ? close() : open())}
      >
        <span aria-hidden="true">● </span>Record clip
      </button>
      {isOpen && form ? (
        <dialog
          ref={dialogRef}
          className="kr-clip-dialog"
          aria-labelledby={titleId}
          onKeyDown={onKeyDown}
        >
          <h2 id={titleId}>Record clip</h2>
          <ClipForm
            values={form}
            onChange={setForm}
            isLocked={phase.kind === 'recording'}
            onSubmit={() => void start()}
          />
          <ClipStatus phase={phase} onCancel={() => abortRef.current?.abort()} />
          <div className="kr-clip-actions">
            <button type="button" onClick={close}>
              Close
            </button>
          </div>
        </dialog>
      ) : null}
    </>
  )
}

function ClipStatus({ phase, onCancel }: { phase: Phase; onCancel: () => void }) {
  if (phase.kind === 'recording') {
    const { framesDone, frameCount } = phase
    return (
      <div className="kr-clip-status">
        <progress
          aria-label="Recording"
          className="kr-clip-progress"
          max={Math.max(1, frameCount)}
          value={framesDone}
        />
        <p>
          Frame {framesDone} of {frameCount || '…'}
        </p>
        <button type="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    )
  }
  if (phase.kind === 'done') {
    const { clip } = phase
    return (
      <div
        className="kr-clip-status"
        role="status"
        data-elapsed-ms={Math.round(clip.elapsedMs)}
        data-draw-ms={Math.round(clip.drawMs)}
      >
        <p>
          Saved <strong className="kr-clip-file">{clip.fileName}</strong> (
          <span className="kr-clip-size">{formatBytes(clip.blob.size)}</span>, {clip.width}x
          {clip.height}, {clip.frameCount} frames at {clip.fps} fps, {clip.codec}), made in{' '}
          {(clip.elapsedMs / 1000).toFixed(1)} s.
        </p>
        {clip.notes.map((note) => (
          <p key={note} className="kr-clip-note">
            {note}
          </p>
        ))}
      </div>
    )
  }
  if (phase.kind === 'failed')
    return (
      <p className="kr-clip-status" role="alert">
        The clip could not be recorded: {phase.message}
      </p>
    )
  return null
}
