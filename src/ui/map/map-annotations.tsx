/**
 * What the map writes and marks on top of its layers at the shown step: a proportional circle per
 * country for the exposed keys its participants received (area for count, so Canada's size on a
 * Mercator map says nothing), and permanent labels for the places that matter now: the selected
 * item's, the data centers that issued exposed keys (those of concern first), the country counts,
 * and the participant cities that received them.
 */
import { useMemo } from 'react'
import { selectMapRun } from '../../store/selectors'
import { CircleMarker, Pane } from 'react-leaflet'
import { useAppStore } from '../store-context'
import { WORLD_COPY_SHIFTS_DEG } from './basemap'
import type { CountryCollection } from './basemap'
import { countryName } from './country-name'
import { countryAnchorsOf, countryCountsOf } from './country-symbols'
import {
  selectMapConcern,
  selectMapIncident,
  selectMapStep,
  selectMapStepMinutes,
  selectMaxCountryKeys,
} from './draw-list'
import { periodOf } from './map-causes'
import { isAheadOfCountries, placeLabelsOf, selectedPlaces } from './map-labels'
import { MapLabels } from './map-labels-layer'
import type { MapLabelItem } from './map-labels-layer'
import { countrySymbolRadiusPx, isConcernSite, siteRadiusPx } from './map-scales'
import type { MapPalette } from './map-theme'

/** A country's circle: where, how large, and the count it stands for. */
export interface CountrySymbol {
  readonly country: string
  readonly lat: number
  readonly lon: number
  readonly radiusPx: number
  readonly keys: number
}

// Room a city label keeps around its point: the largest city dot.
const CITY_CLEARANCE_PX = 9
const CONCERN_RING_PX = 4

/** The circles and labels; `countries` is the basemap (null until it has loaded). */
export function MapAnnotations({
  countries,
  palette,
}: {
  countries: CountryCollection | null
  palette: MapPalette
}) {
  const world = useAppStore((s) => selectMapRun(s)?.world ?? null)
  const steps = useAppStore((s) => selectMapRun(s)?.steps)
  const step = useAppStore(selectMapStep)
  const selection = useAppStore((s) => s.selection)
  // An incident is named only at the step it happened, as its path is drawn.
  const incident = useAppStore(selectMapIncident) ?? undefined
  const layers = useAppStore((s) => s.layers)
  const concern = useAppStore(selectMapConcern)
  const period = periodOf(useAppStore(selectMapStepMinutes))
  const anchors = useMemo(() => (countries ? countryAnchorsOf(countries) : null), [countries])

  // Its own subscription: the run's step list grows in place, and the peak with it.
  const max = useAppStore(selectMaxCountryKeys)
  const symbols = useMemo((): CountrySymbol[] => {
    if (!world || !steps || !step || !anchors) return []
    return countryCountsOf(world, step.flows).flatMap((c) => {
      const at = anchors.get(c.country)
      return at
        ? [
            {
              country: c.country,
              ...at,
              keys: c.keys,
              radiusPx: countrySymbolRadiusPx(c.keys, max),
            },
          ]
        : []
    })
  }, [world, steps, step, anchors, max])

  const markers = useMemo(() => {
    if (!world || !layers.sites) return []
    const maxCapacity = Math.max(1, ...world.sites.map((s) => s.capacityParticipants))
    return world.sites.map((s) => ({
      lat: s.lat,
      lon: s.lon,
      radiusPx: siteRadiusPx(s.capacityParticipants, maxCapacity) + 2,
    }))
  }, [world, layers.sites])

  const items = useMemo((): MapLabelItem[] => {
    if (!world) return []
    const maxCapacity = Math.max(1, ...world.sites.map((s) => s.capacityParticipants))
    const siteClearance = (site: (typeof world.sites)[number]): number =>
      siteRadiusPx(site.capacityParticipants, maxCapacity) +
      (isConcernSite(site, concern) ? CONCERN_RING_PX : 0) +
      1
    const places = placeLabelsOf(world, step, concern, selectedPlaces(selection, incident)).filter(
      (p) => (p.kind === 'site' ? layers.sites : layers.cities),
    )
    const siteById = new Map(world.sites.map((s) => [s.id, s]))
    const clearanceOf = (id: string): number => {
      const site = id.startsWith('site:') ? siteById.get(id.slice('site:'.length)) : undefined
      return site ? siteClearance(site) : CITY_CLEARANCE_PX
    }
    const placeItem = (p: (typeof places)[number]): MapLabelItem => {
      return {
        id: p.id,
        text: p.text,
        lat: p.lat,
        lon: p.lon,
        clearancePx: Math.max(clearanceOf(p.id), ...p.alsoIds.map(clearanceOf)),
        className: `kr-map-label--${p.kind}${p.isConcern ? ' kr-map-label--concern' : ''}${p.isSelected ? ' kr-map-label--selected' : ''}`,
      }
    }
    const countryItems: MapLabelItem[] = layers.countries
      ? symbols.map((s) => ({
          id: `country:${s.country}`,
          // The circle stands on the country: the eye needs only the count.
          hiddenPrefix: `${countryName(s.country)}: `,
          text: `${s.keys.toLocaleString('en-US')} key${s.keys === 1 ? '' : 's'} ${period}`,
          lat: s.lat,
          lon: s.lon,
          clearancePx: s.radiusPx,
          className: 'kr-map-label--count',
        }))
      : []
    return [
      ...places.filter(isAheadOfCountries).map(placeItem),
      ...countryItems,
      ...places.filter((p) => !isAheadOfCountries(p)).map(placeItem),
    ]
  }, [world, step, concern, selection, incident, layers, symbols, period])

  return (
    <>
      {layers.countries && symbols.length > 0 ? (
        // Above the arcs (450), which would hide a circle in their colour; below the sites (500).
        <Pane name="kr-country-symbols" style={{ zIndex: 470 }}>
          {symbols.flatMap((s) =>
            WORLD_COPY_SHIFTS_DEG.map((shift) => (
              <CircleMarker
                key={`${s.country}@${shift}`}
                center={[s.lat, s.lon + shift]}
                radius={s.radiusPx}
                interactive={false}
                pathOptions={{
                  color: palette.fg,
                  weight: 1.5,
                  opacity: 0.9,
                  fillColor: palette.exposed,
                  fillOpacity: 0.75,
                }}
              />
            )),
          )}
        </Pane>
      ) : null}
      <MapLabels items={items} markers={markers} />
    </>
  )
}
