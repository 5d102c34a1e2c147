// @vitest-environment jsdom
import { act, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'
import { describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { openLibraryStorage } from '../../../src/store/library-db'
import { createAppStore } from '../../../src/store/store'
import type { AppStore } from '../../../src/store/store'
import { LibraryPanel } from '../../../src/ui/panels/library-panel'
import { renderWith } from '../render-app'
import { createSyncClient } from '../sync-client'

async function libraryApp(): Promise<AppStore> {
  const source = { indexedDB: new IDBFactory(), IDBKeyRange }
  const store = createAppStore(createSyncClient(), undefined, {
    openLibrary: () => openLibraryStorage(source),
  })
  store.getState().rerun()
  await store.getState().libraryIdle()
  return store
}

const scenarioText = JSON.stringify({ ...PRESETS['surge-march-2020'], id: 'mine', name: 'Mine' })

const idle = (store: AppStore) => act(() => store.getState().libraryIdle())

/** The library's entry for an item, by a part of its name. */
const itemNamed = (name: RegExp): HTMLElement | undefined =>
  within(screen.getByRole('list', { name: /Items in my library/ }))
    .queryAllByRole('listitem')
    .find((li) => name.test(li.querySelector('strong')?.textContent ?? ''))

describe('My library panel', () => {
  it('lists an imported scenario with its kind and date, and renames it from the keyboard', async () => {
    const store = await libraryApp()
    renderWith({ store, client: createSyncClient() }, <LibraryPanel />)
    expect(screen.getByText(/Nothing here yet/)).toBeInTheDocument()
    act(() => void store.getState().importScenario(scenarioText, 'mine.json'))
    await idle(store)
    const row = itemNamed(/mine\.json/) as HTMLElement
    expect(row).toHaveTextContent(/Scenario · \d+(\.\d)? kB · changed/)
    expect(within(row).getByText('open')).toBeInTheDocument()
    expect(row.querySelector('time')?.getAttribute('dateTime')).toMatch(/^\d{4}-\d\d-\d\dT/)

    const user = userEvent.setup()
    await user.click(within(row).getByRole('button', { name: 'Rename “mine.json”' }))
    const input = screen.getByLabelText('New name for “mine.json”')
    expect(input).toHaveFocus()
    await user.clear(input)
    await user.type(input, 'Harbour test{Enter}')
    await idle(store)
    expect(itemNamed(/Harbour test/)).toBeDefined()
    expect(screen.getByRole('status')).toHaveTextContent('Renamed to “Harbour test”.')
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Rename “Harbour test”' })).toHaveFocus(),
    )
  })

  it('deletes with an undo that takes the focus, and the undo brings the item back', async () => {
    const store = await libraryApp()
    store.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{}' })
    await store.getState().libraryIdle()
    renderWith({ store, client: createSyncClient() }, <LibraryPanel />)
    const user = userEvent.setup()
    // A stored briefing opens as the briefing being written.
    expect(screen.getByRole('button', { name: 'Open “Talk”' })).toBeInTheDocument()
    await user.click(screen.getByRole('button', { name: 'Delete “Talk”' }))
    await idle(store)
    expect(screen.queryByRole('list', { name: /Items in my library/ })).toBeNull()
    const undo = screen.getByRole('button', { name: 'Undo deleting “Talk”' })
    expect(undo).toHaveFocus()
    expect(screen.getByRole('status')).toHaveTextContent('Deleted “Talk”.')
    await user.keyboard('{Enter}')
    await idle(store)
    expect(itemNamed(/Talk/)).toBeDefined()
    expect(screen.getByRole('status')).toHaveTextContent('Restored “Talk”.')
  })

  it('downloads everything as one file and lists every problem of a bad backup by its path', async () => {
    const store = await libraryApp()
    store.getState().saveLibraryItem({ kind: 'briefing', name: 'Talk', text: '{}' })
    await store.getState().libraryIdle()
    renderWith({ store, client: createSyncClient() }, <LibraryPanel />)
    const blobs: Blob[] = []
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), 'blob:backup'))
    URL.revokeObjectURL = vi.fn()
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {})
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Download everything' }))
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1))
    const backup = JSON.parse(await (blobs[0] as Blob).text()) as { items: { name: string }[] }
    expect(backup.items.map((i) => i.name)).toEqual(['Talk'])

    const bad = new File(['{"format":"keyroute-library-backup","version":2}'], 'old.json')
    await user.upload(screen.getByLabelText('Import backup'), bad)
    const alert = await screen.findByText(/was not imported/)
    expect(alert).toHaveTextContent('old.json was not imported; your library is unchanged.')
    const paths = within(screen.getByRole('alert'))
      .getAllByRole('listitem')
      .map((li) => li.querySelector('code')?.textContent)
    expect(paths.sort()).toEqual(['exported', 'items', 'version'])
    click.mockRestore()
  })

  it('says when the browser refuses storage and that the work stays in the page', async () => {
    const store = createAppStore(createSyncClient(), undefined, {
      openLibrary: () => Promise.reject(new DOMException('no', 'SecurityError')),
    })
    await store.getState().libraryIdle()
    renderWith({ store, client: createSyncClient() }, <LibraryPanel />)
    act(() => void store.getState().importScenario(scenarioText, 'mine.json'))
    await idle(store)
    expect(screen.getByText(/cannot be saved in this browser/)).toHaveTextContent(
      /SecurityError.*stays in this page until you download it/,
    )
    expect(itemNamed(/mine\.json/)).toHaveTextContent('not saved')
    expect(screen.getByText(/1 item is not saved/)).toBeInTheDocument()
  })
})
