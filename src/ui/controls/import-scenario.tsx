import { MAX_SCENARIO_BYTES } from '../../sim/scenario'
import { useAppStore } from '../store-context'
import { ImportFile } from './import-file'

/**
 * Loads a scenario file; problems are listed with their paths and the current run keeps going.
 * What is shown is always about the last file chosen, and says which file that was.
 */
export function ImportScenario() {
  const importFile = useAppStore((s) => s.importScenarioFile)
  return (
    <ImportFile
      label="Import scenario file"
      kind="scenario"
      maxBytes={MAX_SCENARIO_BYTES}
      result={useAppStore((s) => s.importResult)}
      kept="the previous scenario keeps running"
      accept={(text, fileName) => void importFile(text, fileName)}
      refuse={useAppStore((s) => s.refuseImport)}
    />
  )
}
