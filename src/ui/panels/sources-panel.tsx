import { useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { Provenance } from '../../sim/model'
import { POLICIES } from '../../sim/routing'
import { parseScenario } from '../../sim/scenario'
import type { Scenario } from '../../sim/scenario'
import { scenarioForSettings } from '../../store/store'
import { formatCount } from './format'
import { AssumptionTag, CAPACITY_BASIS, ProvenanceNote } from './provenance'
import { useAppStore } from '../store-context'

/** Parameters a briefing may be asked about; each is sourced only if the scenario says so. */
const PARAMETERS: ReadonlyArray<readonly [path: string, label: string]> = [
  ['demand.scale', 'Simulated participants per real participant'],
  ['demand.surgeMultiplier', 'Surge multiplier'],
  ['demand.meanParticipants', 'Mean participants per meeting'],
  ['demand.maxParticipants', 'Largest meeting'],
  ['demand.crossBorderShare', 'Share of meetings across borders'],
  ['demand.weekendFactor', 'Weekend demand factor'],
  ['demand.duration.meanMinutes', 'Mean meeting length (minutes)'],
  ['accounts.free', 'Share of free accounts'],
  ['accounts.paid', 'Share of paid accounts'],
  ['accounts.government', 'Share of government accounts'],
  ['routing.primaryAttempts', 'Primary attempts before falling back'],
  ['routing.secondaryPicks', 'Secondaries tried'],
  ['routing.failureCurve.thresholdUtilisation', 'Utilisation where connections start failing'],
  ['routing.failureCurve.maxFailureProbability', 'Failure probability at full load'],
  ['keys.concernJurisdictions', 'Jurisdictions of concern'],
  ['population.countries', 'Countries simulated'],
]

function valueAt(scenario: Scenario, path: string): unknown {
  let v: unknown = scenario
  for (const key of path.split('.')) {
    if (v === null || typeof v !== 'object') return undefined
    v = (v as Record<string, unknown>)[key]
  }
  return v
}

function show(value: unknown): string {
  if (value === undefined) return 'all'
  if (Array.isArray(value)) return value.join(', ')
  if (typeof value === 'number') return value >= 1000 ? formatCount(value) : String(value)
  return typeof value === 'string' ? value : JSON.stringify(value)
}

/** Lists every sourced number with its source, and labels everything else an assumption. */
export function SourcesPanel() {
  const { settings, custom, overrides, world, comparePolicy } = useAppStore(
    useShallow((s) => ({
      settings: s.settings,
      custom: s.customScenario,
      overrides: s.siteOverrides,
      world: s.run?.world ?? null,
      comparePolicy: s.comparePolicy,
    })),
  )
  const scenario = useMemo(() => {
    const parsed = parseScenario(scenarioForSettings(settings, custom, overrides))
    return parsed.ok ? parsed.scenario : null
  }, [settings, custom, overrides])
  if (!scenario) return <p>The scenario could not be read.</p>
  const provenance: Readonly<Record<string, Provenance>> = scenario.provenance
  const sourcedPaths = Object.keys(provenance)
  const policies = [settings.policy, ...(comparePolicy ? [comparePolicy] : [])]
  return (
    <section aria-labelledby="kr-sources-h" className="kr-card kr-sources">
      <h2 id="kr-sources-h">Sources and assumptions</h2>
      <p>
        This is a simulation, not observed traffic. Numbers marked <strong>Sourced</strong> come
        from the cited page; everything marked <strong>Assumption</strong> is a modelling choice.
      </p>

      <h3>Scenario: {scenario.name}</h3>
      <p>{scenario.description}</p>

      <h3>Demand (daily meeting participants, real)</h3>
      <ul>
        {scenario.demand.dailyParticipants.map((p) => (
          <li key={p.date}>
            <strong>
              {p.date}: {formatCount(p.participants)}
            </strong>{' '}
            <ProvenanceNote provenance={p.provenance} />
          </li>
        ))}
      </ul>

      <h3>Sourced scenario settings</h3>
      {sourcedPaths.length === 0 ? (
        <p>None: every setting of this scenario is an assumption.</p>
      ) : (
        <ul>
          {sourcedPaths.map((path) => (
            <li key={path}>
              <code>{path}</code> <ProvenanceNote provenance={provenance[path]} />
            </li>
          ))}
        </ul>
      )}

      <h3>Routing {policies.length > 1 ? 'policies' : 'policy'}</h3>
      <ul>
        {policies.map((p) => (
          <li key={p}>
            <strong>{POLICIES[p].label}.</strong> {POLICIES[p].summary}{' '}
            <ProvenanceNote provenance={POLICIES[p].provenance} />
          </li>
        ))}
      </ul>

      <h3>Model parameters</h3>
      <table className="kr-table">
        <thead>
          <tr>
            <th scope="col">Parameter</th>
            <th scope="col">Value</th>
            <th scope="col">Basis</th>
          </tr>
        </thead>
        <tbody>
          {PARAMETERS.map(([path, label]) => (
            <tr key={path}>
              <th scope="row">{label}</th>
              <td>{show(valueAt(scenario, path))}</td>
              <td>
                {provenance[path] ? (
                  <ProvenanceNote provenance={provenance[path]} />
                ) : (
                  <span className="kr-tag kr-tag-assumption">Assumption</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {world && (
        <>
          <h3>Data-center sites</h3>
          <p className="kr-hint">
            <AssumptionTag basis={CAPACITY_BASIS} /> Capacity of every site follows one documented
            rule, as no public per-site figures exist: each region gets a share of 11 million
            concurrent participants (× 1.45) in proportion to its participants, split evenly between
            its sites. Utilisation and the capacity lines of the charts rest on it.
          </p>
          <ul>
            {world.sites.map((site) => (
              <li key={site.id}>
                <strong>
                  {site.city} ({site.jurisdiction})
                </strong>{' '}
                <ProvenanceNote provenance={site.provenance} about="Location" />
              </li>
            ))}
          </ul>
          <h3>Regions</h3>
          <ul>
            {world.regions.map((r) => (
              <li key={r.id}>
                <strong>{r.name}</strong>{' '}
                <ProvenanceNote provenance={r.provenance} about="Membership" />
              </li>
            ))}
          </ul>
          <h3>Cities</h3>
          <p>
            {world.cities.length} participant cities: locations are approximate and their shares of
            participants are <span className="kr-tag kr-tag-assumption">Assumption</span>.
          </p>
        </>
      )}
    </section>
  )
}
