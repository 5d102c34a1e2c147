// @vitest-environment jsdom
import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RunSettings } from '../../../src/ui/controls/run-settings'
import { useEscapeToClear } from '../../../src/ui/controls/use-escape-to-clear'
import { DetailsPanel } from '../../../src/ui/panels/details-panel'
import { IncidentTable } from '../../../src/ui/panels/incident-table'
import { useAppStoreApi } from '../../../src/ui/store-context'
import { Timeline } from '../../../src/ui/timeline/timeline'
import { renderWith, startHarness } from '../render-app'

/** The parts of the app around the map, with the app-level Escape listener as App installs it. */
function Dashboard() {
  useEscapeToClear(useAppStoreApi())
  return (
    <>
      <RunSettings />
      <DetailsPanel />
      <IncidentTable />
      <Timeline />
    </>
  )
}

function setUp() {
  const h = startHarness({ finish: true })
  renderWith(h, <Dashboard />)
  act(() => h.store.getState().select({ kind: 'city', id: 'toronto' }))
  return h
}

describe('Escape clears the selection', () => {
  it('wherever focus is: on a timeline button, in the panel, or on the page itself', async () => {
    const h = setUp()
    screen.getByRole('button', { name: 'Jump to next exposure' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).toBeNull()

    act(() => h.store.getState().select({ kind: 'site', id: 'beijing' }))
    screen.getByRole('button', { name: 'Clear selection' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).toBeNull()

    act(() => h.store.getState().select({ kind: 'site', id: 'beijing' }))
    ;(document.activeElement as HTMLElement | null)?.blur()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).toBeNull()
  })

  it('also from the time slider, where Escape means nothing else', async () => {
    const h = setUp()
    screen.getByRole('slider', { name: 'Simulated time' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).toBeNull()
  })

  it('but not in a text field or a select, where Escape already means something', async () => {
    const h = setUp()
    await userEvent.type(screen.getByLabelText('Filter incidents'), 'Van{Escape}')
    expect(h.store.getState().selection).not.toBeNull()
    screen.getByLabelText('Kind').focus()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).not.toBeNull()
  })

  it('but not while the run settings are open: Escape closes them first', async () => {
    const h = setUp()
    const summary = screen.getByText('Run settings')
    await userEvent.click(summary)
    const details = summary.closest('details')!
    expect(details.open).toBe(true)
    screen.getByRole('slider', { name: 'Surge multiplier' }).focus()
    await userEvent.keyboard('{Escape}')
    expect(details.open).toBe(false)
    expect(h.store.getState().selection).not.toBeNull()
    await userEvent.keyboard('{Escape}')
    expect(h.store.getState().selection).toBeNull()
  })
})
