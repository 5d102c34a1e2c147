// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it, vi } from 'vitest'
import { POLICY_IDS } from '../../../src/sim/model'
import type { PolicyId } from '../../../src/sim/model'
import {
  BANDED_METRIC_NAMES,
  INTERVAL_METHOD,
  REPLICATED_METRIC_NAMES,
} from '../../../src/sim/replications'
import type { ReplicationSummary } from '../../../src/sim/replications'
import { POLICIES } from '../../../src/sim/routing'
import { createAppStore } from '../../../src/store/store'
import { ReplicationsSetting } from '../../../src/ui/controls/replications-setting'
import { PolicyTable } from '../../../src/ui/panels/policy-table'
import { BAND_REDRAW_MS, ReplicationsPanel } from '../../../src/ui/panels/replications-panel'
import { BAND_CHARTS } from '../../../src/store/replication-selectors'
import type { ReplicationCommand, ReplicationMessage } from '../../../src/worker/protocol'
import type { ReplicationClient } from '../../../src/worker/replication-pool'
import { renderWith } from '../render-app'
import { createSyncClient } from '../sync-client'

/** A pool that answers only when the test says so. */
function scriptedPool() {
  const listeners = new Set<(m: ReplicationMessage) => void>()
  const sent: ReplicationCommand[] = []
  const pool: ReplicationClient = {
    size: 1,
    send: (c) => void sent.push(c),
    subscribe: (l) => (listeners.add(l), () => listeners.delete(l)),
    dispose: () => listeners.clear(),
  }
  return { pool, sent, emit: (m: ReplicationMessage) => listeners.forEach((l) => l(m)) }
}

function summary(index: number, seed: number, policy: PolicyId, value: number): ReplicationSummary {
  return {
    index,
    seed,
    policy,
    hash: `hash-${policy}-${seed}`,
    figures: Object.fromEntries(REPLICATED_METRIC_NAMES.map((n) => [n, value])) as never,
    series: Object.fromEntries(BANDED_METRIC_NAMES.map((n) => [n, [value, value + 1]])) as never,
  }
}

function harness() {
  const client = createSyncClient()
  const { pool, sent, emit } = scriptedPool()
  const store = createAppStore(client, undefined, { replicationPool: pool })
  store.getState().rerun()
  client.drain()
  return { store, client, sent, emit }
}

