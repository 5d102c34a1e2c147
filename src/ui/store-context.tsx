import { createContext, useContext } from 'react'
import type { ReactNode } from 'react'
import { useStore } from 'zustand'
import type { AppState, AppStore } from '../store/store'

const StoreContext = createContext<AppStore | null>(null)

/** Makes the app store available to every component below. */
export function StoreProvider({ store, children }: { store: AppStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>
}

/** The store itself, for imperative reads and transient `subscribe` (map layers, playback). */
export function useAppStoreApi(): AppStore {
  const store = useContext(StoreContext)
  if (!store) throw new Error('useAppStoreApi must be used inside <StoreProvider>')
  return store
}

/**
 * Reads from the store. The selector must return a stable reference (a field of the state, or
 * a value memoised in selectors.ts); wrap computed objects in `useShallow`.
 */
export function useAppStore<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStoreApi(), selector)
}
