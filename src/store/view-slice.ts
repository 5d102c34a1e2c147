/**
 * The view and playback slice: what is shown and how (time, playback, selection, layers, theme,
 * basemap, time zone, notices). None of it reruns the simulation.
 */
import type { StateCreator } from 'zustand/vanilla'
import type { AppState, Layers } from './store'
import { normaliseTileUrl, tileUrlProblem } from './tile-url'
import type { Selection } from './url-state'
import { MAP_LAYERS } from '../sim/briefing'

/** The view, playback and their actions. */
export interface ViewSlice {
  /** Which run the map draws when comparing. */
  readonly mapRun: 'primary' | 'compare'
  readonly timeMinutes: number
  /** Whether the time was chosen (by the user or the link); if not, a finished run sets it. */
  readonly isTimeChosen: boolean
  readonly isPlaying: boolean
  readonly speedMinutesPerSecond: number
  readonly selection: Selection | null
  readonly layers: Layers
  readonly theme: 'dark' | 'light'
  /**
   * An online tile server's URL template ({z}/{x}/{y}) for a basemap under the country shapes.
   * Empty (the default) keeps the app offline; it is never written into links.
   */
  readonly tileUrl: string
  /** IANA zone shown beside UTC on the timeline. */
  readonly timeZone: string
  /** Short messages for the user (an ignored link parameter, an import problem). */
  readonly notices: readonly string[]
  /** The area the map shows, as it last reported it (null before the map is drawn). */
  readonly mapBounds: MapBounds | null

  readonly setMapRun: (which: 'primary' | 'compare') => void
  readonly setTime: (minutes: number) => void
  readonly play: () => void
  readonly pause: () => void
  readonly setSpeed: (minutesPerSecond: number) => void
  readonly select: (selection: Selection | null) => void
  readonly toggleLayer: (layer: keyof Layers) => void
  readonly setTheme: (theme: 'dark' | 'light') => void
  readonly setTimeZone: (zone: string) => void
  readonly setTileUrl: (url: string) => void
  readonly dismissNotice: (index: number) => void
  readonly setMapBounds: (bounds: MapBounds) => void
}

/** An area of the map in degrees; west and east as Leaflet gives them (beyond ±180 on a copy). */
export interface MapBounds {
  readonly south: number
  readonly west: number
  readonly north: number
  readonly east: number
}

function prefersDark(): boolean {
  return typeof window === 'undefined' || typeof window.matchMedia !== 'function'
    ? true
    : !window.matchMedia('(prefers-color-scheme: light)').matches
}

/** The view and playback slice. */
export const createViewSlice: StateCreator<AppState, [], [], ViewSlice> = (set, get) => ({
  mapRun: 'primary',
  timeMinutes: 0,
  isTimeChosen: false,
  isPlaying: false,
  speedMinutesPerSecond: 240,
  selection: null,
  layers: Object.fromEntries(MAP_LAYERS.map((layer) => [layer, true])) as Layers,
  theme: prefersDark() ? 'dark' : 'light',
  tileUrl: '',
  timeZone: 'America/Toronto',
  notices: [],
  mapBounds: null,

  setMapRun: (mapRun) => set({ mapRun }),
  setTime(minutes) {
    const run = get().run
    const end = run && run.stepCount > 0 ? run.stepCount * run.stepMinutes : Infinity
    set({ timeMinutes: Math.max(0, Math.min(end, minutes)), isTimeChosen: true })
  },
  play: () => set({ isPlaying: true, isTimeChosen: true }),
  pause: () => set({ isPlaying: false }),
  setSpeed: (speedMinutesPerSecond) => set({ speedMinutesPerSecond }),
  select: (selection) => set({ selection }),
  toggleLayer: (layer) => set({ layers: { ...get().layers, [layer]: !get().layers[layer] } }),
  setTheme: (theme) => set({ theme }),
  setTimeZone: (timeZone) => set({ timeZone }),
  // The settings refuse a bad address with a message; this keeps any other caller from
  // handing the map one it cannot draw.
  setTileUrl: (url) => {
    if (tileUrlProblem(url) === null) set({ tileUrl: normaliseTileUrl(url) })
  },
  dismissNotice: (index) => set({ notices: get().notices.filter((_, i) => i !== index) }),
  setMapBounds: (mapBounds) => set({ mapBounds }),
})
