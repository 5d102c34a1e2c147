import { useEffect, useId, useRef, useState } from 'react'
import type { ChangeEvent, KeyboardEvent } from 'react'
import { MAX_BACKUP_BYTES } from '../../store/library-backup'
import type { LibraryKind } from '../../store/library'
import type { LibraryEntry } from '../../store/library-slice'
import { FileErrors } from '../controls/file-errors'
import { useAppStore } from '../store-context'
import { downloadText } from './export'
import { formatBytes } from './format'
import './library-panel.css'

const KIND_LABELS: Record<LibraryKind, string> = {
  scenario: 'Scenario',
  briefing: 'Briefing',
  observed: 'Observed data',
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })

/**
 * "My library": the user's own work kept in this browser (imported scenarios and observations,
 * briefings being written), to open, rename, delete (with undo), and download as one backup file
 * that imports again.
 */
export function LibraryPanel() {
  const items = useAppStore((s) => s.libraryItems)
  const state = useAppStore((s) => s.libraryState)
  const problem = useAppStore((s) => s.libraryProblem)
  const status = useAppStore((s) => s.libraryStatus)
  const undo = useAppStore((s) => s.libraryUndo)
  const undoDelete = useAppStore((s) => s.undoLibraryDelete)
  const headingId = useId()
  const undoRef = useRef<HTMLButtonElement | null>(null)
  // After a delete the row and its buttons are gone: the keyboard goes to Undo instead.
  const isFocusingUndo = useRef(false)
  useEffect(() => {
    if (isFocusingUndo.current && undo) {
      undoRef.current?.focus()
      isFocusingUndo.current = false
    }
  }, [undo])
  const unsaved = items.filter((e) => !e.isSaved).length
  return (
    <section className="kr-card kr-library" aria-labelledby={headingId}>
      <h2 id={headingId}>My library</h2>
      <p className="kr-hint">
        Scenarios and observations you import and briefings you write are kept in this browser only:
        never in links or in the offline file. Download everything to keep a copy or move it to
        another browser.
      </p>
      {state === 'refused' || problem ? (
        <p className="kr-error">
          Your library cannot be saved in this browser: {problem ?? 'storage was refused'}. What you
          make stays in this page until you download it.
        </p>
      ) : null}
      {unsaved > 0 && (
        <p className="kr-error">
          {unsaved === 1 ? '1 item is' : `${unsaved} items are`} not saved in the browser yet:
          download everything before closing this page.
        </p>
      )}
      <BackupControls isEmpty={items.length === 0} />
      <p role="status" aria-live="polite" className="kr-library-status">
        {status}
        {undo && (
          <>
            {' '}
            <button
              ref={undoRef}
              type="button"
              onClick={undoDelete}
              aria-label={`Undo deleting “${undo.name}”`}
            >
              Undo
            </button>
          </>
        )}
      </p>
      {state === 'opening' && items.length === 0 ? (
        <p className="kr-hint">Opening your library…</p>
      ) : items.length === 0 ? (
        <p className="kr-hint">Nothing here yet: scenario files you import are kept here.</p>
      ) : (
        <ul className="kr-library-list" aria-label="Items in my library, newest first">
          {items.map((item) => (
            <LibraryItemView
              key={item.id}
              item={item}
              onDeleted={() => {
                isFocusingUndo.current = true
              }}
            />
          ))}
        </ul>
      )}
    </section>
  )
}

