import { useId, useState } from 'react'
import type { DragEvent } from 'react'
import { MAX_OBSERVATION_BYTES, observationErrorText } from '../../sim/observations'
import { selectObservations } from '../../store/observation-selectors'
import { useChosenFile } from '../controls/use-chosen-file'
import { useAppStore } from '../store-context'

const SAMPLE_NAME = 'citizenlab-test-call.csv'

/**
 * "Observed data": imports an observations CSV (file picker, or a file dropped on the card) or
 * the bundled sample, and says what became of the last file: how many observations were loaded
 * and every row left out, by line. The sample loads only when asked for.
 */
export function ObservationsPanel() {
  const accept = useAppStore((s) => s.importObservations)
  const refuse = useAppStore((s) => s.refuseObservations)
  const clear = useAppStore((s) => s.clearObservations)
  const fileName = useAppStore((s) => s.observationsFile)
  const isLoaded = useAppStore((s) => s.isObservationsLoaded)
  const hasRows = useAppStore((s) => s.observationRows.length > 0)
  const { items, errors } = useAppStore(selectObservations)
  const onChange = useChosenFile(MAX_OBSERVATION_BYTES, 'observations', accept, refuse)
  const [isOver, setIsOver] = useState(false)
  const inputId = useId()
  const headingId = useId()

  const onDrop = (e: DragEvent<HTMLElement>): void => {
    e.preventDefault()
    setIsOver(false)
    const file = e.dataTransfer.files[0]
    if (!file) return
    if (file.size > MAX_OBSERVATION_BYTES)
      return refuse(file.name, `the file is over ${MAX_OBSERVATION_BYTES / 1e6} MB`)
    file.text().then(
      (text) => accept(text, file.name),
      (error: unknown) => refuse(file.name, `the file could not be read (${String(error)})`),
    )
  }
  const loadSample = async (): Promise<void> => {
    const sample = await import('../../../docs/samples/citizenlab-test-call.csv?raw')
    accept(sample.default, SAMPLE_NAME)
  }

  return (
    <section
      className="kr-card kr-observations"
      aria-labelledby={headingId}
      data-drop={isOver ? '' : undefined}
      onDragOver={(e) => {
        e.preventDefault()
        setIsOver(true)
      }}
      onDragLeave={() => setIsOver(false)}
      onDrop={onDrop}
    >
      <h2 id={headingId}>Observed data</h2>
      <p className="kr-hint">
        Observations of real traffic, set beside the simulation: a CSV with the columns time,
        participant, server, seen (key-delivered or media-relayed) and optionally source, source_url
        and note (see the README). They show on the map labelled “observed”, in the table below and
        in briefing captions, and are kept in My library. Drop a file here or:
      </p>
      <div className="kr-field">
        <label htmlFor={inputId}>Import observations (CSV)</label>
        <input id={inputId} type="file" accept=".csv,text/csv" onChange={(e) => void onChange(e)} />
      </div>
      <p className="kr-observations-actions">
        <button type="button" onClick={() => void loadSample()}>
          Load the sample (Citizen Lab test call)
        </button>
        {hasRows && (
          <button type="button" onClick={clear}>
            Remove observations
          </button>
        )}
      </p>
      <div role="alert" className="kr-import-status">
        {fileName !== null && (
          <p>
            <strong>{fileName}</strong>{' '}
            {isLoaded
              ? `loaded: ${items.length} observation${items.length === 1 ? '' : 's'} shown${errors.length > 0 ? `; ${errors.length} problem${errors.length === 1 ? '' : 's'}, the rows concerned left out:` : '.'}`
              : 'was not loaded; the previous observations stay.'}
          </p>
        )}
        {fileName !== null && errors.length > 0 && (
          <ul className="kr-errors" aria-label="Problems by line">
            {errors.map((e, i) => (
              <li key={i}>{observationErrorText(e)}</li>
            ))}
          </ul>
        )}
      </div>
    </section>
  )
}
