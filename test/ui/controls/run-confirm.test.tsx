// @vitest-environment jsdom
import { act, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RunProgress } from '../../../src/ui/controls/run-progress'
import { syntheticScenario } from '../../sim/synthetic-world'
import { renderWith, startHarness } from '../render-app'

// The world: 500 sites x 5,000 cities over 120 days, minutes of work in the app.
const LONG = JSON.stringify(
  syntheticScenario({ sites: 500, cities: 5000, days: 120, joinsPerDay: 30 }),
)

function runCommands(h: ReturnType<typeof startHarness>) {
  return h.client.sent.filter((c) => c.type === 'run')
}

describe('a long run', () => {
  it('asks before it starts, and Cancel keeps the run on screen and its settings', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <RunProgress />)
    const before = runCommands(h).length
    const shown = h.store.getState().run
    act(() => {
      h.store.getState().importScenario(LONG, 'big.json')
    })
    const dialog = screen.getByRole('alertdialog', {
      name: /This run is expected to take about \d+ min/,
    })
    expect(dialog).toHaveAccessibleDescription(
      /7\.2 billion cells of per-step output \(2,880 steps × 500 sites × 5,000 cities\)/,
    )
    expect(screen.getByRole('button', { name: 'Run' })).toHaveFocus()
    // An imported world is not a preset: the command runs the scenario file offered beside it.
    expect(dialog).toHaveTextContent(
      /Or run it from a terminal .*: npm run sim -- synthetic-500x5000-seed\d+-[a-z0-9-]+\.json/,
    )
    expect(screen.getByRole('button', { name: 'Download scenario file' })).toBeInTheDocument()
    expect(runCommands(h)).toHaveLength(before)
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(runCommands(h)).toHaveLength(before)
    const state = h.store.getState()
    expect(state.run).toBe(shown)
    expect(state.settings.presetId).toBe('citizenlab-2020')
    expect(state.customScenario).toBeNull()
    expect(screen.getByRole('status')).toHaveTextContent('Run done: 9 days')
  })

  it('starts when Run is pressed and shows its expected time while it goes', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <RunProgress />)
    act(() => {
      h.store.getState().importScenario(LONG, 'big.json')
    })
    await userEvent.keyboard('{Enter}')
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(runCommands(h).at(-1)).toMatchObject({ scenario: { id: 'synthetic-500x5000' } })
    expect(screen.getByRole('progressbar', { name: 'Simulation progress' })).toBeInTheDocument()
    expect(screen.getByText(/^expected about \d+ min/)).toBeInTheDocument()
  })

  it('starts a short run at once', () => {
    const h = startHarness({ finish: false })
    renderWith(h, <RunProgress />)
    expect(screen.queryByRole('alertdialog')).toBeNull()
    expect(runCommands(h)).toHaveLength(1)
    expect(screen.getByText(/^expected (under a second|about \d+ s)/)).toBeInTheDocument()
  })
})
