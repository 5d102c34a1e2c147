/**
 * What the flow layer aggregates at the current zoom, for the words around the map (the legend's
 * note and the screen-reader summary). The layer is imperative and redraws outside React, so the
 * statement lives in a tiny external store the components read with `useSyncExternalStore`;
 * there is one live map per page.
 */
import { useSyncExternalStore } from 'react'

let statement = ''
const listeners = new Set<() => void>()

/** Sets the statement ('' when nothing is aggregated); notifies readers only on a change. */
export function setAggregationStatement(text: string): void {
  if (text === statement) return
  statement = text
  for (const listener of listeners) listener()
}

const subscribe = (listener: () => void): (() => void) => {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
const read = (): string => statement

/** The statement of what the map aggregates now ('' when nothing is). */
export function useAggregationStatement(): string {
  return useSyncExternalStore(subscribe, read, read)
}
