// @vitest-environment jsdom
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { incidentRows } from '../../src/store/selectors'
import { IncidentTable } from '../../src/ui/panels/incident-table'
import { renderWith, startHarness } from './render-app'

const bodyRows = (): HTMLElement[] => {
  const [, body] = screen.getAllByRole('rowgroup')
  return within(body!).getAllByRole('row')
}

describe('IncidentTable', () => {
  it('sorts by participant city when its header is clicked, and reverses on a second click', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    const header = screen.getByRole('button', { name: /Participant city/ })
    await userEvent.click(header)
    const cities = (): string[] =>
      bodyRows().map((r) => within(r).getAllByRole('cell')[1]!.textContent)
    const ascending = cities()
    expect(ascending).toEqual([...ascending].sort((a, b) => a.localeCompare(b)))
    expect(screen.getByRole('columnheader', { name: /Participant city/ })).toHaveAttribute(
      'aria-sort',
      'ascending',
    )
    await userEvent.click(header)
    const descending = cities()
    expect(descending).toEqual([...descending].sort((a, b) => b.localeCompare(a)))
  })

  it('filters by text and by kind', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    const total = h.store.getState().run!.summary!.incidents.length
    await userEvent.type(screen.getByLabelText('Filter incidents'), 'Vancouver')
    const { summary, world } = h.store.getState().run!
    const matching = incidentRows(summary, world, {
      sortBy: 'time',
      isDescending: false,
      text: 'Vancouver',
      kind: 'all',
    }).length
    expect(matching).toBeGreaterThan(0)
    expect(matching).toBeLessThan(total)
    expect(screen.getByText(/incidents shown/)).toHaveTextContent(`${matching} of ${total}`)
    expect(bodyRows()).toHaveLength(Math.min(100, matching))
    await userEvent.clear(screen.getByLabelText('Filter incidents'))
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'crossBorder')
    const crossBorder = h.store
      .getState()
      .run!.summary!.incidents.filter((i) => i.isCrossBorder).length
    expect(screen.getByText(/incidents shown/)).toHaveTextContent(`${crossBorder} of ${total}`)
  })

  it('selects the incident and moves the clock to it when a row is clicked', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    const row = bodyRows()[2]!
    await userEvent.click(within(row).getAllByRole('cell')[1]!)
    const selection = h.store.getState().selection
    expect(selection?.kind).toBe('incident')
    const incident = h.store
      .getState()
      .run!.summary!.incidents.find(
        (i) => selection?.kind === 'incident' && i.seq === selection.seq,
      )!
    expect(h.store.getState().timeMinutes).toBe(incident.timeMinutes)
    expect(row).toHaveAttribute('aria-selected', 'true')
  })

  it('shows the cause of each exposure beside its kind', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    expect(screen.getByRole('columnheader', { name: 'Kind and cause' })).toBeInTheDocument()
    const first = h.store.getState().run!.summary!.incidents[0]!
    const row = bodyRows()[0]!
    expect(within(row).getAllByRole('cell')[3]).toHaveTextContent(first.cause)
  })
})
