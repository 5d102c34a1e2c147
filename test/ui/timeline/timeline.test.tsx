// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { nextExposureMinutes } from '../../../src/store/selectors'
import type { TimelineEvent } from '../../../src/sim/model'
import { MARKER_SPACING_PX, Timeline, placeMarkers } from '../../../src/ui/timeline/timeline'
import { renderWith, startHarness } from '../render-app'

describe('Timeline', () => {
  it('advances the clock while playing and stops advancing on pause', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    act(() => h.store.getState().setSpeed(1440))
    await userEvent.click(screen.getByRole('button', { name: 'Play' }))
    expect(h.store.getState().isPlaying).toBe(true)
    await waitFor(() => expect(h.store.getState().timeMinutes).toBeGreaterThan(0))
    await userEvent.click(screen.getByRole('button', { name: 'Pause' }))
    const paused = h.store.getState().timeMinutes
    await new Promise((r) => setTimeout(r, 80))
    expect(h.store.getState().timeMinutes).toBe(paused)
  })

  it('steps forward and back by one step', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    act(() => h.store.getState().setTime(0))
    await userEvent.click(screen.getByRole('button', { name: 'Step forward one step' }))
    await userEvent.click(screen.getByRole('button', { name: 'Step forward one step' }))
    expect(h.store.getState().timeMinutes).toBe(120)
    await userEvent.click(screen.getByRole('button', { name: 'Step back one step' }))
    expect(h.store.getState().timeMinutes).toBe(60)
  })

  it('sets the time from the slider and labels it in UTC and the chosen zone', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    const slider = screen.getByRole('slider', { name: 'Simulated time' })
    fireEvent.change(slider, { target: { value: '600' } })
    expect(h.store.getState().timeMinutes).toBe(600)
    expect(slider).toHaveAttribute('aria-valuetext', expect.stringContaining('10:00 UTC'))
    await userEvent.selectOptions(screen.getByLabelText('Also show the time in'), 'Asia/Shanghai')
    expect(h.store.getState().timeZone).toBe('Asia/Shanghai')
    expect(screen.getByText(/18:00 GMT\+8/)).toBeInTheDocument()
  })

  it('jumps to the next step with an exposure', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    act(() => h.store.getState().setTime(0))
    const expected = nextExposureMinutes(h.store.getState().run, 0)
    await userEvent.click(screen.getByRole('button', { name: 'Jump to next exposure' }))
    expect(h.store.getState().timeMinutes).toBe(expected)
  })

  it('jumps to a timeline event from its marker', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    await userEvent.click(screen.getByRole('button', { name: /3 April 2020 fix/ }))
    const fix = h.store.getState().run!.timeline.find((e) => e.kind === 'list-correction')!
    expect(h.store.getState().timeMinutes).toBe(fix.atMinutes)
  })

  it('toggles playback with Space when focus is not in a form control', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    await userEvent.keyboard(' ')
    expect(h.store.getState().isPlaying).toBe(true)
    await userEvent.keyboard(' ')
    expect(h.store.getState().isPlaying).toBe(false)
  })

  it("flips the play button's accessible name between Play and Pause, drawing its icon rather than a font glyph", async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <Timeline />)
    const button = screen.getByRole('button', { name: 'Play' })
    expect(button.textContent).toBe('')
    expect(button.querySelector('svg')).toHaveAttribute('aria-hidden', 'true')
    await userEvent.click(button)
    expect(button).toHaveAccessibleName('Pause')
    expect(button.querySelector('svg')).toHaveAttribute('aria-hidden', 'true')
    await userEvent.click(button)
    expect(button).toHaveAccessibleName('Play')
  })

  it('spreads the markers of events 4 hours apart on a 14-day run so each stays clickable', () => {
    const end = 14 * 1440
    const events: TimelineEvent[] = [
      { kind: 'outage', atMinutes: 3 * 1440 + 13 * 60, siteId: 'new-york', label: 'Outage' },
      { kind: 'restore', atMinutes: 3 * 1440 + 17 * 60, siteId: 'new-york', label: 'Restored' },
      { kind: 'policy', atMinutes: 10 * 1440, policy: 'geofenced' },
    ]
    const placed = placeMarkers(events, end)
    const [outage, restore, policy] = [0, 1, 2].map((i) => placed.find((p) => p.index === i)!)
    expect(restore!.shiftPx - outage!.shiftPx).toBe(MARKER_SPACING_PX)
    expect(outage!.shiftPx).toBeLessThan(0)
    expect(policy!.shiftPx).toBe(0)
    expect(outage!.leftPct).toBeCloseTo((100 * events[0]!.atMinutes) / end)
  })

  it('gives each of two nearby markers its own time and label and its own jump (surge-march-2020)', async () => {
    const h = startHarness({ finish: false })
    act(() => h.store.getState().setPreset('surge-march-2020'))
    act(() => h.client.drain())
    const run = h.store.getState().run!
    expect(run.stepCount * run.stepMinutes).toBe(14 * 1440)
    renderWith(h, <Timeline />)
    const outage = run.timeline.find((e) => e.kind === 'outage')!
    const restore = run.timeline.find((e) => e.kind === 'restore')!
    expect(restore.atMinutes - outage.atMinutes).toBe(4 * 60)
    const events = screen.getByRole('list', { name: 'Timeline events' })
    const outageButton = within(events).getByRole('button', {
      name: /^Jump to 24 Mar, 13:00 UTC: Illustrative outage of US East/,
    })
    const restoreButton = within(events).getByRole('button', {
      name: 'Jump to 24 Mar, 17:00 UTC: US East restored',
    })
    const shift = (b: HTMLElement) => Number(b.closest('li')!.dataset.shift)
    expect(shift(restoreButton) - shift(outageButton)).toBeGreaterThanOrEqual(MARKER_SPACING_PX)
    outageButton.focus()
    expect(outageButton).toHaveFocus()
    await userEvent.click(restoreButton)
    expect(h.store.getState().timeMinutes).toBe(restore.atMinutes)
    await userEvent.click(outageButton)
    expect(h.store.getState().timeMinutes).toBe(outage.atMinutes)
  })
})
