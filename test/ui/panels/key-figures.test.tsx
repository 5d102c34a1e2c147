// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resultsJson, stepSeriesCsv } from '../../../src/sim/exports'
import { formatCount, formatShortTime } from '../../../src/ui/panels/format'
import { KeyFigures } from '../../../src/ui/panels/key-figures'
import { renderWith, startHarness } from '../render-app'

const rowOf = (label: string): HTMLElement =>
  screen.getByRole('rowheader', { name: label }).closest('tr')!

/** Clicks a download button and returns the file name and the text it saved. */
async function savedBy(name: string): Promise<{ fileName: string; text: string }> {
  let blob: Blob | undefined
  let fileName = ''
  vi.stubGlobal('URL', {
    createObjectURL: (b: Blob) => ((blob = b), 'blob:x'),
    revokeObjectURL() {},
  })
  const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
    this: HTMLAnchorElement,
  ) {
    fileName = this.download
  })
  fireEvent.click(screen.getByRole('button', { name }))
  click.mockRestore()
  if (!blob) throw new Error(`${name} saved nothing`)
  return { fileName, text: await blob.text() }
}

describe('KeyFigures', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
  })

  it('downloads the results JSON and the step series of the finished run, as the CLI writes them', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const run = h.store.getState().run!
    const results = await savedBy('Download results (JSON)')
    expect(results.text).toBe(resultsJson(run.summary!))
    expect(results.fileName).toMatch(/-results\.json$/)
    const series = await savedBy('Download step series (CSV)')
    expect(series.text).toBe(stepSeriesCsv(run.startDate, run.steps))
    expect(series.text.split('\r\n')).toHaveLength(run.steps.length + 2)
    expect(series.fileName).toMatch(/-steps\.csv$/)
  })

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

  it('labels the so-far column with the end of the shown step, whose figures it includes', () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().setTime(13 * 60 + 20))
    renderWith(h, <KeyFigures />)
    const run = h.store.getState().run!
    expect(screen.getByRole('columnheader', { name: /^Through/ })).toHaveTextContent(
      `Through ${formatShortTime(run.startDate, 13 * 60)}–14:00 UTC`,
    )
    const meetings = run.steps.slice(0, 14).reduce((sum, s) => sum + s.meetings, 0)
    expect(within(rowOf('Meetings')).getAllByRole('cell')[0]).toHaveTextContent(
      formatCount(meetings),
    )
  })

  it('shows participants cut off by outages only when a run has some', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const label = 'Participants cut off by outages or capacity cuts'
    expect(screen.queryByRole('rowheader', { name: label })).not.toBeInTheDocument()
    act(() => h.store.getState().setPreset('surge-march-2020'))
    act(() => h.client.drain())
    const total = h.store.getState().run!.summary!.totals.disconnected
    expect(total).toBeGreaterThan(0)
    expect(within(rowOf(label)).getAllByRole('cell')[1]).toHaveTextContent(formatCount(total))
  })

  it('says the participants who shared an exposed key are a whole-run figure, not a bare dash', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const [soFar] = within(rowOf('Participants who shared an exposed key')).getAllByRole('cell')
    expect(soFar).toHaveTextContent('whole run only')
    expect(soFar).not.toHaveTextContent('–')
  })

  it("shows the shown run's policy and its one-line story on screen", () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    expect(
      screen.getByText(/mistakenly holds the two China data centers for every region/),
    ).toBeVisible()
    act(() => h.store.getState().setPolicy('geofenced'))
    expect(screen.getByText(/China is fenced both ways/)).toHaveTextContent(
      /^Geofenced backup list:/,
    )
  })
})
