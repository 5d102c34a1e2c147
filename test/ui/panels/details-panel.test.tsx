// @vitest-environment jsdom
import { act, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import type { StepRecord } from '../../../src/sim/model'
import { incidentSelectionOf } from '../../../src/store/incident-identity'
import { MAX_KEY_PATHS, keyPathsOf } from '../../../src/store/key-paths'
import { DetailsPanel } from '../../../src/ui/panels/details-panel'
import { KeyPaths } from '../../../src/ui/panels/key-paths'
import { formatCount } from '../../../src/ui/panels/format'
import { IncidentTable } from '../../../src/ui/panels/incident-table'
import { renderWith, startHarness } from '../render-app'

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
    const n = compare.incidents.length
    expect(
      screen.getByText(n > 100 ? /^Showing the first 100 of/ : /^[\d,]+ incidents?\.$/),
    ).toHaveTextContent(formatCount(n))
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

  it("gives a site's role under the policy in force at the shown step, lists corrected after the fix", () => {
    const h = startHarness({ finish: true })
    const run = h.store.getState().run!
    const fixed = run.steps.findIndex((s) => s.isListCorrected)
    expect(fixed).toBeGreaterThan(0)
    act(() => h.store.getState().select({ kind: 'site', id: 'beijing' }))
    act(() => h.store.getState().setTime(0))
    renderWith(h, <DetailsPanel />)
    const role = () => screen.getByText('Role').nextElementSibling
    expect(role()).toHaveTextContent(/^Under “Misconfigured[^”]*”: .* on the backup list of [1-9]/)
    act(() => h.store.getState().setTime(fixed * run.stepMinutes))
    expect(role()).toHaveTextContent(
      /^Under “Misconfigured[^”]*” with its backup lists corrected: .* on the backup list of 0 /,
    )
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

  it("says why a government account's exposure counts and names the account in the list behind a city", () => {
    const h = startHarness({ finish: false })
    act(() => h.store.getState().setAccounts({ free: 0.5, paid: 0.2, government: 0.3 }))
    act(() => h.client.drain())
    const run = h.store.getState().run!
    const gov = run.summary!.incidents.find((i) => i.account === 'government' && i.isCrossBorder)!
    const country = run.world!.cities.find((c) => c.id === gov.participantCityId)!.country
    act(() => h.store.getState().select({ kind: 'city', id: gov.participantCityId }))
    renderWith(h, <DetailsPanel />)
    const list = screen.getByRole('region', { name: 'Exposures behind the selection' })
    expect(within(list).getAllByRole('listitem')[0]).toHaveTextContent(
      /\((free|paid|government) account, (concern|cross-border)\)/,
    )
    act(() => h.store.getState().select(incidentSelectionOf(gov)))
    expect(screen.getByText('Account').nextElementSibling).toHaveTextContent('government account')
    expect(screen.getByText('Why it counts').nextElementSibling).toHaveTextContent(
      `Cross-border: the key came from outside the regions this account may use (government: its own country, ${country})`,
    )
    const concern = run.summary!.incidents.find((i) => i.isConcern)!
    act(() => h.store.getState().select(incidentSelectionOf(concern)))
    expect(screen.getByText('Why it counts').nextElementSibling).toHaveTextContent(
      'a jurisdiction of concern where no participant is',
    )
  })

  it('names a selected country rather than giving its code', () => {
    const h = startHarness({ finish: true })
    act(() => h.store.getState().select({ kind: 'country', id: 'CA' }))
    renderWith(h, <DetailsPanel />)
    expect(screen.getByRole('heading', { name: 'Canada (CA)' })).toBeInTheDocument()
  })

  it('offers the key paths and cities of the shown hour as buttons that select them', async () => {
    const h = startHarness({ finish: true })
    const run = h.store.getState().run!
    const step = run.steps.find((st) => st.flows.some((f) => f.concern > 0))!
    act(() => h.store.getState().setTime(step.startMinutes))
    renderWith(h, <KeyPaths />)
    const section = screen.getByRole('region', { name: 'Key paths this hour' })
    const expected = keyPathsOf(step, run.world!, MAX_KEY_PATHS)
    const first = expected[0]!
    const button = within(section).getByRole('button', {
      name: `${first.siteName} → ${first.cityName}: ${formatCount(first.deliveries)} ${first.deliveries === 1 ? 'key' : 'keys'}, ${formatCount(first.exposures)} exposed`,
    })
    expect(within(section).getAllByRole('listitem').length).toBeGreaterThan(0)
    await userEvent.click(button)
    expect(h.store.getState().selection).toEqual({
      kind: 'flow',
      siteId: first.siteId,
      cityId: first.cityId,
    })
    expect(button).toHaveAttribute('aria-pressed', 'true')
    const cities = within(section).getByRole('list', { name: 'Cities receiving keys this hour' })
    await userEvent.click(
      within(cities).getByRole('button', { name: new RegExp(`^${first.cityName}:`) }),
    )
    expect(h.store.getState().selection).toEqual({ kind: 'city', id: first.cityId })
  })
})
