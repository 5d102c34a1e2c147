import { useId, useMemo, useRef, useState } from 'react'
import { MAX_BRIEFING_BYTES, parseBriefing } from '../../sim/briefing'
import { briefingFileOf, draftChapterView, draftProblems } from '../../store/briefing-draft-slice'
import { ErrorList } from '../controls/file-errors'
import { ImportFile } from '../controls/import-file'
import { useAppStore, useAppStoreApi } from '../store-context'
import { DownloadOfflineButton } from '../briefing/download-offline-button'
import { ChapterEditor } from './chapter-editor'
import type { ChapterButton } from './chapter-editor'
import { downloadText } from './export'
import { TextField } from './text-field'
import './briefing-panel.css'

/**
 * Writing a briefing in the dashboard: "Add this view as a chapter" captures what is on screen;
 * each chapter is retitled, captioned, shown again, moved or removed; the briefing downloads as
 * a file that imports again. Every change is said in a live region.
 */
export function BriefingPanel() {
  const store = useAppStoreApi()
  const draft = useAppStore((s) => s.draft)
  const status = useAppStore((s) => s.draftStatus)
  const id = useId()
  const [showError, setShowError] = useState<string | null>(null)
  const [isConfirmingClear, setIsConfirmingClear] = useState(false)
  const buttons = useRef(new Map<string, HTMLButtonElement>())
  const addRef = useRef<HTMLButtonElement | null>(null)
  const problems = useMemo(() => (draft ? draftProblems(draft) : []), [draft])
  const chapters = draft?.chapters ?? []

  // The list is keyed by place, so the buttons stay where they are: focus follows the chapter.
  const focusButton = (index: number, which: ChapterButton, fallback: ChapterButton): void => {
    const el = buttons.current.get(`${index}:${which}`)
    const target = el && !el.disabled ? el : buttons.current.get(`${index}:${fallback}`)
    target?.focus()
  }
  const count = chapters.length
  const onMove = (index: number, by: -1 | 1): void => {
    store.getState().moveChapter(index, by)
    const to = index + by
    const isAtEdge = to === 0 || to === count - 1
    const which = by < 0 ? 'up' : 'down'
    focusButton(to, isAtEdge ? (which === 'up' ? 'down' : 'up') : which, 'show')
  }
  const onRemove = (index: number): void => {
    store.getState().removeChapter(index)
    if (count <= 1) addRef.current?.focus()
    else focusButton(Math.min(index, count - 2), 'show', 'show')
  }
  const onShow = (index: number): void => {
    const chapter = chapters[index]
    if (!chapter) return
    const shown = draftChapterView(chapter, index)
    if ('errors' in shown) {
      const first = shown.errors[0]
      setShowError(
        `Chapter ${index + 1} cannot be shown: ${first ? `${first.path}: ${first.message}` : 'its view is not valid'}`,
      )
      return
    }
    setShowError(null)
    store.getState().applyChapterView(shown.view)
  }
  const onPresent = (): void => {
    const parsed = draft ? parseBriefing(draft) : null
    if (parsed?.ok) store.getState().openBriefing(parsed.briefing, 0)
  }
  const onDownload = (): void => {
    if (!draft) return
    const { fileName, text } = briefingFileOf(draft)
    downloadText(fileName, text, 'application/json')
  }

  return (
    <section aria-labelledby={`${id}-h`} className="kr-card kr-draft">
      <h2 id={`${id}-h`}>Briefing</h2>
      <p className="kr-hint">
        Each chapter keeps a view of the dashboard: scenario, policy, settings, time, selection, map
        area and layers. Captions name figures in braces, so the numbers shown are the run’s.
      </p>
      <button
        type="button"
        ref={addRef}
        className="kr-draft-add"
        onClick={() => store.getState().addChapterFromView()}
      >
        Add this view as a chapter
      </button>
      <p role="status" className="kr-draft-status">
        {status}
      </p>
      {showError && (
        <p role="alert" className="kr-error">
          {showError}
        </p>
      )}
      {draft && (
        <>
          <div className="kr-draft-meta">
            <TextField
              label="Briefing title"
              value={draft.title}
              maxLength={200}
              onChange={(title) => store.getState().setDraftTitle(title)}
            />
            <TextField
              label="Author"
              value={draft.author}
              maxLength={300}
              onChange={(author) => store.getState().setDraftAuthor(author)}
            />
          </div>
          <ol className="kr-chapter-list" aria-label="Chapters">
            {chapters.map((chapter, index) => (
              <ChapterEditor
                key={index}
                chapter={chapter}
                index={index}
                count={count}
                onShow={onShow}
                onMove={onMove}
                onRemove={onRemove}
                buttonRef={(which, el) => {
                  if (el) buttons.current.set(`${index}:${which}`, el)
                  else buttons.current.delete(`${index}:${which}`)
                }}
              />
            ))}
          </ol>
          {problems.length > 0 && (
            <div className="kr-import-status" id={`${id}-problems`}>
              <p>Before it can be downloaded:</p>
              <ErrorList errors={problems} />
            </div>
          )}
          <div className="kr-draft-actions">
            <button
              type="button"
              disabled={problems.length > 0}
              aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
              onClick={onDownload}
            >
              Download briefing
            </button>
            <button
              type="button"
              disabled={problems.length > 0}
              aria-describedby={problems.length > 0 ? `${id}-problems` : undefined}
              onClick={onPresent}
            >
              Present this briefing
            </button>
            {problems.length === 0 && <DownloadOfflineButton briefing={draft} />}
            {isConfirmingClear ? (
              <>
                <button
                  type="button"
                  onClick={() => {
                    setIsConfirmingClear(false)
                    store.getState().clearDraft()
                    addRef.current?.focus()
                  }}
                >
                  Clear all {count} chapters
                </button>
                <button type="button" autoFocus onClick={() => setIsConfirmingClear(false)}>
                  Keep them
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setIsConfirmingClear(true)}>
                Clear briefing
              </button>
            )}
          </div>
        </>
      )}
      <ImportFile
        label="Import briefing"
        kind="briefing"
        maxBytes={MAX_BRIEFING_BYTES}
        result={useAppStore((s) => s.briefingImport)}
        kept="the briefing being written stays as it was"
        accept={useAppStore((s) => s.importBriefing)}
        refuse={useAppStore((s) => s.refuseBriefingImport)}
      />
    </section>
  )
}