function LibraryItemView({ item, onDeleted }: { item: LibraryEntry; onDeleted: () => void }) {
  const openItem = useAppStore((s) => s.openLibraryItem)
  const deleteItem = useAppStore((s) => s.deleteLibraryItem)
  const rename = useAppStore((s) => s.updateLibraryItem)
  const isOpen = useAppStore(
    (s) =>
      (s.libraryItemId === item.id && s.settings.presetId === 'custom') ||
      s.observationsLibraryId === item.id,
  )
  const [draft, setDraft] = useState<string | null>(null)
  const renameRef = useRef<HTMLButtonElement | null>(null)
  const inputId = useId()
  const finish = (name: string | null): void => {
    if (name !== null && name.trim() !== '' && name !== item.name) rename(item.id, { name })
    setDraft(null)
    // The input goes away: the keyboard goes back to the button that opened it.
    requestAnimationFrame(() => renameRef.current?.focus())
  }
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>): void => {
    if (e.key !== 'Escape') return
    e.preventDefault()
    e.stopPropagation()
    finish(null)
  }
  return (
    <li className="kr-library-item">
      <div className="kr-library-head">
        {draft === null ? (
          <strong className="kr-library-name">{item.name}</strong>
        ) : (
          <form
            className="kr-library-rename"
            onSubmit={(e) => {
              e.preventDefault()
              finish(draft)
            }}
          >
            <label htmlFor={inputId} className="kr-visually-hidden">
              New name for “{item.name}”
            </label>
            <input
              id={inputId}
              type="text"
              value={draft}
              maxLength={500}
              autoFocus
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="submit">Save name</button>
            <button type="button" onClick={() => finish(null)}>
              Cancel
            </button>
          </form>
        )}
        {isOpen && <span className="kr-tag">open</span>}
        {!item.isSaved && <span className="kr-tag kr-tag-exposed">not saved</span>}
      </div>
      <p className="kr-library-meta">
        {KIND_LABELS[item.kind]} · {formatBytes(item.sizeBytes)} · changed{' '}
        <time dateTime={new Date(item.updatedMs).toISOString()}>
          {dateFormat.format(item.updatedMs)}
        </time>
      </p>
      <div className="kr-library-actions">
        <button
          type="button"
          aria-label={`Open “${item.name}”`}
          onClick={() => void openItem(item.id)}
        >
          Open
        </button>
        <button
          ref={renameRef}
          type="button"
          aria-label={`Rename “${item.name}”`}
          disabled={draft !== null}
          onClick={() => setDraft(item.name)}
        >
          Rename
        </button>
        <button
          type="button"
          aria-label={`Delete “${item.name}”`}
          onClick={() => {
            deleteItem(item.id)
            onDeleted()
          }}
        >
          Delete
        </button>
      </div>
    </li>
  )
}

/** "Download everything" and "Import backup", with the last backup file's problems by path. */
function BackupControls({ isEmpty }: { isEmpty: boolean }) {
  const backup = useAppStore((s) => s.libraryBackup)
  const importBackup = useAppStore((s) => s.importLibraryBackup)
  const result = useAppStore((s) => s.backupResult)
  const [readProblem, setReadProblem] = useState<{ fileName: string; message: string } | null>(null)
  const [downloadProblem, setDownloadProblem] = useState<string | null>(null)
  const inputId = useId()
  const download = async (): Promise<void> => {
    setDownloadProblem(null)
    try {
      const text = await backup()
      const day = new Date().toISOString().slice(0, 10)
      downloadText(`keyroute-library-${day}.json`, text, 'application/json')
    } catch (error) {
      setDownloadProblem(error instanceof Error ? error.message : String(error))
    }
  }
  const onChange = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = e.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    setReadProblem(null)
    if (file.size > MAX_BACKUP_BYTES) {
      const mb = (n: number): string => (n / 1e6).toFixed(1)
      setReadProblem({
        fileName: file.name,
        message: `the file is ${mb(file.size)} MB; library backups are limited to ${mb(MAX_BACKUP_BYTES)} MB`,
      })
      return
    }
    try {
      await importBackup(await file.text(), file.name)
    } catch (error) {
      setReadProblem({
        fileName: file.name,
        message: `the file could not be read (${error instanceof Error ? error.message : String(error)})`,
      })
    }
  }
  const errors = readProblem
    ? [{ path: readProblem.fileName, message: readProblem.message }]
    : (result?.errors ?? [])
  const fileName = readProblem?.fileName ?? result?.fileName
  return (
    <div className="kr-library-backup">
      <button type="button" disabled={isEmpty} onClick={() => void download()}>
        Download everything
      </button>
      <div className="kr-field">
        <label htmlFor={inputId}>Import backup</label>
        <input
          id={inputId}
          type="file"
          accept=".json,application/json"
          onChange={(e) => void onChange(e)}
        />
      </div>
      {downloadProblem && (
        <p role="alert" className="kr-error">
          The backup could not be written ({downloadProblem}); your library is unchanged.
        </p>
      )}
      <div role="alert" className="kr-import-status">
        {errors.length > 0 && (
          <FileErrors
            fileName={fileName ?? ''}
            outcome="was not imported; your library is unchanged."
            errors={errors}
          />
        )}
      </div>
    </div>
  )
}
