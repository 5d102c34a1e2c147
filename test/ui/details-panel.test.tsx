// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { StepRecord } from '../../src/sim/model'
import { DetailsPanel } from '../../src/ui/panels/details-panel'
import { formatCount } from '../../src/ui/panels/format'
import { IncidentTable } from '../../src/ui/panels/incident-table'
import { renderWith, startHarness } from './render-app'

const selectionHeading = () => screen.getByRole('heading', { name: /^Selection/ })

describe('DetailsPanel', () => {
  it('shows the run the map shows when comparing, and says whose it is', () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().setComparePolicy('geofenced'))
    act(() => h.client.drain())
    act(() => h.store.getState().select({ kind: 'site', id: 'beijing' }))
    renderWith(
      h,
      <>
        <DetailsPanel />
        <IncidentTable />
      </>,
    )
    expect(selectionHeading()).toHaveTextContent('Misconfigured')
    act(() => h.store.getState().setMapRun('compare'))
    expect(selectionHeading()).toHaveTextContent('Geofenced backup list run')
    expect(screen.getByRole('heading', { name: /Key exposures/ })).toHaveTextContent(
      'Geofenced backup list run',
    )
    // The geofenced run logs no key from Beijing: the panels must not list the primary's.
    const compare = h.store.getState().compare!.summary!
    expect(screen.getByText(/incidents shown/)).toHaveTextContent(
      `${compare.incidents.length} of ${compare.incidents.length}`,
    )
    expect(screen.getByText('No logged exposure involves it.')).toBeInTheDocument()
  })

  it('moves focus to the Selection heading when an incident of the list is picked', async () => {
    const h = startHarness({ finish: true })
    const incident = h.store.getState().run!.summary!.incidents[0]!
    act(() => h.store.getState().select({ kind: 'site', id: incident.keySiteId }))
    renderWith(h, <DetailsPanel />)
    const list = screen.getByRole('region', { name: 'Exposures behind the selection' })
    await userEvent.click(within(list).getAllByRole('button')[0]!)
    expect(h.store.getState().selection?.kind).toBe('incident')
    expect(selectionHeading()).toHaveFocus()
  })

  it('moves focus to the Selection heading when the selection is cleared', async () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().select({ kind: 'city', id: 'toronto' }))
    renderWith(h, <DetailsPanel />)
    await userEvent.click(screen.getByRole('button', { name: 'Clear selection' }))
    expect(h.store.getState().selection).toBeNull()
    expect(selectionHeading()).toHaveFocus()
  })

  it("gives a site's role under the policy in force at the shown step", () => {
    const h = startHarness({ finish: true })
    const run = h.store.getState().run!
    const changed = run.steps.findIndex((s) => s.policy !== run.policy)
    expect(changed).toBeGreaterThan(0)
    act(() => h.store.getState().select({ kind: 'site', id: 'beijing' }))
    act(() => h.store.getState().setTime(0))
    renderWith(h, <DetailsPanel />)
    const role = () => screen.getByText('Role').nextElementSibling
    expect(role()).toHaveTextContent('Under “Misconfigured')
    act(() => h.store.getState().setTime(changed * run.stepMinutes))
    expect(role()).toHaveTextContent('Under “Geofenced backup list” (in force in this step)')
  })

  it("shows a site's capacity at the shown step, after a capacity change", () => {
    const h = startHarness({ finish: true })
    const run = h.store.getState().run!
    const index = run.world!.sites.findIndex((s) => s.id === 'toronto')
    const site = run.world!.sites[index]!
    // A capacity event halved Toronto from step 3 on.
    const halved = Math.round((site.capacityParticipants * run.scale) / 2)
    const steps = run.steps.map((s, i): StepRecord => {
      if (i < 3) return s
      const siteCapacity = [...s.siteCapacity]
      siteCapacity[index] = halved
      return { ...s, siteCapacity }
    })
    act(() => h.store.setState({ run: { ...run, steps } }))
    act(() => h.store.getState().select({ kind: 'site', id: 'toronto' }))
    act(() => h.store.getState().setTime(0))
    renderWith(h, <DetailsPanel />)
    const capacity = () => screen.getByText('Capacity').nextElementSibling
    expect(capacity()).toHaveTextContent(`${formatCount(site.capacityParticipants)} concurrent`)
    act(() => h.store.getState().setTime(5 * run.stepMinutes))
    expect(capacity()).toHaveTextContent(
      `${formatCount(halved / run.scale)} concurrent participants (real) in this step; ${formatCount(site.capacityParticipants)} at the start`,
    )
  })
})
