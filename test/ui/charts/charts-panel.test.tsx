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

  it('gives every chart keyboard buttons that export it as SVG and PNG, named by its title', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <ChartsPanel />)
    const figures = screen.getAllByRole('figure')
    expect(figures).toHaveLength(5)
    for (const figure of figures) {
      const title = figure.querySelector('h3')?.textContent ?? ''
      for (const format of ['SVG', 'PNG']) {
        const button = screen.getByRole('button', { name: `Export ${title} as ${format}` })
        expect(figure).toContainElement(button)
        expect(button.tabIndex).toBe(0)
      }
    }
  })
})
