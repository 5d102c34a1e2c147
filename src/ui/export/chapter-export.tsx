import { useState } from 'react'
import type { Briefing } from '../../sim/briefing'
import { chapterStateOf } from '../../store/briefing-slice'
import type { AppState, AppStore } from '../../store/store'
import { captionText, shownChapterFigures } from '../briefing/chapter-figures'
import { readPalette } from '../map/map-theme'
import { cornersOf } from '../map/map-view'
import { downloadBlob } from '../panels/export'
import { useAppStoreApi } from '../store-context'
import type { SceneView } from './map-scene'
import { SLIDE_SIZES, chapterFileName, slug } from './scene-text'
import './export.css'

const SLIDE_FRAME = { ...SLIDE_SIZES[1], pixelRatio: 1 }

/** The chapter's own frame, else what the screen shows (a chapter without a frame keeps the map's). */
function chapterViewOf(state: AppState, index: number): SceneView | null {
  const frame = state.briefing?.chapters[index]?.view.frame
  if (frame) return frame
  const b = state.mapBounds
  return b ? { bounds: cornersOf(b) } : null
}

/** One chapter's slide: its map at slide size with its title and caption in the footer. */
async function chapterPng(state: AppState, index: number): Promise<Uint8Array<ArrayBuffer>> {
  const chapter = state.briefing?.chapters[index]
  const view = chapterViewOf(state, index)
  if (!chapter || !view) throw new Error('the chapter has no map to draw yet')
  const palette = readPalette(document.querySelector('.kr-map'), state.theme)
  const caption = captionText(chapter, shownChapterFigures(state, chapter))
  // The scene renderer loads with the first export, not with the page.
  const { renderScenePng, sceneNotesOf } = await import('./export-image')
  return renderScenePng(state, view, SLIDE_FRAME, palette, {
    chapter: { title: `${index + 1}. ${chapter.title}`, caption },
    notes: sceneNotesOf(state),
  })
}

/**
 * Resolves once every run the briefing keeps is done, calling `onWait` with how many are; rejects
 * when one failed or was cancelled.
 */
function briefingRunsReady(
  store: AppStore,
  onWait: (ready: number, all: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = (state: AppState): boolean => {
      const kept = state.keptRuns
      if (kept.some((k) => k.status === 'failed' || k.status === 'cancelled')) {
        reject(new Error('a chapter’s run did not finish'))
        return true
      }
      const ready = kept.filter((k) => k.status === 'done').length
      if (ready === kept.length) {
        resolve()
        return true
      }
      onWait(ready, kept.length)
      return false
    }
    if (check(store.getState())) return
    const unsubscribe = store.subscribe((state) => {
      if (check(state)) unsubscribe()
    })
  })
}

// A chapter that plays a range is pictured at its end, where its figures are counted; one that
// shows a meeting at the meeting's hour.
function atOf(briefing: Briefing, index: number): 'start' | 'end' {
  const view = briefing.chapters[index]?.view
  return view?.range && view.selection?.kind !== 'first-exposed-meeting' ? 'end' : 'start'
}

const nextFrame = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0))

/**
 * The presenter's export buttons in briefing mode: this chapter as a slide-size PNG, or every
 * chapter as numbered PNGs in one zip, each built off screen (the screen stays on its chapter).
 */
export function ChapterExportButtons() {
  const store = useAppStoreApi()
  const [status, setStatus] = useState('')
  const [isBusy, setIsBusy] = useState(false)

  const run = async (work: () => Promise<string>): Promise<void> => {
    setIsBusy(true)
    try {
      setStatus(await work())
    } catch (error) {
      setStatus(`Not saved: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setIsBusy(false)
    }
  }

  const exportThis = (): Promise<string> => {
    const state = store.getState()
    const chapter = state.briefing?.chapters[state.chapterIndex]
    if (!state.briefing || !chapter) throw new Error('no chapter is shown')
    return chapterPng(state, state.chapterIndex).then((png) => {
      const name = `keyroute-${slug(state.briefing?.id ?? 'briefing')}-${chapterFileName(state.chapterIndex, chapter.title)}`
      downloadBlob(name, new Blob([png], { type: 'image/png' }))
      return `Image saved: ${name}`
    })
  }

  const exportAll = async (): Promise<string> => {
    const briefing = store.getState().briefing
    if (!briefing) throw new Error('no briefing is open')
    await briefingRunsReady(store, (ready, all) =>
      setStatus(`Waiting for the briefing’s runs: ${ready} of ${all} ready…`),
    )
    const files: Record<string, Uint8Array> = {}
    for (const [i, chapter] of briefing.chapters.entries()) {
      setStatus(`Drawing chapter ${i + 1} of ${briefing.chapters.length}…`)
      await nextFrame()
      const state = chapterStateOf(store.getState(), i, atOf(briefing, i))
      if (!state) throw new Error(`chapter ${i + 1}’s runs are not ready`)
      files[chapterFileName(i, chapter.title)] = await chapterPng(state, i)
    }
    // The zip writer loads on the first export, not with the page.
    const { zipSync } = await import('fflate')
    // PNGs are compressed already: stored, not deflated again.
    const zip = zipSync(files, { level: 0 })
    const name = `keyroute-${slug(briefing.id)}-chapters.zip`
    downloadBlob(name, new Blob([zip], { type: 'application/zip' }))
    return `Zip saved: ${name} (${briefing.chapters.length} chapters)`
  }

  return (
    <div className="kr-chapter-export">
      <button type="button" disabled={isBusy} onClick={() => void run(exportThis)}>
        Export this chapter
      </button>
      <button type="button" disabled={isBusy} onClick={() => void run(exportAll)}>
        Export all chapters
      </button>
      <span className="kr-export-status" role="status">
        {status}
      </span>
    </div>
  )
}
