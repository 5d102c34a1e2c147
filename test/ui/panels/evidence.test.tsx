// @vitest-environment jsdom
import { act, fireEvent, screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
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
import { ReplicationsPanel } from '../../../src/ui/panels/replications-panel'
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
