import { useId } from 'react'
import type { ImportResult } from '../../store/settings-slice'
import { FileErrors } from './file-errors'
import { useChosenFile } from './use-chosen-file'
import './controls.css'

/**
 * A file input for JSON files of one kind, and what became of the last file chosen: every
 * problem with its path and what stays as it was, or that it was loaded, naming the file.
 */
export function ImportFile({
  label,
  kind,
  maxBytes,
  result,
  kept,
  accept,
  refuse,
}: {
  label: string
  /** What the files are, as in "scenario files are limited to 4 MB". */
  kind: string
  maxBytes: number
  result: ImportResult | null
  /** What stays after a refused file, as in "the previous scenario keeps running". */
  kept: string
  accept: (text: string, fileName: string) => void
  refuse: (fileName: string, message: string) => void
}) {
  const id = useId()
  const onChange = useChosenFile(maxBytes, kind, accept, refuse)
  const errors = result?.errors ?? []
  return (
    <div className="kr-field">
      <label htmlFor={id}>{label}</label>
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
            outcome={`was not loaded; ${kept}.`}
            errors={errors}
          />
        )}
        {result && errors.length === 0 && <p>Loaded {result.fileName}.</p>}
      </div>
    </div>
  )
}
