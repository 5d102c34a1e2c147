import './export.css'
import { useRef, useState } from 'react'
import type { ReactNode } from 'react'
import { useAppStore, useAppStoreApi } from '../store-context'
import { readPalette } from '../map/map-theme'
import { downloadBlob } from '../panels/export'
import { useDisclosure } from '../use-disclosure'
import type { ImageSize } from './export-image'
import { SLIDE_SIZES, exportFileName } from './scene-text'

const SIZES: readonly { readonly size: ImageSize; readonly label: string }[] = [
  { size: '1x', label: 'PNG, map size (1x)' },
  { size: '2x', label: 'PNG, double size (2x)' },
  ...[...SLIDE_SIZES].reverse().map((slide) => ({
    size: { slide },
    label: `PNG, slide ${slide.width} × ${slide.height}`,
  })),
]

/**
 * "Export image": the map as it stands, drawn by keyroute on one canvas at the map's size, twice
 * that, or slide size, saved as PNG. A status line says which file was saved, or why not.
 * `children` (the other map exports, such as Record clip) stand under it.
 */
export function ExportImageMenu({ children }: { children?: ReactNode }) {
  const store = useAppStoreApi()
  const hasRun = useAppStore((s) => s.run?.world != null)
  const { isOpen, close, panelId: menuId, onKeyDown, toggleProps } = useDisclosure()
  const [status, setStatus] = useState('')
  const [isBusy, setIsBusy] = useState(false)
  const rootRef = useRef<HTMLDivElement | null>(null)

  const exportAt = async (size: ImageSize): Promise<void> => {
    close()
    const state = store.getState()
    const mapEl = rootRef.current?.closest('.kr-map-area')?.querySelector('.leaflet-container')
    const box = mapEl?.getBoundingClientRect()
    if (!state.mapBounds || !box || box.width < 1) {
      setStatus('Image not saved: the map has not been drawn yet.')
      return
    }
    setIsBusy(true)
    setStatus('Making the image…')
    try {
      // The scene renderer loads with the first export, not with the page.
      const { renderScenePng, sceneNotesOf, screenShotOf } = await import('./export-image')
      const { frame, view } = screenShotOf(
        size,
        state.mapBounds,
        Math.round(box.width),
        Math.round(box.height),
      )
      const palette = readPalette(mapEl ?? null, state.theme)
      const png = await renderScenePng(state, view, frame, palette, { notes: sceneNotesOf(state) })
      const fileName = exportFileName(state, 'png')
      downloadBlob(fileName, new Blob([png], { type: 'image/png' }))
      setStatus(`Image saved: ${fileName}`)
    } catch (error) {
      setStatus(`Image not saved: ${error instanceof Error ? error.message : String(error)}`)
    } finally {
      setIsBusy(false)
    }
  }

  return (
    <div ref={rootRef} className="kr-export-image" onKeyDown={onKeyDown}>
      <button
        {...toggleProps}
        type="button"
        className="kr-export-image-toggle"
        disabled={!hasRun || isBusy}
        title="Save the map as a PNG picture, with its legend, time, run hash and sources"
      >
        Export image {isOpen ? '▾' : '▸'}
      </button>
      <ul id={menuId} className="kr-export-image-menu" hidden={!isOpen}>
        {SIZES.map(({ size, label }) => (
          <li key={label}>
            <button type="button" onClick={() => void exportAt(size)}>
              {label}
            </button>
          </li>
        ))}
      </ul>
      <p className="kr-export-status" role="status">
        {status}
      </p>
      {children}
    </div>
  )
}
