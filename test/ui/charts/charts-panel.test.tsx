// @vitest-environment jsdom
import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { ChartsPanel } from '../../../src/ui/charts/charts-panel'
import { formatShortTime } from '../../../src/ui/panels/format'
import { renderWith, startHarness } from '../render-app'

const pairsFigure = () => screen.getByRole('figure', { name: /Exposures by participant/ })

describe('ChartsPanel', () => {
  it('shows exposure pairs up to the shown time while the run streams, and the whole run once done', async () => {
    const h = startHarness({ finish: false })
    const run0 = () => h.store.getState().run!
    act(() => {
      for (let i = 0; i < 40 && run0().steps.length < 60; i++) h.client.step(5)
    })
    act(() => h.store.getState().setTime(50 * 60 + 10))
    renderWith(h, <ChartsPanel />)
    expect(pairsFigure()).toHaveAccessibleName(
      `Exposures by participant jurisdiction → key jurisdiction, through ${formatShortTime(run0().startDate, 50 * 60)}–03:00 UTC`,
    )
    const whole = screen.getByRole('radio', { name: /Whole run/ })
    expect(whole).toBeDisabled()
    act(() => h.client.drain())
    expect(whole).toBeEnabled()
    await userEvent.click(whole)
    expect(pairsFigure()).toHaveAccessibleName(/over the whole run$/)
    await userEvent.click(screen.getByRole('radio', { name: 'Up to the shown time' }))
    expect(pairsFigure()).toHaveAccessibleName(/through .*–\d\d:\d\d UTC$/)
  })
})
