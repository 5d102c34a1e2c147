// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { formatCount } from '../../src/ui/panels/format'
import { KeyFigures } from '../../src/ui/panels/key-figures'
import { renderWith, startHarness } from './render-app'

const rowOf = (label: string): HTMLElement =>
  screen.getByRole('rowheader', { name: label }).closest('tr')!

describe('KeyFigures', () => {
  it("shows the run's totals with thousands separators in the whole-run column", () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const totals = h.store.getState().run!.summary!.totals
    const cells = (label: string) => within(rowOf(label)).getAllByRole('cell')
    expect(cells('Meetings')[1]).toHaveTextContent(formatCount(totals.meetings))
    expect(formatCount(totals.meetings)).toContain(',')
    expect(cells('Keys from a jurisdiction of concern')[1]).toHaveTextContent(
      formatCount(totals.concernExposures),
    )
    expect(cells('Participants who shared an exposed key')[1]).toHaveTextContent(
      formatCount(totals.exposedParticipants),
    )
  })

  it('shows the totals up to the current time, which reach the end totals at the end', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const totals = h.store.getState().run!.summary!.totals
    const soFar = () => within(rowOf('Meetings')).getAllByRole('cell')[0]
    expect(soFar()).not.toHaveTextContent(formatCount(totals.meetings))
    act(() => h.store.getState().setTime(Infinity))
    expect(soFar()).toHaveTextContent(formatCount(totals.meetings))
  })

  it('gives the hash, seed, engine version and the command that reproduces the run', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const run = h.store.getState().run!
    expect(screen.getByText(run.hash)).toBeInTheDocument()
    expect(
      screen.getByText('npm run sim -- citizenlab-2020 --seed 2020 --policy misconfigured-2020'),
    ).toBeInTheDocument()
    expect(screen.getByText(run.summary!.engineVersion)).toBeInTheDocument()
  })
})
