import { useId, useRef, useState } from 'react'
import type { ReactNode, SVGProps } from 'react'
import type { Layers } from '../../store/store'
import { useAppStore, useAppStoreApi } from '../store-context'
import { countryName } from './country-name'
import { selectMapConcern, selectMapStepMinutes } from './draw-list'
import { CONGESTED_UTILISATION, EXPOSED_TINT, utilisationGradientCss } from './map-scales'

const GRADIENT = utilisationGradientCss()
const SYMBOL_STYLE = {
  fill: 'var(--kr-exposed, #f07a3a)',
  fillOpacity: 0.75,
  stroke: 'var(--kr-fg, #e6edf3)',
  strokeWidth: 1.5,
} as const

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
    <li className="kr-legend-group">
      <button
        type="button"
        className="kr-legend-toggle"
        aria-pressed={isOn}
        onClick={() => store.getState().toggleLayer(layer)}
      >
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

// A key path's swatch: the curve every arc item of the legend draws, in its own stroke.
function ArcSwatch(props: SVGProps<SVGPathElement>) {
  return <path d="M2 13 Q17 2 32 13" fill="none" {...props} />
}

function Item({ swatch, children }: { swatch: ReactNode; children: ReactNode }) {
  return (
    <li>
      <svg
        className="kr-legend-swatch"
        width="34"
        height="18"
        viewBox="0 0 34 18"
        aria-hidden="true"
      >
        {swatch}
      </svg>
      <span>{children}</span>
    </li>
  )
}

/**
 * The map's legend: explains every encoding and toggles the layers it explains (buttons with
 * `aria-pressed`). Collapsible, so it does not cover the map on a small projector.
 */
