import { useId, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TimelineEvent } from '../../sim/model'
import {
  nextExposureMinutes,
  receivedEndMinutes,
  runEndMinutes,
  selectMapRun,
} from '../../store/selectors'
import { chartSeries } from '../../store/chart-selectors'
import { SPEEDS } from '../../store/store'
import { formatInZone, formatShortTime, formatUtc, instantOf } from '../panels/format'
import { useAppStore, useAppStoreApi } from '../store-context'
import { MarkerIcon, PauseIcon, PlayIcon, StepIcon } from '../controls/icons'
import { eventLabel } from './event-label'
import { startPlaying, usePlayback, useSpaceToPlay } from './use-playback'
import './timeline.css'

/** Zones a briefing is most often held in or about. */
export const TIME_ZONES = [
  'America/Toronto',
  'America/Los_Angeles',
  'Europe/London',
  'Asia/Shanghai',
  'Asia/Kolkata',
  'Australia/Sydney',
] as const

const SPEED_LABELS: Record<number, string> = {
  [1 / 60]: 'Real time',
  1: '1 min/s',
  10: '10 min/s',
  60: '1 hour/s',
  240: '4 hours/s',
  720: '12 hours/s',
  1440: '1 day/s',
}

const NO_EVENTS: readonly TimelineEvent[] = []

const isoOf = (startDate: string, minutes: number): string =>
  instantOf(startDate, minutes).toISOString()

/** Markers closer than this (in percent of the track) would overlap, so they are spread apart. */
export const MARKER_CLUSTER_PCT = 3

/** Horizontal room one marker takes, in pixels: its button is 24 px wide, plus a gap. */
export const MARKER_SPACING_PX = 27

/** Where a timeline event's marker sits: its time on the track, and a shift that keeps it apart. */
export interface MarkerPlacement {
  readonly index: number
  /** Position of the event on the track, in percent. */
  readonly leftPct: number
  /** Sideways shift in pixels, so markers of nearby events stay separately clickable. */
  readonly shiftPx: number
}

/**
 * Places the markers: events closer than {@link MARKER_CLUSTER_PCT} to the previous one join
 * its group, and a group is fanned out around its centre, in time order, one button width apart.
 */
export function placeMarkers(
  events: readonly TimelineEvent[],
  endMinutes: number,
): readonly MarkerPlacement[] {
  const points = events
    .map((e, index) => ({ index, leftPct: (100 * Math.min(e.atMinutes, endMinutes)) / endMinutes }))
    .sort((a, b) => a.leftPct - b.leftPct || a.index - b.index)
  const groups: (typeof points)[] = []
  for (const p of points) {
    const group = groups[groups.length - 1]
    const last = group?.[group.length - 1]
    if (group && last && p.leftPct - last.leftPct < MARKER_CLUSTER_PCT) group.push(p)
    else groups.push([p])
  }
  return groups.flatMap((group) =>
    group.map((p, i) => ({ ...p, shiftPx: (i - (group.length - 1) / 2) * MARKER_SPACING_PX })),
  )
}

/** One step back or forward; the label says which, for the keyboard and screen readers. */
function StepButton({ direction, onStep }: { direction: 'back' | 'forward'; onStep: () => void }) {
  const label = `Step ${direction} one step`
  return (
    <button type="button" aria-label={label} title={label} onClick={onStep}>
      <StepIcon direction={direction} />
    </button>
  )
}

