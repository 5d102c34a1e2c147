// @vitest-environment jsdom
import { screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RunSettings } from '../../../src/ui/controls/run-settings'
import { renderWith, startHarness } from '../render-app'

async function applyTiles(address: string) {
  const input = screen.getByLabelText('Online basemap tiles (optional)')
  await userEvent.clear(input)
  // userEvent.type reads { as a key descriptor; paste puts the text in as it is.
  await userEvent.click(input)
  await userEvent.paste(address)
  await userEvent.click(screen.getByRole('button', { name: 'Apply tiles' }))
  return input
}

describe('tile setting', () => {
  it('refuses an address with an unknown placeholder, naming it, and keeps tiles off', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <RunSettings />)
    await userEvent.click(screen.getByText('Run settings'))
    const input = await applyTiles('https://tiles.example/{z}/{x}/{y}/{style}.png')
    const alert = screen
      .getAllByRole('alert')
      .find((el) => /tile address/.test(el.textContent ?? ''))
    expect(alert).toHaveTextContent(
      /This tile address cannot be used: \{style\} is not a placeholder/,
    )
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(h.store.getState().tileUrl).toBe('')
  })

  it('takes HTTPS:// in capitals as https', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <RunSettings />)
    await userEvent.click(screen.getByText('Run settings'))
    await applyTiles('HTTPS://tiles.example/{z}/{x}/{y}.png')
    expect(screen.queryByText(/This tile address cannot be used/)).toBeNull()
    expect(h.store.getState().tileUrl).toBe('https://tiles.example/{z}/{x}/{y}.png')
  })
})
