import type { ReactNode } from 'react'
import type { Layers } from '../../store/store'
import { useAppStore, useAppStoreApi } from '../store-context'
import { countryName } from './country-name'
import { useDisclosure } from '../use-disclosure'
import { selectMapConcern, selectMapStepMinutes } from './draw-list'
import { ARC_SWATCH_PATH, OBSERVED_LEGEND, legendGroupsOf } from './legend-entries'
import type { LegendGroup, LegendItem, SwatchColour, SwatchShape } from './legend-entries'
import { utilisationGradientCss } from './map-scales'
import { paletteVar } from './map-theme'
import { useAggregationStatement } from './flow-aggregation'

const GRADIENT = utilisationGradientCss()

function LayerToggle({
  layer,
  label,
  children,
}: {
  layer: keyof Layers
  label: string
  children: ReactNode
}) {
  const isOn = useAppStore((s) => s.layers[layer])
  const store = useAppStoreApi()
  return (
    <ToggleGroup isOn={isOn} onToggle={() => store.getState().toggleLayer(layer)} label={label}>
      {children}
    </ToggleGroup>
  )
}

function ToggleGroup({
  isOn,
  onToggle,
  label,
  children,
}: {
  isOn: boolean
  onToggle: () => void
  label: string
  children: ReactNode
}) {
  return (
    <li className="kr-legend-group">
      <button type="button" className="kr-legend-toggle" aria-pressed={isOn} onClick={onToggle}>
        <span className="kr-legend-check" aria-hidden="true">
          {isOn ? '✓' : ''}
        </span>
        {label}
      </button>
      <ul className="kr-legend-items" data-off={isOn ? undefined : ''}>
        {children}
      </ul>
    </li>
  )
}

function shapeColour(colour: SwatchColour | undefined): string {
  if (colour === undefined) return 'none'
  return typeof colour === 'string' ? paletteVar(colour) : colour.fixed
}

function SwatchShapeSvg({ shape }: { shape: SwatchShape }) {
  const paint = {
    fill: shapeColour(shape.fill),
    fillOpacity: shape.fillOpacity,
    stroke: shape.stroke === undefined ? undefined : shapeColour(shape.stroke),
    strokeWidth: shape.strokeWidth,
    strokeOpacity: shape.strokeOpacity,
    strokeDasharray: shape.dash?.join(' '),
    strokeLinecap: shape.lineCap,
    opacity: shape.opacity,
  }
  switch (shape.kind) {
    case 'circle':
      return <circle cx={shape.cx} cy={shape.cy} r={shape.r} {...paint} />
    case 'arc':
      return <path d={ARC_SWATCH_PATH} {...paint} />
    case 'line':
      return <line x1={shape.x1} y1={shape.y1} x2={shape.x2} y2={shape.y2} {...paint} />
    case 'rect':
      return <rect x={shape.x} y={shape.y} width={shape.width} height={shape.height} {...paint} />
  }
}

function Item({ item }: { item: LegendItem }) {
  return (
    <li>
      <svg
        className="kr-legend-swatch"
        width="34"
        height="18"
        viewBox="0 0 34 18"
        aria-hidden="true"
      >
        {item.swatch.map((shape, i) => (
          <SwatchShapeSvg key={i} shape={shape} />
        ))}
      </svg>
      <span>{item.text}</span>
    </li>
  )
}

/**
 * The map's legend: explains every encoding and toggles the layers it explains (buttons with
 * `aria-pressed`). Collapsible, so it does not cover the map on a small projector.
 */
export function MapLegend() {
  const { isOpen, panelId: bodyId, onKeyDown, toggleProps } = useDisclosure(isRoomyViewport)
  const stepMinutes = useAppStore(selectMapStepMinutes)
  const period = stepMinutes === 60 ? 'hour' : 'step'
  const concernList = useAppStore(selectMapConcern).map(countryName).join(', ')
  const groups = legendGroupsOf(period, concernList)
  const aggregation = useAggregationStatement()
  return (
    <section
      className="kr-map-legend"
      aria-label="Map legend and layers"
      // Escape closes an open legend first (and keeps the selection); a second one clears it.
      onKeyDown={onKeyDown}
    >
      <button {...toggleProps} type="button" className="kr-legend-header">
        Legend and layers {isOpen ? '▾' : '▸'}
      </button>
      {/* Outside the collapsible body: what is aggregated is said even with the legend shut. */}
      {aggregation ? <p className="kr-legend-aggregation">{aggregation}</p> : null}
      <ul id={bodyId} className="kr-legend-body" hidden={!isOpen}>
        {groups.map((group) => (
          <LayerToggle key={group.layer} layer={group.layer} label={group.label}>
            {group.scale ? (
              <li className="kr-legend-scale">
                <span>{group.scale.caption}</span>
                <span className="kr-legend-gradient" style={{ background: GRADIENT }} />
                <span className="kr-legend-ticks" aria-hidden="true">
                  {group.scale.ticks.map((t) => (
                    <span key={t}>{t}</span>
                  ))}
                </span>
                <span className="kr-visually-hidden">{group.scale.description}</span>
              </li>
            ) : null}
            <Entries group={group} />
          </LayerToggle>
        ))}
        <ObservedToggle />
      </ul>
    </section>
  )
}

function Entries({ group }: { group: Pick<LegendGroup, 'items' | 'notes'> }) {
  return (
    <>
      {group.items.map((item) => (
        <Item key={item.text} item={item} />
      ))}
      {group.notes.map((note) => (
        <li key={note} className="kr-legend-note">
          {note}
        </li>
      ))}
    </>
  )
}

/** The observed marks' group, while observations are loaded. */
function ObservedToggle() {
  const isOn = useAppStore((s) => s.isObservedShown)
  const hasObservations = useAppStore((s) => s.observationRows.length > 0)
  const toggle = useAppStore((s) => s.toggleObserved)
  if (!hasObservations) return null
  return (
    <ToggleGroup isOn={isOn} onToggle={toggle} label={OBSERVED_LEGEND.label}>
      <Entries group={OBSERVED_LEGEND} />
    </ToggleGroup>
  )
}

/** Open the legend at first only where it leaves the map readable (it covers North America at 1280x720). */
function isRoomyViewport(): boolean {
  return typeof window === 'undefined' || (window.innerWidth >= 1600 && window.innerHeight >= 900)
}