/** Play, step, speed, a scrubbable clock with event markers, and jump to the next exposure. */
export function Timeline() {
  const store = useAppStoreApi()
  const s = useAppStore(
    useShallow((st) => ({
      timeMinutes: st.timeMinutes,
      isPlaying: st.isPlaying,
      speed: st.speedMinutesPerSecond,
      timeZone: st.timeZone,
      // The run the map shows: its exposures and events mark the track.
      run: selectMapRun(st),
    })),
  )
  const { setTime, pause, setSpeed, setTimeZone } = store.getState()
  usePlayback(store, s.isPlaying)
  useSpaceToPlay(store)
  const sliderId = useId()
  const speedId = useId()
  const zoneId = useId()

  const run = s.run
  const stepMinutes = run?.stepMinutes ?? 60
  const end = Math.max(runEndMinutes(run), stepMinutes)
  const receivedEnd = receivedEndMinutes(run)
  const startDate = run?.startDate ?? ''
  const nextExposure = nextExposureMinutes(run, s.timeMinutes)
  const stepStart = Math.floor(s.timeMinutes / stepMinutes) * stepMinutes
  const density = useMemo(() => {
    const series = run ? chartSeries(run.steps, 400) : []
    const peak = Math.max(1, ...series.map((p) => p.crossBorderExposures + p.concernExposures))
    return series.map((p) => ({
      x: (100 * p.minutes) / end,
      h: (p.crossBorderExposures + p.concernExposures) / peak,
    }))
  }, [run, end])

  const timeline = run?.timeline ?? NO_EVENTS
  const markers = useMemo(() => placeMarkers(timeline, end), [timeline, end])

  const utc = startDate ? formatUtc(startDate, s.timeMinutes) : '–'
  const local = startDate ? formatInZone(startDate, s.timeMinutes, s.timeZone) : '–'

  return (
    <section className="kr-timeline" aria-label="Timeline">
      <div className="kr-timeline-buttons">
        <StepButton
          direction="back"
          onStep={() => {
            pause()
            setTime(Math.max(0, Math.ceil(s.timeMinutes / stepMinutes) * stepMinutes - stepMinutes))
          }}
        />
        <button
          type="button"
          className="kr-play"
          aria-label={s.isPlaying ? 'Pause' : 'Play'}
          title={s.isPlaying ? 'Pause (Space)' : 'Play (Space)'}
          disabled={!run || run.steps.length === 0}
          onClick={() => (s.isPlaying ? pause() : startPlaying(store))}
        >
          {s.isPlaying ? <PauseIcon /> : <PlayIcon />}
        </button>
        <StepButton
          direction="forward"
          onStep={() => {
            pause()
            setTime(Math.min(receivedEnd, stepStart + stepMinutes))
          }}
        />
        <div className="kr-field kr-field-inline">
          <label htmlFor={speedId} title="Simulated time per real second">
            Speed
          </label>
          <select
            id={speedId}
            value={String(s.speed)}
            onChange={(e) => setSpeed(Number(e.target.value))}
          >
            {SPEEDS.map((v) => (
              <option key={v} value={String(v)}>
                {SPEED_LABELS[v] ?? `${v} min/s`}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          disabled={nextExposure === null}
          onClick={() => {
            if (nextExposure === null) return
            pause()
            setTime(nextExposure)
          }}
        >
          Jump to next exposure
        </button>
      </div>

      <div className="kr-timeline-track">
        <label htmlFor={sliderId} className="kr-visually-hidden">
          Simulated time
        </label>
        <div className="kr-density" aria-hidden="true">
          {density.map((d, i) =>
            d.h > 0 ? (
              <span
                key={i}
                className="kr-density-bar"
                style={{ left: `${d.x}%`, height: `${Math.max(8, d.h * 100)}%` }}
              />
            ) : null,
          )}
          <span
            className="kr-received"
            style={{ left: `${(100 * receivedEnd) / end}%`, right: 0 }}
          />
        </div>
        <input
          id={sliderId}
          type="range"
          min={0}
          max={end}
          step={stepMinutes}
          value={Math.min(end, s.timeMinutes)}
          aria-valuetext={`${utc}; ${local}`}
          onChange={(e) => {
            pause()
            setTime(Number(e.target.value))
          }}
        />
        <ol className="kr-markers" aria-label="Timeline events">
          {markers.map(({ index, leftPct, shiftPx }) => {
            const e = timeline[index] as TimelineEvent
            const when = startDate ? formatShortTime(startDate, e.atMinutes) : ''
            const label = eventLabel(e, run?.policy ?? null)
            return (
              <li
                key={index}
                className={`kr-marker kr-marker-${e.kind}`}
                data-shift={shiftPx}
                style={{
                  left: `${leftPct}%`,
                  transform: `translateX(calc(-50% + ${shiftPx}px))`,
                }}
              >
                <button
                  type="button"
                  aria-label={`Jump to ${when} UTC: ${label}`}
                  title={`${when} UTC: ${label}`}
                  onClick={() => {
                    pause()
                    setTime(e.atMinutes)
                  }}
                >
                  <MarkerIcon shape={'siteId' in e ? 'triangle' : 'diamond'} />
                </button>
                {shiftPx !== 0 && (
                  <span
                    className="kr-marker-tie"
                    aria-hidden="true"
                    style={{ left: `calc(50% - ${shiftPx}px)` }}
                  />
                )}
              </li>
            )
          })}
        </ol>
      </div>

      <div className="kr-clock">
        <p className="kr-clock-utc">
          <time dateTime={startDate ? isoOf(startDate, s.timeMinutes) : undefined}>{utc}</time>
        </p>
        <div className="kr-clock-local">
          <label htmlFor={zoneId} className="kr-visually-hidden">
            Also show the time in
          </label>
          <select id={zoneId} value={s.timeZone} onChange={(e) => setTimeZone(e.target.value)}>
            {TIME_ZONES.map((z) => (
              <option key={z} value={z}>
                {z.slice(z.indexOf('/') + 1).replace('_', ' ')}
              </option>
            ))}
          </select>
          <span>{local}</span>
        </div>
      </div>
    </section>
  )
}
