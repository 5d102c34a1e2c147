import { memo, useDeferredValue } from 'react'
import type { StepRecord, World } from '../../sim/model'
import type { Selection } from '../../store/url-state'
import type { SiteItem } from './draw-list'
import { selectMapRun } from '../../store/selectors'
import { PLACE_FIELDS, placeTotalsOf } from '../../store/step-flows'
import { useAppStore, useAppStoreApi } from '../store-context'
import { selectMapStep, selectMapStepMinutes, selectSiteItems } from './draw-list'
import { CONGESTED_UTILISATION } from './map-scales'
import { formatCount } from '../panels/format'

/**
 * The keyboard and screen-reader twin of the map's data-center markers: one button per site
 * with what its marker encodes at the current step; pressing it selects the site.
 */
export function SiteList() {
  // A new step's figures for every site are written in a render after the one that brought it;
  // the list itself is memoised, so the render that brings the step skips it.
  const world = useDeferredValue(useAppStore((s) => selectMapRun(s)?.world ?? null))
  const step = useDeferredValue(useAppStore(selectMapStep))
  const stepMinutes = useAppStore(selectMapStepMinutes)
  const selection = useAppStore((s) => s.selection)
  const items = useDeferredValue(useAppStore(selectSiteItems))
  if (!world) return <p className="kr-site-list-empty">Data centers appear when the run starts.</p>
  return (
    <SiteButtons
      world={world}
      step={step}
      items={items}
      selection={selection}
      period={stepMinutes === 60 ? 'this hour' : 'this step'}
    />
  )
}

interface SiteButtonsProps {
  readonly world: World
  readonly step: StepRecord | null
  readonly items: readonly SiteItem[]
  readonly selection: Selection | null
  readonly period: string
}

const NO_KEYS = new Float64Array(0)

const SiteButtons = memo(function SiteButtons({
  world,
  step,
  items,
  selection,
  period,
}: SiteButtonsProps) {
  const store = useAppStoreApi()
  // Keys delivered and exposed per site, from the step's place totals: no pass over its flows.
  const keysBySite = step ? placeTotalsOf(step).sites : NO_KEYS

  return (
    <ul className="kr-site-list" aria-label="Data centers on the map">
      {world.sites.map((site, i) => {
        const { isDown = false, utilisation = 0, isConcern = false } = items[i] ?? {}
        const delivered = keysBySite[PLACE_FIELDS * i] ?? 0
        const exposed = keysBySite[PLACE_FIELDS * i + 1] ?? 0
        const isSelected = selection?.kind === 'site' && selection.id === site.id
        const state = isDown
          ? 'down'
          : `${Math.round(utilisation * 100)}% utilised${utilisation > CONGESTED_UTILISATION ? ', congested' : ''}`
        return (
          <li key={site.id}>
            <button
              type="button"
              className="kr-site-list-button"
              aria-pressed={isSelected}
              onClick={() =>
                store.getState().select(isSelected ? null : { kind: 'site', id: site.id })
              }
            >
              <span className="kr-site-list-name">
                {site.city} ({site.country}){isConcern ? ' · jurisdiction of concern' : ''}
              </span>
              <span className="kr-site-list-detail">
                {state}; {formatCount(delivered)} keys {period}, {formatCount(exposed)} exposed
              </span>
            </button>
          </li>
        )
      })}
    </ul>
  )
})
