// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { findLedger } from '../../../src/store/ledger-selectors'
import LedgerPanel from '../../../src/ui/panels/ledger-panel'
import { renderWith, startHarness } from '../render-app'

describe('LedgerPanel', () => {
  it('finds a US-Canada meeting by search and reads its ledger, Beijing key and why', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <LedgerPanel />)
    await userEvent.type(screen.getByLabelText('Participants’ countries (e.g. US+CA)'), 'US+CA')
    await userEvent.click(screen.getByLabelText('only keys from a jurisdiction of concern'))
    await userEvent.click(screen.getByRole('button', { name: 'Find meetings' }))
    expect(screen.getByRole('status', { name: '' })).toHaveTextContent(/in exactly CA and US/)
    const found = within(screen.getByRole('list', { name: 'Meetings found' }))
    const pick = found.getAllByRole('button', { name: /Beijing \(CN\)/ })[0]!
    await userEvent.click(pick)
    const id = h.store.getState().ledgerMeetingId!
    const ledger = findLedger(h.store.getState().run!.summary, id)!
    expect(ledger.countries).toEqual(['CA', 'US'])
    const heading = screen.getByRole('heading', { name: new RegExp(`^Meeting ${id}:`) })
    expect(heading).toHaveFocus()
    const table = screen.getByRole('table', {
      name: `Ledger of meeting ${id}, one row per participant`,
    })
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((c) => c.textContent),
    ).toContain('Key delivered by (jurisdiction)')
    expect(within(table).getAllByRole('rowheader')).toHaveLength(ledger.participants.length)
    const exposedRow = within(table)
      .getAllByRole('row')
      .filter((r) => r.className.includes('kr-ledger-exposed'))
      // The meeting may have other exposed participants: the one keyed from Beijing is read.
      .find((r) => r.textContent?.includes('Beijing (CN)'))!
    expect(exposedRow).toHaveTextContent('Beijing (CN)')
    expect(exposedRow).toHaveTextContent(/Jurisdiction of concern: the key came from CN/)
  })

  it('shows the same meeting under the compared policy, or says plainly that it was not logged', () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().setComparePolicy('geofenced'))
    act(() => h.client.drain())
    const { run, compare } = h.store.getState()
    const beijing = run!.summary!.ledgers.find((l) =>
      l.participants.some((p) => p.keySiteId === 'beijing'),
    )!
    act(() => h.store.getState().openLedger(beijing.meetingId))
    renderWith(h, <LedgerPanel />)
    if (findLedger(compare!.summary, beijing.meetingId))
      expect(screen.getByRole('table', { name: /under both policies/ })).toHaveTextContent(
        'key site',
      )
    else
      expect(
        screen.getByText(new RegExp(`run did not log meeting ${beijing.meetingId}`)),
      ).toBeInTheDocument()
    const both = run!.summary!.ledgers.find((l) => findLedger(compare!.summary, l.meetingId))
    expect(both).toBeDefined()
    act(() => h.store.getState().openLedger(both!.meetingId))
    expect(
      screen.getByRole('heading', { name: /^Same meeting under Geofenced backup list/ }),
    ).toBeInTheDocument()
  })
})
