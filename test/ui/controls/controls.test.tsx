// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { PRESETS } from '../../../src/sim/presets/scenarios'
import { POLICY_LIST } from '../../../src/sim/routing'
import { parseScenario } from '../../../src/sim/scenario'
import { createAppStore } from '../../../src/store/store'
import { RunProgress } from '../../../src/ui/controls/run-progress'
import {
  AccountMix,
  RunSettings,
  SURGE_KEY_IDLE_MS,
  SeedInput,
  SurgeInput,
} from '../../../src/ui/controls/run-settings'
import { ComparePicker, PolicyPicker } from '../../../src/ui/controls/scenario-controls'
import { ImportScenario } from '../../../src/ui/controls/import-scenario'
import { renderWith, startHarness } from '../render-app'
import { createSyncClient } from '../sync-client'

describe('controls', () => {
  it('offers every policy of the routing table in both pickers, by its label, and no other', () => {
    const h = startHarness({ finish: true })
    renderWith(
      h,
      <>
        <PolicyPicker />
        <ComparePicker />
      </>,
    )
    const valuesOf = (label: string) =>
      within(screen.getByLabelText(label))
        .getAllByRole('option')
        .map((o) => [(o as HTMLOptionElement).value, o.textContent])
    const policies = POLICY_LIST.map((p) => [p.id, p.label])
    expect(valuesOf('Routing policy')).toEqual(policies)
    expect(valuesOf('Compare with policy').filter(([v]) => v !== '')).toEqual(policies)
  })

  it('accepts in a scenario file exactly the policies of the routing table', () => {
    const accepts = (policy: string) => parseScenario({ ...PRESETS['citizenlab-2020'], policy }).ok
    for (const p of POLICY_LIST) expect(accepts(p.id), p.id).toBe(true)
    expect(accepts('misconfigured-2021')).toBe(false)
    expect(accepts('Geofenced')).toBe(false)
  })

  it('starts a new run with the chosen policy when the policy picker changes', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <PolicyPicker />)
    const before = h.store.getState().run!.runId
    await userEvent.selectOptions(screen.getByLabelText('Routing policy'), 'geofenced')
    expect(h.store.getState().run!.runId).not.toBe(before)
    expect(h.client.sent.at(-1)).toMatchObject({ type: 'run', policy: 'geofenced' })
    expect(screen.getByLabelText('Routing policy')).toHaveAccessibleDescription(
      /China is fenced both ways.*Backup-list fix: No change: this policy never listed China\./,
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
    const primary = h.store.getState().run
    const sent = h.client.sent.length
    await userEvent.selectOptions(screen.getByLabelText('Compare with policy'), 'fail-closed')
    expect(h.store.getState().compare?.policy).toBe('fail-closed')
    // The primary run, done with the same settings, is kept: only the second one is started.
    expect(h.store.getState().run).toBe(primary)
    expect(h.client.sent.slice(sent)).toMatchObject([{ type: 'run', policy: 'fail-closed' }])
  })

  it('says the run failed or was cancelled when only the compared one did, never that both are done', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <RunProgress />)
    act(() => h.store.getState().setComparePolicy('geofenced'))
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(h.store.getState().run?.status).toBe('done')
    expect(screen.getByRole('status')).toHaveTextContent('Run cancelled')
    await userEvent.click(screen.getByRole('button', { name: 'Run again' }))
    act(() =>
      h.client.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'boom' }] }),
    )
    expect(h.store.getState().run?.status).toBe('done')
    expect(screen.getByRole('status')).toHaveTextContent('The simulation stopped')
    expect(screen.getByRole('alert')).toHaveTextContent(/\(worker\): boom/)
    expect(screen.queryByText(/Both runs done/)).not.toBeInTheDocument()
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
      /huge\.json was not loaded.*huge\.json: the file is 2\.0 MB; .*limited to 2 MB/,
    )
    expect(h.store.getState().settings.presetId).toBe('citizenlab-2020')
  })

  it('shows only the errors of the last file chosen, naming it, and clears them on a good one', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <ImportScenario />)
    const input = screen.getByLabelText('Import scenario file')
    const file = (name: string, text: BlobPart) =>
      new File([text], name, { type: 'application/json' })
    await userEvent.upload(input, file('first.json', JSON.stringify({ id: 'Bad Id' })))
    const alert = screen.getByRole('alert')
    await vi.waitFor(() => expect(alert).toHaveTextContent(/first\.json was not loaded/))
    expect(alert).toHaveTextContent('id:')

    await userEvent.upload(input, file('second.json', '{ "id": '))
    await vi.waitFor(() => expect(alert).toHaveTextContent(/second\.json was not loaded/))
    expect(
      within(alert)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([expect.stringMatching(/^second\.json: not valid JSON/)])
    expect(alert).not.toHaveTextContent('first.json')

    await userEvent.upload(input, file('third.json', new Uint8Array(2_000_001)))
    await vi.waitFor(() => expect(alert).toHaveTextContent(/third\.json was not loaded/))
    expect(within(alert).getAllByRole('listitem')).toHaveLength(1)
    expect(alert).not.toHaveTextContent('second.json')

    const good = JSON.stringify({ ...PRESETS['citizenlab-2020'], id: 'mine', name: 'Mine' })
    await userEvent.upload(input, file('good.json', good))
    await vi.waitFor(() => expect(alert).toHaveTextContent(/^Loaded good\.json\.$/))
    expect(within(alert).queryAllByRole('listitem')).toHaveLength(0)
    expect(h.store.getState().settings.presetId).toBe('custom')
  })

  it('renders before any run without building a new error list on every read', () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {})
    renderWith({ store, client }, <RunProgress />)
    expect(errors).not.toHaveBeenCalled()
    errors.mockRestore()
  })

  it('fails both runs when the worker dies and offers to run again, naming the reload fallback', async () => {
    const h = startHarness({ finish: false })
    act(() => h.store.getState().setComparePolicy('geofenced'))
    renderWith(h, <RunProgress />)
    act(() =>
      h.client.emit({ type: 'failed', runId: -1, errors: [{ path: '(worker)', message: 'boom' }] }),
    )
    expect(screen.queryByRole('progressbar')).not.toBeInTheDocument()
    expect(screen.getByRole('status')).toHaveTextContent('The simulation stopped')
    expect(screen.getByRole('alert')).toHaveTextContent(/reload the page/)
    const runs = h.client.sent.filter((c) => c.type === 'run').length
    await userEvent.click(screen.getByRole('button', { name: 'Run again' }))
    expect(h.client.sent.filter((c) => c.type === 'run')).toHaveLength(runs + 2)
  })

  it('marks the run status and hash on the progress area for scripts to wait on', async () => {
    const client = createSyncClient()
    const store = createAppStore(client)
    const { container } = renderWith({ store, client }, <RunProgress />)
    const area = () => container.querySelector('.kr-run')
    expect(area()).toHaveAttribute('data-run-status', 'idle')
    act(() => store.getState().rerun())
    act(() => client.step(5))
    expect(area()).toHaveAttribute('data-run-status', 'running')
    act(() => client.drain())
    expect(area()).toHaveAttribute('data-run-status', 'done')
    const hash = store.getState().run!.hash
    expect(hash).not.toBe('')
    expect(area()).toHaveAttribute('data-run-hash', hash)
    act(() => store.getState().setPolicy('geofenced'))
    act(() => client.step(5))
    expect(area()).toHaveAttribute('data-run-status', 'running')
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }))
    expect(area()).toHaveAttribute('data-run-status', 'cancelled')
    expect(area()?.getAttribute('data-run-hash')).not.toBe(hash)
  })

  it('stays running while the compared run goes on and is done once both are', () => {
    const h = startHarness({ finish: true })
    const { container } = renderWith(h, <RunProgress />)
    act(() => h.store.getState().setComparePolicy('fail-closed'))
    expect(container.querySelector('.kr-run')).toHaveAttribute('data-run-status', 'running')
    act(() => h.client.drain())
    expect(container.querySelector('.kr-run')).toHaveAttribute('data-run-status', 'done')
  })

  it('closes the run settings on Escape, giving focus back to its summary', async () => {
    const h = startHarness({ finish: true })
    const { container } = renderWith(h, <RunSettings />)
    const details = container.querySelector('details')!
    const summary = screen.getByText('Run settings')
    await userEvent.click(summary)
    expect(details.open).toBe(true)
    await userEvent.click(screen.getByLabelText('Seed'))
    await userEvent.keyboard('{Escape}')
    expect(details.open).toBe(false)
    expect(summary).toHaveFocus()
  })

  it('closes the run settings on a press outside them, not on one inside', async () => {
    const h = startHarness({ finish: true })
    const { container } = renderWith(
      h,
      <>
        <RunSettings />
        <button type="button">Elsewhere</button>
      </>,
    )
    const details = container.querySelector('details')!
    await userEvent.click(screen.getByText('Run settings'))
    expect(details.open).toBe(true)
    await userEvent.click(screen.getByRole('slider', { name: 'Surge multiplier' }))
    expect(details.open).toBe(true)
    await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }))
    expect(details.open).toBe(false)
    // Closed, it no longer listens: opening it again works as before.
    await userEvent.click(screen.getByText('Run settings'))
    expect(details.open).toBe(true)
  })

  it('starts one run when the surge slider is let go, not one per position dragged over', () => {
    const h = startHarness({ finish: true })
    renderWith(h, <SurgeInput />)
    const slider = screen.getByRole('slider', { name: 'Surge multiplier' })
    const runs = () => h.client.sent.filter((c) => c.type === 'run').length
    const before = runs()
    for (const value of ['1.25', '1.5', '1.75', '2'])
      fireEvent.change(slider, { target: { value } })
    expect(runs()).toBe(before)
    expect(slider).toHaveAttribute('aria-valuetext', "2 times the scenario's demand")
    fireEvent.pointerUp(slider)
    expect(runs()).toBe(before + 1)
    expect(h.store.getState().settings.surgeMultiplier).toBe(2)
  })

  it('commits arrow-key changes of the surge slider once the keys rest', () => {
    vi.useFakeTimers()
    try {
      const h = startHarness({ finish: true })
      renderWith(h, <SurgeInput />)
      const slider = screen.getByRole('slider', { name: 'Surge multiplier' })
      const runs = () => h.client.sent.filter((c) => c.type === 'run').length
      const before = runs()
      for (const value of ['1.25', '1.5']) {
        fireEvent.change(slider, { target: { value } })
        fireEvent.keyUp(slider, { key: 'ArrowRight' })
        act(() => {
          vi.advanceTimersByTime(SURGE_KEY_IDLE_MS / 2)
        })
      }
      expect(runs()).toBe(before)
      act(() => {
        vi.advanceTimersByTime(SURGE_KEY_IDLE_MS)
      })
      expect(runs()).toBe(before + 1)
      expect(h.store.getState().settings.surgeMultiplier).toBe(1.5)
    } finally {
      vi.useRealTimers()
    }
  })

  it('refuses a negative seed with a message and keeps the previous seed', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <SeedInput />)
    const before = h.store.getState().settings.seed
    const runsBefore = h.client.sent.filter((c) => c.type === 'run').length
    const input = screen.getByLabelText('Seed')
    await userEvent.clear(input)
    await userEvent.type(input, '-5{Enter}')
    expect(screen.getByRole('alert')).toHaveTextContent(
      'A seed is a whole number from 0 to 4294967295',
    )
    expect(h.store.getState().settings.seed).toBe(before)
    expect(h.client.sent.filter((c) => c.type === 'run')).toHaveLength(runsBefore)
    expect(input).toHaveValue(before)
    expect(input).toHaveAttribute('aria-invalid', 'true')
    expect(input).toHaveAccessibleDescription(/whole number/)
    await userEvent.clear(input)
    await userEvent.type(input, '9{Enter}')
    expect(h.store.getState().settings.seed).toBe(9)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('hints that the account mix matters only under some policies when it changes under one that ignores it', async () => {
    const h = startHarness({ finish: true })
    renderWith(h, <AccountMix />)
    const hint = /mix matters under “Data-routing control.*” and “Government carve-out/
    expect(screen.queryByText(hint)).toBeNull()
    const government = screen.getByLabelText('Government')
    await userEvent.clear(government)
    await userEvent.type(government, '20{Enter}')
    expect(screen.getByText(hint)).toHaveTextContent('cross-border')
    act(() => h.store.getState().setPolicy('region-control'))
    expect(screen.queryByText(hint)).toBeNull()
  })
})
