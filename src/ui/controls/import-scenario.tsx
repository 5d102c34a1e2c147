import { useId, useRef } from 'react'
import type { ChangeEvent } from 'react'
import { MAX_SCENARIO_BYTES } from '../../sim/scenario'
import { useAppStore } from '../store-context'
import { FileErrors } from './file-errors'
import './controls.css'

/**
 * Loads a scenario file; problems are listed with their paths and the current run keeps going.
 * What is shown is always about the last file chosen, and says which file that was.
 */
export function ImportScenario() {
  const result = useAppStore((s) => s.importResult)
  const importScenario = useAppStore((s) => s.importScenario)
  const refuseImport = useAppStore((s) => s.refuseImport)
  // Files are read asynchronously: only the last one chosen may report.
  const lastChosen = useRef(0)
  const id = useId()
  const onChange = async (e: ChangeEvent<HTMLInputElement>): Promise<void> => {
    const input = e.currentTarget
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    const chosen = ++lastChosen.current
    // Checked before reading, so a huge file never reaches memory or the parser.
    if (file.size > MAX_SCENARIO_BYTES) {
      refuseImport(
        file.name,
        `the file is ${(file.size / 1e6).toFixed(1)} MB; scenario files are limited to ${MAX_SCENARIO_BYTES / 1e6} MB`,
      )
      return
    }
    let text: string
    try {
      text = await file.text()
    } catch (error) {
      if (chosen === lastChosen.current)
        refuseImport(
          file.name,
          `the file could not be read (${error instanceof Error ? error.message : String(error)})`,
        )
      return
    }
    if (chosen === lastChosen.current) importScenario(text, file.name)
  }
  const errors = result?.errors ?? []
  return (
    <div className="kr-field">
      <label htmlFor={id}>Import scenario file</label>
      <input
        id={id}
        type="file"
        accept=".json,application/json"
        onChange={(e) => void onChange(e)}
      />
      <div role="alert" className="kr-import-status">
        {result && errors.length > 0 && (
          <FileErrors
            fileName={result.fileName}
            outcome="was not loaded; the previous scenario keeps running."
            errors={errors}
          />
        )}
        {result && errors.length === 0 && <p>Loaded {result.fileName}.</p>}
      </div>
    </div>
  )
}
