import { Suspense, lazy, useId, useRef, useState } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Flow, World } from '../../sim/model'
import { POLICIES, isChangedByListCorrection } from '../../sim/routing'
import {
  buckets,
  currentStep,
  selectMapRun,
  shownPolicyLabel,
  stepIndexAt,
} from '../../store/selectors'
import { siteRoles, siteUtilisationSeries } from '../../store/site-selectors'
import { keyPathOn } from '../../store/key-paths'
import type { RunState, SiteOverride } from '../../store/store'
import type { Selection } from '../../store/url-state'
import { countryName } from '../map/country-name'
import { siteCapacityAt } from '../map/map-scales'
import { useAppStore } from '../store-context'
import { formatCount } from './format'
import { AssumptionTag, CAPACITY_BASIS, ProvenanceNote } from './provenance'
import { IncidentDetails } from './incident-details'
import { SelectionIncidents } from './selection-incidents'
import { Sparkline } from './sparkline'
import { RunHeading } from './run-heading'

// The ledger (and its tables) loads only when the selection or incidents tab first opens.
const LedgerPanel = lazy(() => import('./ledger-panel'))

/** A site's or a city's name, with where it is in a muted note. */
function PlaceHeading({ name, where }: { name: string; where: string }) {
  return (
    <h3>
      {name} <span className="kr-muted">({where})</span>
    </h3>
  )
}

/** "Afghanistan (AF)"; the bare code when no name is known. */
function countryLabelOf(code: string): string {
  const name = countryName(code)
  return name === code ? code : `${name} (${code})`
}

