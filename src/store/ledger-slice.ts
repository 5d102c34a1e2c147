/**
 * The meeting ledger slice: which logged meeting is open. A meeting is named by its id, which is
 * the same under every policy on one seed (demand draws from its own stream), so the compared
 * run's ledger of the same meeting is found by the same id.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { AppState } from './store'

/** The open meeting ledger and its action. */
export interface LedgerSlice {
  /** Id of the meeting whose ledger is open and drawn as a call on the map; null when none. */
  readonly ledgerMeetingId: number | null
  readonly openLedger: (meetingId: number | null) => void
}

/** The meeting ledger slice. */
export const createLedgerSlice: StateCreator<AppState, [], [], LedgerSlice> = (set) => ({
  ledgerMeetingId: null,
  openLedger: (ledgerMeetingId) => set({ ledgerMeetingId }),
})
