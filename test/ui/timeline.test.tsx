// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { nextExposureMinutes } from '../../src/store/selectors'
import { Timeline } from '../../src/ui/timeline/timeline'
import { renderWith, startHarness } from './render-app'

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
    const fix = h.store.getState().run!.timeline.find((e) => e.kind === 'policy')!
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
})