function FlowList({ flows, world }: { flows: readonly Flow[]; world: World }) {
  const sites = new Map(world.sites.map((s) => [s.id, s]))
  const cities = new Map(world.cities.map((c) => [c.id, c.name]))
  // Exposed routes first (keys from a jurisdiction of concern, then other cross-border ones),
  // so the routes that matter are never pushed out by busy domestic ones.
  const top = [...flows]
    .sort(
      (a, b) =>
        b.concern - a.concern || b.crossBorder - a.crossBorder || b.deliveries - a.deliveries,
    )
    .slice(0, 8)
  if (top.length === 0) return <p>No key deliveries.</p>
  return (
    <table className="kr-table">
      <thead>
        <tr>
          <th scope="col">Key site → city</th>
          <th scope="col">Keys</th>
          <th scope="col">Exposures</th>
        </tr>
      </thead>
      <tbody>
        {top.map((f) => (
          <tr key={`${f.keySiteId}>${f.cityId}`}>
            <th scope="row">
              {sites.get(f.keySiteId)?.city ?? f.keySiteId} → {cities.get(f.cityId) ?? f.cityId}
            </th>
            <td>{formatCount(f.deliveries)}</td>
            <td>{formatCount(Math.max(f.crossBorder, f.concern))}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

function SiteDetails({ siteId, run }: { siteId: string; run: RunState }) {
  const { time, override, setSiteOverride } = useAppStore(
    useShallow((s) => ({
      time: s.timeMinutes,
      override: s.siteOverrides[siteId],
      setSiteOverride: s.setSiteOverride,
    })),
  )
  const world = run.world as World
  const index = world.sites.findIndex((s) => s.id === siteId)
  const site = world.sites[index]
  const capacityId = useId()
  const [capacityDraft, setCapacityDraft] = useState<string | null>(null)
  const series = siteUtilisationSeries(run.steps, index)
  if (!site) return <p>This site is not part of the scenario.</p>
  const summary = run.summary?.sites.find((s) => s.siteId === siteId)
  const step = currentStep(run, time)
  const utilisation = step?.siteUtilisation[index] ?? 0
  const isDownNow = step?.siteDown[index] ?? false
  const policy = step?.policy ?? run.policy // policy events and list corrections change routing
  const isCorrected = step?.isListCorrected === true && isChangedByListCorrection(POLICIES[policy])
  const role = siteRoles(world, policy, run.paidOptInRegions, isCorrected)[index]
  const capacityNow = siteCapacityAt(site, index, step, run.scale)
  const stepCount = run.steps.length
  const currentBucket =
    stepCount > 0
      ? buckets(stepCount, 240).findIndex(([a, b]) => {
          const i = stepIndexAt(run, time)
          return i >= a && i < b
        })
      : -1
  const apply = (patch: SiteOverride | null): void => setSiteOverride(siteId, patch)
  return (
    <>
      <PlaceHeading name={site.city} where={`${site.country}, jurisdiction ${site.jurisdiction}`} />
      <dl className="kr-dl">
        <dt>Capacity</dt>
        <dd>
          <AssumptionTag basis={CAPACITY_BASIS} /> {formatCount(capacityNow)} concurrent
          participants (real) in this step
          {capacityNow !== site.capacityParticipants
            ? `; ${formatCount(site.capacityParticipants)} at the start`
            : ''}
        </dd>
        <dt>Now</dt>
        <dd>
          {isDownNow ? (
            'down'
          ) : (
            <>
              {Math.round(utilisation * 100)}% peak utilisation in this step (of the assumed
              capacity)
            </>
          )}
        </dd>
        <dt>Role</dt>
        <dd>
          {role
            ? `Under “${POLICIES[policy].label}”${policy !== run.policy ? ' (in force in this step)' : ''}${isCorrected ? ' with its backup lists corrected' : ''}: primary for ${role.primaryForCities} of ${role.cityCount} cities; on the backup list of ${role.secondaryForCities} (free accounts).`
            : '–'}
        </dd>
        <dt>Keys issued</dt>
        <dd>{summary ? formatCount(summary.keysIssued) : 'when the run finishes'}</dd>
        <dt>Exposures it issued</dt>
        <dd>{summary ? formatCount(summary.exposuresIssued) : 'when the run finishes'}</dd>
        <dt>Hands out keys</dt>
        <dd>{site.distributesKeys ? 'yes' : 'no'}</dd>
      </dl>
      <p className="kr-hint">Peak utilisation per step over the run (line at 100%):</p>
      <Sparkline values={series} currentIndex={currentBucket} />
      <p className="kr-prov-block">
        <ProvenanceNote provenance={site.provenance} about="Location" />
      </p>
      <fieldset className="kr-fieldset">
        <legend>What if (reruns the simulation)</legend>
        <label className="kr-check">
          <input
            type="checkbox"
            checked={override?.isDown ?? false}
            onChange={(e) => apply({ isDown: e.target.checked })}
          />
          Switch {site.city} off for the whole run
        </label>
        <form
          className="kr-field kr-field-inline"
          onSubmit={(e) => {
            e.preventDefault()
            const n = Number(capacityDraft)
            if (capacityDraft !== null && Number.isFinite(n) && n >= 0)
              apply({ capacityParticipants: Math.round(n) })
            setCapacityDraft(null)
          }}
        >
          <label htmlFor={capacityId}>Capacity (real participants)</label>
          <input
            id={capacityId}
            type="number"
            min={0}
            step={1000}
            value={capacityDraft ?? String(site.capacityParticipants)}
            onChange={(e) => setCapacityDraft(e.target.value)}
          />
          <button type="submit">Resize</button>
        </form>
        {override && (
          <button type="button" onClick={() => apply(null)}>
            Undo changes to {site.city}
          </button>
        )}
      </fieldset>
    </>
  )
}

function SelectionDetails({ selection, run }: { selection: Selection; run: RunState }) {
  const world = run.world as World
  const summary = run.summary
  const time = useAppStore((s) => s.timeMinutes)
  switch (selection.kind) {
    case 'site':
      return <SiteDetails key={selection.id} siteId={selection.id} run={run} />
    case 'city': {
      const city = world.cities.find((c) => c.id === selection.id)
      if (!city) return <p>This city is not part of the scenario.</p>
      return (
        <>
          <PlaceHeading name={city.name} where={`${city.country}, region ${city.region}`} />
          <p>
            UTC offset {city.utcOffsetHours >= 0 ? '+' : ''}
            {city.utcOffsetHours} h.{' '}
            <ProvenanceNote provenance={city.provenance} about="Location and share" />
          </p>
          {summary ? (
            <FlowList flows={summary.flows.filter((f) => f.cityId === city.id)} world={world} />
          ) : (
            <p>Key deliveries appear when the run finishes.</p>
          )}
        </>
      )
    }
    case 'country': {
      const cityIds = new Set(
        world.cities.filter((c) => c.country === selection.id).map((c) => c.id),
      )
      const sites = world.sites.filter((s) => s.country === selection.id)
      return (
        <>
          <h3>{countryLabelOf(selection.id)}</h3>
          <p>
            {cityIds.size} simulated cities; {sites.length} data-center sites
            {sites.length > 0 ? ` (${sites.map((s) => s.city).join(', ')})` : ''}.
          </p>
          {summary && (
            <FlowList flows={summary.flows.filter((f) => cityIds.has(f.cityId))} world={world} />
          )}
        </>
      )
    }
    case 'flow': {
      const flow = summary?.flows.find(
        (f) => f.keySiteId === selection.siteId && f.cityId === selection.cityId,
      )
      const site = world.sites.find((s) => s.id === selection.siteId)
      const city = world.cities.find((c) => c.id === selection.cityId)
      const now = keyPathOn(run, time, selection.siteId, selection.cityId)
      return (
        <>
          <h3>
            Keys from {site?.city ?? selection.siteId} to {city?.name ?? selection.cityId}
          </h3>
          <p role="status">
            {now
              ? `${formatCount(now.deliveries)} keys on this path in the shown step.`
              : 'No keys on this path at the shown time: it is not drawn on the map.'}
          </p>
          {flow ? (
            <dl className="kr-dl">
              <dt>Key deliveries (whole run)</dt>
              <dd>{formatCount(flow.deliveries)}</dd>
              <dt>Outside the allowed regions</dt>
              <dd>{formatCount(flow.crossBorder)}</dd>
              <dt>From a jurisdiction of concern</dt>
              <dd>{formatCount(flow.concern)}</dd>
            </dl>
          ) : (
            <p>
              {summary ? 'No deliveries on this route.' : 'Figures appear when the run finishes.'}
            </p>
          )}
        </>
      )
    }
    case 'incident':
      return <IncidentDetails selection={selection} run={run} />
  }
}

/** What the selection is and what the run the map shows did with it. */
export function DetailsPanel() {
  const { selection, run, policyLabel, select } = useAppStore(
    useShallow((s) => ({
      selection: s.selection,
      run: selectMapRun(s),
      policyLabel: shownPolicyLabel(s),
      select: s.select,
    })),
  )
  const headingRef = useRef<HTMLHeadingElement | null>(null)
  // The control that was pressed disappears with the old selection: keep focus in the panel.
  const focusHeading = (): void => headingRef.current?.focus()
  return (
    <section aria-labelledby="kr-details-h" className="kr-card">
      <RunHeading
        id="kr-details-h"
        title="Selection"
        policyLabel={policyLabel}
        headingRef={headingRef}
      />
      {!selection ? (
        <p className="kr-hint">
          Select a site, city or route on the map, or an incident in the table.
        </p>
      ) : !run?.world ? (
        <p role="status">Waiting for the run…</p>
      ) : (
        <>
          <SelectionDetails selection={selection} run={run} />
          {selection.kind !== 'incident' && (
            <SelectionIncidents selection={selection} run={run} onPicked={focusHeading} />
          )}
          <button
            type="button"
            onClick={() => {
              select(null)
              focusHeading()
            }}
          >
            Clear selection
          </button>
        </>
      )}
      <Suspense fallback={<p role="status">Loading the meeting ledger…</p>}>
        <LedgerPanel />
      </Suspense>
    </section>
  )
}
