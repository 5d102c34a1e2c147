/**
 * The observations slice: observed data (an observations CSV, src/sim/observations.ts) set
 * beside the simulation. An imported file replaces the observations shown, is kept in the
 * library (kind `observed`) so a reload brings it back, and its rows that could not be read are
 * listed by line. Rows are placed in the world of the run the map shows (observation-selectors.ts),
 * so nothing here depends on a run.
 */
import type { StateCreator } from 'zustand/vanilla'
import { visibleText } from '../sim/display-text'
import { readObservations } from '../sim/observations'
import type { ObservationError, ObservationRow } from '../sim/observations'
import { utf8Bytes } from './library'
import type { AppState } from './store'

/** The observations shown, and the file they came from. */
export interface ObservationsSlice {
  /** Rows read from the last file loaded (placed per world by the selectors). */
  readonly observationRows: readonly ObservationRow[]
  /** Problems of the rows of that file, or of the last file chosen when it gave no rows. */
  readonly observationReadErrors: readonly ObservationError[]
  /** The last file chosen, as it may be shown; null before any. */
  readonly observationsFile: string | null
  /** Whether the last file chosen was loaded (false: the previous observations stay). */
  readonly isObservationsLoaded: boolean
  /** The library item the observations on screen came from. */
  readonly observationsLibraryId: string | null
  /** Whether the map draws the observed marks (the legend's toggle). */
  readonly isObservedShown: boolean

  /** Reads an observations file: its good rows replace the shown ones and are kept in the library. */
  readonly importObservations: (text: string, fileName: string) => boolean
  /** Shows a library item's observations without saving them again. */
  readonly openObservations: (text: string, fileName: string, libraryId: string) => boolean
  /** Refuses a file before reading it (too large, unreadable); the shown observations stay. */
  readonly refuseObservations: (fileName: string, message: string) => void
  /** Takes the observations off the map and tables, and their file out of the library (undoable there). */
  readonly clearObservations: () => void
  readonly toggleObserved: () => void
  /** Shows the library's most recent observations, unless a file was loaded meanwhile. */
  readonly restoreObservations: () => Promise<void>
}

/** The observations slice. */
export const createObservationsSlice: StateCreator<AppState, [], [], ObservationsSlice> = (
  set,
  get,
) => {
  /** Loads `text`; false (the shown observations stay) when it gives no row at all. */
  const load = (text: string, rawFileName: string, libraryId: string | null): boolean => {
    const fileName = visibleText(rawFileName)
    const { rows, errors } = readObservations(text)
    const shown = errors.map((e) => ({ ...e, message: visibleText(e.message) }))
    if (rows.length === 0) {
      set({ observationsFile: fileName, isObservationsLoaded: false, observationReadErrors: shown })
      return false
    }
    set({
      observationRows: rows,
      observationReadErrors: shown,
      observationsFile: fileName,
      isObservationsLoaded: true,
      observationsLibraryId: libraryId,
      isObservedShown: true,
    })
    return true
  }

  /** Keeps the file in the library: the same text imported again is the same item, made newest. */
  const keep = async (text: string, fileName: string): Promise<void> => {
    if (get().libraryState === 'off') return
    const size = utf8Bytes(text)
    for (const e of get().libraryItems) {
      if (e.kind !== 'observed' || e.sizeBytes !== size) continue
      const row = await get().readLibraryItem(e.id)
      if (row?.text !== text) continue
      get().updateLibraryItem(e.id, { text })
      set({ observationsLibraryId: e.id })
      return
    }
    set({
      observationsLibraryId: get().saveLibraryItem({ kind: 'observed', name: fileName, text }),
    })
  }

  return {
    observationRows: [],
    observationReadErrors: [],
    observationsFile: null,
    isObservationsLoaded: false,
    observationsLibraryId: null,
    isObservedShown: true,

    importObservations(text, fileName) {
      const isLoaded = load(text, fileName, null)
      if (isLoaded) void keep(text, visibleText(fileName))
      return isLoaded
    },
    openObservations: (text, fileName, libraryId) => load(text, fileName, libraryId),
    refuseObservations(rawFileName, message) {
      set({
        observationsFile: visibleText(rawFileName),
        isObservationsLoaded: false,
        observationReadErrors: [{ line: 0, field: null, message }],
      })
    },
    clearObservations() {
      const id = get().observationsLibraryId
      if (id) get().deleteLibraryItem(id)
      set({
        observationRows: [],
        observationReadErrors: [],
        observationsFile: null,
        isObservationsLoaded: false,
        observationsLibraryId: null,
      })
    },
    toggleObserved: () => set({ isObservedShown: !get().isObservedShown }),
    async restoreObservations() {
      if (get().libraryState === 'off') return
      const row = await get().latestLibraryItem('observed')
      if (row && get().observationsFile === null) load(row.text, row.name, row.id)
    },
  }
}
