/** Renders components with a real store over a hand-driven simulation client. */
import { act, cleanup, render } from '@testing-library/react'
import type { ReactElement } from 'react'
import { afterEach, expect } from 'vitest'
import { createAppStore } from '../../src/store/store'
import type { AppStore } from '../../src/store/store'
import { StoreProvider } from '../../src/ui/store-context'
import { createSyncClient } from './sync-client'
import type { SyncClient } from './sync-client'

// vitest runs without globals, so Testing Library cannot register its own cleanup.
afterEach(cleanup)

export interface Harness {
  readonly store: AppStore
  readonly client: SyncClient
}

/** A store whose first run (citizenlab-2020) has started; `finish` runs it to the end. */
export function startHarness({ finish }: { finish: boolean }): Harness {
  const client = createSyncClient()
  const store = createAppStore(client)
  store.getState().rerun()
  if (finish) client.drain()
  return { store, client }
}

export function renderWith(harness: Harness, ui: ReactElement) {
  return render(<StoreProvider store={harness.store}>{ui}</StoreProvider>)
}

/** Steps a streaming run until the store holds more steps than before (a snapshot arrived). */
export function stepUntilSnapshot(h: Harness): void {
  const before = h.store.getState().run!.steps.length
  act(() => {
    for (let i = 0; i < 200 && h.store.getState().run!.steps.length === before; i++)
      h.client.step(5)
  })
  expect(h.store.getState().run!.steps.length).toBeGreaterThan(before)
  expect(h.store.getState().run!.status).toBe('running')
}
