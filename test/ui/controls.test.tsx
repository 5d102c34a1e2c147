// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { RunProgress } from '../../src/ui/controls/run-progress'
import { ImportScenario, SeedInput } from '../../src/ui/controls/run-settings'
import { ComparePicker, PolicyPicker } from '../../src/ui/controls/scenario-controls'
import { renderWith, startHarness } from './render-app'

describe('controls', () => {
  it('starts a new run with the chosen policy when the policy picker changes', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <PolicyPicker />)
    const before = h.store.getState().run!.runId
    await userEvent.selectOptions(screen.getByLabelText('Routing policy'), 'geofenced')
    expect(h.store.getState().run!.runId).not.toBe(before)
    expect(h.client.sent.at(-1)).toMatchObject({ type: 'run', policy: 'geofenced' })
    expect(screen.getByLabelText('Routing policy')).toHaveAccessibleDescription(
      /China is fenced both ways/,
    )
  })

  it('commits the seed on Enter and runs once with it', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <SeedInput />)
    const runsBefore = h.client.sent.filter((c) => c.type === 'run').length
    const input = screen.getByLabelText('Seed')
    await userEvent.clear(input)
    await userEvent.type(input, '77{Enter}')
    const runs = h.client.sent.filter((c) => c.type === 'run')
    expect(runs).toHaveLength(runsBefore + 1)
    expect(runs.at(-1)).toMatchObject({ seed: 77 })
  })

  it('runs a second policy when a comparison is chosen', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <ComparePicker />)
    await userEvent.selectOptions(screen.getByLabelText('Compare with policy'), 'fail-closed')
    expect(h.store.getState().compare?.policy).toBe('fail-closed')
    expect(h.client.sent.filter((c) => c.type === 'run').slice(-2)).toMatchObject([
      { policy: 'misconfigured-2020' },
      { policy: 'fail-closed' },
    ])
  })

  it('shows a progress bar and a Cancel button while running and removes them once cancelled', async () => {
    const h = startHarness({ finish: false })
    renderWith(h, <RunProgress />)
    act(() => h.client.step(5))
    const bar = screen.getByRole('progressbar', { name: 'Simulation progress' })
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0)
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeLessThan(100)
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(h.client.sent.at(-1)).toMatchObject({ type: 'cancel' })
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    expect(screen.getByText('Run cancelled')).toBeInTheDocument()
  })

  it('lists every error of a broken scenario file with its path and keeps the previous scenario', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <ImportScenario />)
    const runsBefore = h.client.sent.length
    const broken = JSON.stringify({ id: 'Bad Id', name: 'x', startDate: '2020-13-01', days: 1 })
    await userEvent.upload(
      screen.getByLabelText('Import scenario file'),
      new File([broken], 'broken.json', { type: 'application/json' }),
    )
    const alert = await screen.findByRole('alert')
    expect(alert).toHaveTextContent('previous scenario keeps running')
    const items = within(alert).getAllByRole('listitem')
    expect(items.length).toBeGreaterThanOrEqual(3)
    expect(alert).toHaveTextContent('id:')
    expect(alert).toHaveTextContent('startDate:')
    expect(alert).toHaveTextContent('demand:')
    expect(h.store.getState().settings.presetId).toBe('citizenlab-2020')
    expect(h.client.sent).toHaveLength(runsBefore)
  })

  it('refuses a file over 2 MB before reading it', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <ImportScenario />)
    const big = new File([new Uint8Array(2_000_001)], 'huge.json', { type: 'application/json' })
    await userEvent.upload(screen.getByLabelText('Import scenario file'), big)
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /huge\.json is 2\.0 MB.*limited to 2 MB/,
    )
    expect(h.store.getState().settings.presetId).toBe('citizenlab-2020')
  })
})