describe('replications panel', () => {
  it('streams progress, shows means with their interval and lists the seeds to open', () => {
    const h = harness()
    act(() => h.store.getState().setReplicationCount(3))
    renderWith(h, <ReplicationsPanel />)
    expect(screen.getByRole('status')).toHaveTextContent('0 of 3 replications done')
    const view = h.store.getState().replications!
    const policy = h.store.getState().settings.policy
    act(() => {
      for (const [i, value] of [
        [0, 100],
        [1, 120],
      ] as const)
        h.emit({
          type: 'replicated',
          setId: view.setId,
          summary: summary(i, view.seeds[i]!, policy, value),
          done: i + 1,
          total: 3,
        })
    })
    expect(screen.getByRole('status')).toHaveTextContent('2 of 3 replications done')
    expect(
      screen.getByText(new RegExp(`${INTERVAL_METHOD}, over 2 replications so far`)),
    ).toBeTruthy()
    const row = screen.getByRole('row', { name: /Keys from a jurisdiction of concern/ })
    // Mean 110, t(1) = 12.706, sd 14.14: half-width 127.
    expect(within(row).getByLabelText('110 (95% interval -17 to 237)')).toBeTruthy()
    const seeds = within(screen.getByRole('list', { name: 'Replication seeds' })).getAllByRole(
      'listitem',
    )
    expect(seeds).toHaveLength(3)
    expect(seeds[1]).toHaveTextContent(`hash-${policy}-${view.seeds[1]}`)
    expect(seeds[2]).toHaveTextContent('running…')
    act(() => {
      h.emit({ type: 'replicationsFailed', setId: view.setId, message: 'A worker stopped.' })
    })
    expect(screen.getByRole('alert')).toHaveTextContent('A worker stopped.')
    fireEvent.click(
      screen.getByRole('button', { name: `Open seed ${view.seeds[1]} as a single run` }),
    )
    expect(h.store.getState().replicationCount).toBe(0)
    expect(h.store.getState().settings.seed).toBe(view.seeds[1])
  })

  it('redraws the band charts at most once a second while replications stream, the last set at once', () => {
    vi.useFakeTimers()
    try {
      const h = harness()
      act(() => h.store.getState().setReplicationCount(3))
      renderWith(h, <ReplicationsPanel />)
      const view = h.store.getState().replications!
      const policy = h.store.getState().settings.policy
      const replicated = (i: number) =>
        act(() =>
          h.emit({
            type: 'replicated',
            setId: view.setId,
            summary: summary(i, view.seeds[i]!, policy, 100 + i),
            done: i + 1,
            total: 3,
          }),
        )
      const counted = (n: number) =>
        screen.queryAllByText(new RegExp(`\\(${n} replications\\)`)).length
      replicated(0)
      expect(counted(1)).toBe(BAND_CHARTS.length)
      act(() => {
        vi.advanceTimersByTime(0)
      })
      // A second set within the second shows in the figures at once, in the charts a second on.
      replicated(1)
      expect(screen.getByRole('status')).toHaveTextContent('2 of 3 replications done')
      act(() => {
        vi.advanceTimersByTime(BAND_REDRAW_MS / 2)
      })
      expect(counted(1)).toBe(BAND_CHARTS.length)
      act(() => {
        vi.advanceTimersByTime(BAND_REDRAW_MS / 2)
      })
      expect(counted(2)).toBe(BAND_CHARTS.length)
      // The last set shows at once once the replications are done.
      replicated(2)
      act(() => h.emit({ type: 'replicationsDone', setId: view.setId, total: 3 }))
      expect(counted(3)).toBe(BAND_CHARTS.length)
    } finally {
      vi.useRealTimers()
    }
  })

  it('draws each band chart as a band and a mean line per metric, and reads a step out by keyboard', () => {
    const h = harness()
    act(() => h.store.getState().setReplicationCount(2))
    const { container } = renderWith(h, <ReplicationsPanel />)
    const view = h.store.getState().replications!
    const policy = h.store.getState().settings.policy
    act(() => {
      for (const i of [0, 1])
        h.emit({
          type: 'replicated',
          setId: view.setId,
          summary: summary(i, view.seeds[i]!, policy, 100 + 20 * i),
          done: i + 1,
          total: 2,
        })
      h.emit({ type: 'replicationsDone', setId: view.setId, total: 2 })
    })
    const metrics = BAND_CHARTS.flat().length
    const bands = [...container.querySelectorAll('.kr-band-area')].map((p) => p.getAttribute('d'))
    const means = [...container.querySelectorAll('.kr-band-mean')].map((p) => p.getAttribute('d'))
    expect(bands).toHaveLength(metrics)
    expect(means).toHaveLength(metrics)
    // Two steps: a band goes along its upper bounds and back along its lower ones; a line joins
    // the two means.
    for (const d of bands) expect(d).toMatch(/^M[\d.]+,[\d.]+(L[\d.]+,[\d.]+){3}Z$/)
    for (const d of means) expect(d).toMatch(/^M[\d.]+,[\d.]+L[\d.]+,[\d.]+$/)
    const [first] = BAND_CHARTS
    const plot = within(screen.getByRole('figure', { name: first!.map((m) => m.label).join(', ') }))
    const readout = plot.getByText('', { selector: '.kr-band-readout' })
    fireEvent.keyDown(plot.getByLabelText(/use the arrow keys/), { key: 'End' })
    // Mean 110 over 100 and 120: t(1) = 12.706, sd 14.14, so 110 +- 127 (drawn from 0).
    expect(readout).toHaveTextContent(`${first![0]!.label} 111 (95% interval 0 to 238)`)
  })

  it('turns replications on at the default count from the run settings, and off again', () => {
    const h = harness()
    renderWith(h, <ReplicationsSetting />)
    const box = screen.getByRole('checkbox', { name: 'Replications' })
    fireEvent.click(box)
    expect(h.store.getState().replicationCount).toBe(20)
    const count = screen.getByRole('spinbutton', { name: 'Replications' })
    fireEvent.change(count, { target: { value: '8' } })
    fireEvent.keyDown(count, { key: 'Enter' })
    fireEvent.blur(count)
    expect(h.store.getState().replicationCount).toBe(8)
    fireEvent.click(box)
    expect(h.store.getState().replicationCount).toBe(0)
    expect(h.sent.at(-1)).toMatchObject({ type: 'cancelReplications' })
  })
})

describe('all-policies table', () => {
  it('shows a column per policy with differences from the baseline; a header shows that run', () => {
    const h = harness()
    act(() => h.store.getState().setPolicyTableOpen(true))
    renderWith(h, <PolicyTable />)
    const table = h.store.getState().policyTable!
    act(() => {
      POLICY_IDS.forEach((p, i) =>
        h.emit({
          type: 'replicated',
          setId: table.setId,
          summary: summary(0, h.store.getState().settings.seed, p, 10 * (i + 1)),
          done: i + 1,
          total: POLICY_IDS.length,
        }),
      )
    })
    const headers = screen.getAllByRole('columnheader')
    expect(headers).toHaveLength(POLICY_IDS.length + 1)
    const rows = screen.getAllByRole('row').slice(1)
    const shown = rows.map((r) => r.getAttribute('data-metric'))
    for (const name of ['concernExposures', 'crossBorderExposures', 'exposedMeetings'])
      expect(shown).toContain(name)
    for (const name of ['blocked', 'redirected', 'meanAddedRttMs']) expect(shown).toContain(name)
    fireEvent.change(screen.getByLabelText('Baseline'), { target: { value: POLICY_IDS[0] } })
    const concern = rows.find((r) => r.getAttribute('data-metric') === 'concernExposures')!
    const cell = concern.querySelector(`[data-policy="${POLICY_IDS[2]}"]`)
    expect(cell).toHaveTextContent('30')
    expect(cell).toHaveTextContent('+20')
    const last = POLICY_IDS[POLICY_IDS.length - 1]!
    fireEvent.click(
      screen.getByRole('button', { name: `${POLICIES[last].label}: show this run on the map` }),
    )
    expect(h.store.getState().settings.policy).toBe(last)
  })
})
