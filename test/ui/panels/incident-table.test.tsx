// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { isSelectedIncident } from '../../../src/store/incident-identity'
import { incidentRows } from '../../../src/store/incident-selectors'
import { formatCount } from '../../../src/ui/panels/format'
import { IncidentTable, shownText } from '../../../src/ui/panels/incident-table'
import { renderWith, startHarness } from '../render-app'

const bodyRows = (): HTMLElement[] => {
  const [, body] = screen.getAllByRole('rowgroup')
  return within(body!).getAllByRole('row')
}

describe('IncidentTable', () => {
  it('lists imported observations first, tagged Observed, and a click moves the clock to one', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    act(() => {
      h.store
        .getState()
        .importObservations(
          'time,participant,server,seen,source\n2020-04-02T15:00Z,CA,52.81.151.250,key-delivered,Citizen Lab',
          'o.csv',
        )
    })
    const [first] = bodyRows()
    expect(within(first!).getByText('Observed')).toBeInTheDocument()
    expect(first).toHaveTextContent(
      /Beijing \(CN\) · 52\.81\.151\.250.*Key delivered · Citizen Lab/,
    )
    await userEvent.click(
      within(first!).getByRole('button', { name: /Show the observation of line 2/ }),
    )
    // The run starts on 27 March: 2 April, 15:00 is 6 days and 15 hours in.
    expect(h.store.getState().timeMinutes).toBe(6 * 1440 + 15 * 60)
    expect(h.store.getState().selection).toEqual({ kind: 'site', id: 'beijing' })
  })

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
      country: '',
      text: 'Vancouver',
      kind: 'all',
    }).length
    expect(matching).toBeGreaterThan(0)
    expect(matching).toBeLessThan(total)
    expect(screen.getByText(/incidents match|matching incidents/)).toHaveTextContent(
      matching > 100
        ? `Showing the first 100 of ${formatCount(matching)} matching incidents (${formatCount(total)} in the log)`
        : `${formatCount(matching)} of ${formatCount(total)} incidents match`,
    )
    expect(bodyRows()).toHaveLength(Math.min(100, matching))
    await userEvent.clear(screen.getByLabelText('Filter incidents'))
    await userEvent.selectOptions(screen.getByLabelText('Kind'), 'crossBorder')
    const crossBorder = h.store
      .getState()
      .run!.summary!.incidents.filter((i) => i.isCrossBorder).length
    expect(screen.getByRole('status')).toHaveTextContent(shownText(crossBorder, total, 100))
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
      .run!.summary!.incidents.find((i) => isSelectedIncident(selection, i))!
    expect(h.store.getState().timeMinutes).toBe(incident.timeMinutes)
    expect(row).toHaveAttribute('aria-selected', 'true')
  })

  it('shows the cause of each exposure beside its kind', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    expect(screen.getByRole('columnheader', { name: 'Kind and cause' })).toBeInTheDocument()
    const first = h.store.getState().run!.summary!.incidents[0]!
    const row = bodyRows()[0]!
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent(first.cause)
  })

  it('says how many incidents it lists, with thousands separators', () => {
    expect(shownText(1526, 1526, 100)).toBe('Showing the first 100 of 1,526 incidents.')
    expect(shownText(1526, 1526, 2000)).toBe('1,526 incidents.')
    expect(shownText(12, 1526, 100)).toBe('12 of 1,526 incidents match.')
    expect(shownText(1200, 1526, 100)).toBe(
      'Showing the first 100 of 1,200 matching incidents (1,526 in the log).',
    )
    const h = startHarness({ finish: true })
    renderWith(h, <IncidentTable />)
    const total = h.store.getState().run!.summary!.incidents.length
    expect(screen.getByText(/incidents\.$/)).toHaveTextContent(
      total > 100
        ? `Showing the first 100 of ${formatCount(total)} incidents.`
        : `${formatCount(total)} incidents.`,
    )
  })

  it('names the account kind of each exposure beside its kind, so a government cross-border reads as one', async () => {
    const h = startHarness({ finish: false })
    act(() => h.store.getState().setAccounts({ free: 0.5, paid: 0.2, government: 0.3 }))
    act(() => h.client.drain())
    renderWith(h, <IncidentTable />)
    const incidents = h.store.getState().run!.summary!.incidents
    const gov = incidents.find((i) => i.account === 'government' && i.isCrossBorder && !i.isConcern)
    expect(gov).toBeDefined()
    await userEvent.type(screen.getByLabelText('Filter incidents'), 'government')
    const row = bodyRows().find((r) =>
      within(r).getAllByRole('cell')[4]!.textContent.includes(gov!.cause),
    )!
    expect(within(row).getAllByRole('cell')[4]).toHaveTextContent(
      /^Cross-border · government account/,
    )
    for (const r of bodyRows())
      expect(within(r).getAllByRole('cell')[4]).toHaveTextContent(/· government account/)
  })
})
