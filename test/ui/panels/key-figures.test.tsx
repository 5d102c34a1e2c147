// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { resultsJson, stepSeriesCsv } from '../../../src/sim/exports'
import { formatCount, formatShortTime } from '../../../src/ui/panels/format'
import { FIGURE_METRICS } from '../../../src/sim/metrics'
import { KeyFigures } from '../../../src/ui/panels/key-figures'
import { renderWith, startHarness } from '../render-app'
import { POLICIES } from '../../../src/sim/routing'

/** The number a cell starts with, thousands separators read; NaN where it has none. */
const numberIn = (text: string | null): number =>
  Number(/^[\d,]+/.exec(text ?? '')?.[0].replace(/,/g, '') ?? NaN)

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

  it('downloads each run of a comparison, named by its policy, with the same per-run JSON and CSV', async () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().setComparePolicy('geofenced'))
    act(() => h.client.drain())
    renderWith(h, <KeyFigures />)
    const { run, compare } = h.store.getState()
    expect(screen.queryByRole('button', { name: 'Download results (JSON)' })).toBeNull()
    for (const r of [run!, compare!]) {
      const label = POLICIES[r.policy].label
      const results = await savedBy(`Download results (JSON): ${label}`)
      expect(results.text).toBe(resultsJson(r.summary!))
      expect(results.fileName).toBe(
        `${r.summary!.scenarioId}-seed${r.summary!.seed}-${r.policy}-results.json`,
      )
      const series = await savedBy(`Download step series (CSV): ${label}`)
      expect(series.text).toBe(stepSeriesCsv(r.startDate, r.steps))
    }
    expect(compare!.policy).toBe('geofenced')
    expect(run!.policy).not.toBe('geofenced')
  })

  it('shows a row for every key figure of the metric table, by its name, in table order', () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().setPreset('surge-march-2020'))
    act(() => h.client.drain())
    renderWith(h, <KeyFigures />)
    const totals = h.store.getState().run!.summary!.totals
    const rows = screen.getAllByRole('rowheader').map((r) => r.textContent)
    expect(rows).toEqual(FIGURE_METRICS.map((m) => m.label))
    for (const m of FIGURE_METRICS) {
      const atEnd = within(rowOf(m.label)).getAllByRole('cell')[1]!
      expect(atEnd.textContent, m.name).toMatch(new RegExp(`^${formatCount(totals[m.name])}( |$)`))
    }
  })

  it("shows the run's totals with thousands separators in the whole-run column", () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const totals = h.store.getState().run!.summary!.totals
    const atEnd = (label: string) => within(rowOf(label)).getAllByRole('cell')[1]!.textContent
    expect(totals.meetings).toBeGreaterThan(999)
    expect(atEnd('Meetings')).toMatch(/^\d{1,3}(,\d{3})+$/)
    expect(numberIn(atEnd('Meetings'))).toBe(totals.meetings)
    expect(numberIn(atEnd('Keys from a jurisdiction of concern'))).toBe(totals.concernExposures)
    expect(numberIn(atEnd('Participants who shared an exposed key'))).toBe(
      totals.exposedParticipants,
    )
  })

  it('shows the totals up to the current time, which reach the end totals at the end', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <KeyFigures />)
    const totals = h.store.getState().run!.summary!.totals
    const soFar = () => numberIn(within(rowOf('Meetings')).getAllByRole('cell')[0]!.textContent)
    expect(soFar()).toBeGreaterThan(0)
    expect(soFar()).toBeLessThan(totals.meetings)
    act(() => h.store.getState().setTime(Infinity))
    expect(soFar()).toBe(totals.meetings)
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