export function MapLegend() {
  const [isOpen, setIsOpen] = useState(isRoomyViewport)
  const bodyId = useId()
  const stepMinutes = useAppStore(selectMapStepMinutes)
  const period = stepMinutes === 60 ? 'hour' : 'step'
  const concernList = useAppStore(selectMapConcern).map(countryName).join(', ')
  const headerRef = useRef<HTMLButtonElement | null>(null)
  return (
    <section
      className="kr-map-legend"
      aria-label="Map legend and layers"
      onKeyDown={(e) => {
        // Escape closes an open legend first (and keeps the selection); a second one clears it.
        if (e.key !== 'Escape' || !isOpen) return
        e.stopPropagation()
        setIsOpen(false)
        headerRef.current?.focus()
      }}
    >
      <button
        ref={headerRef}
        type="button"
        className="kr-legend-header"
        aria-expanded={isOpen}
        aria-controls={bodyId}
        onClick={() => setIsOpen(!isOpen)}
      >
        Legend and layers {isOpen ? '▾' : '▸'}
      </button>
      <ul id={bodyId} className="kr-legend-body" hidden={!isOpen}>
        <LayerToggle layer="sites" label="Data centers">
          <li className="kr-legend-scale">
            <span>Utilisation this {period}</span>
            <span className="kr-legend-gradient" style={{ background: GRADIENT }} />
            <span className="kr-legend-ticks" aria-hidden="true">
              <span>0%</span>
              <span>50%</span>
              <span>100%</span>
            </span>
            <span className="kr-visually-hidden">
              from dark purple (idle) through green to yellow (full); above{' '}
              {Math.round(CONGESTED_UTILISATION * 100)}% counts as congested
            </span>
          </li>
          <Item
            swatch={
              <>
                <circle cx="8" cy="9" r="4" fill="var(--kr-fg, #999)" opacity="0.8" />
                <circle cx="24" cy="9" r="8" fill="var(--kr-fg, #999)" opacity="0.8" />
              </>
            }
          >
            Size: capacity
          </Item>
          <Item
            swatch={
              <>
                <circle cx="17" cy="9" r="4.5" fill="#21918c" stroke="var(--kr-fg, #ccc)" />
                <circle
                  cx="17"
                  cy="9"
                  r="8"
                  fill="none"
                  stroke="var(--kr-exposed, #ff4f7b)"
                  strokeWidth="2"
                />
              </>
            }
          >
            Ring: jurisdiction of concern ({concernList})
          </Item>
          <Item
            swatch={
              <circle
                cx="17"
                cy="9"
                r="6"
                fill="none"
                stroke="var(--kr-fg, #ccc)"
                strokeWidth="1.5"
                strokeDasharray="3 3"
              />
            }
          >
            Hollow, dashed: down
          </Item>
        </LayerToggle>
        <LayerToggle layer="cities" label="Participant cities">
          <Item
            swatch={
              <>
                <circle cx="7" cy="9" r="2.5" fill="var(--kr-accent, #58a6ff)" />
                <circle cx="22" cy="9" r="6" fill="var(--kr-accent, #58a6ff)" />
              </>
            }
          >
            Size: joins this {period}
          </Item>
        </LayerToggle>
        <LayerToggle layer="flows" label="Key paths">
          <Item swatch={<ArcSwatch stroke="var(--kr-normal-path, #9fb3c8)" strokeWidth="1.5" />}>
            Solid: key from an allowed site
          </Item>
          <Item
            swatch={
              <>
                <ArcSwatch
                  stroke="var(--kr-exposed, #ff4f7b)"
                  strokeOpacity="0.5"
                  strokeWidth="4"
                />
                <ArcSwatch stroke="var(--kr-fg, #e6edf3)" strokeWidth="1" strokeDasharray="6 10" />
              </>
            }
          >
            Strong band, moving dashes: key from a jurisdiction of concern ({concernList}); dashes
            move site → city
          </Item>
          <Item
            swatch={
              <ArcSwatch
                stroke="var(--kr-cross-border, #d98cb8)"
                strokeWidth="3"
                strokeLinecap="round"
                strokeDasharray="0 7"
              />
            }
          >
            Dotted, still: key from another country, not of concern (cross-border only)
          </Item>
          <Item
            swatch={
              <>
                <line
                  x1="2"
                  y1="5"
                  x2="32"
                  y2="5"
                  stroke="var(--kr-normal-path, #9fb3c8)"
                  strokeWidth="1"
                />
                <line
                  x1="2"
                  y1="13"
                  x2="32"
                  y2="13"
                  stroke="var(--kr-normal-path, #9fb3c8)"
                  strokeWidth="4"
                />
              </>
            }
          >
            Width: keys this {period}
          </Item>
          <li className="kr-legend-note">
            Curves are drawn flattened to stay on the map; distances and delays use the great
            circle.
          </li>
        </LayerToggle>
        <LayerToggle layer="countries" label="Exposed countries">
          <Item
            swatch={
              <>
                <rect
                  x="4"
                  y="3"
                  width="26"
                  height="12"
                  fill="var(--kr-land, #25323d)"
                  stroke="var(--kr-land-stroke, #4a5968)"
                />
                <rect
                  x="4"
                  y="3"
                  width="26"
                  height="12"
                  fill="var(--kr-exposed, #f07a3a)"
                  fillOpacity={EXPOSED_TINT}
                />
              </>
            }
          >
            Tinted: got exposed keys so far
          </Item>
          <Item
            swatch={
              <>
                <circle cx="8" cy="11" r="3" {...SYMBOL_STYLE} />
                <circle cx="24" cy="9" r="8" {...SYMBOL_STYLE} />
              </>
            }
          >
            Circle and number: exposed keys reaching its participants this {period} (area ∝ count)
          </Item>
          <li className="kr-legend-note">
            Named: places that issued or received exposed keys this {period}, and the selection
          </li>
        </LayerToggle>
      </ul>
    </section>
  )
}

/** Open the legend at first only where it leaves the map readable (it covers North America at 1280x720). */
function isRoomyViewport(): boolean {
  return typeof window === 'undefined' || (window.innerWidth >= 1600 && window.innerHeight >= 900)
}
