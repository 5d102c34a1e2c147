import { useId, useMemo } from 'react'
import { useShallow } from 'zustand/react/shallow'
import type { TimelineEvent } from '../../sim/model'
import {
  chartSeries,
  nextExposureMinutes,
  receivedEndMinutes,
  runEndMinutes,
  selectMapRun,
} from '../../store/selectors'
import { SPEEDS } from '../../store/store'
import { formatInZone, formatShortTime, formatUtc, instantOf } from '../panels/format'
import { useAppStore, useAppStoreApi } from '../store-context'
import { startPlaying, usePlayback, useSpaceToPlay } from './use-playback'

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

const isoOf = (startDate: string, minutes: number): string =>
  instantOf(startDate, minutes).toISOString()

function eventLabel(e: TimelineEvent): string {
  if (e.label) return e.label
  switch (e.kind) {
    case 'outage':
      return `Outage: ${e.siteId}`
    case 'restore':
      return `Restored: ${e.siteId}`
    case 'capacity':
      return `Capacity of ${e.siteId} set to ${e.capacityParticipants}`
    case 'policy':
      return `Policy changes to ${e.policy}`
  }
}

/** Drawn, not a font glyph: the system fonts of briefing laptops often lack ⏮ and ⏭. */
function StepIcon({ direction }: { direction: 'back' | 'forward' }) {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
      <g
        fill="currentColor"
        transform={direction === 'back' ? 'translate(14 0) scale(-1 1)' : undefined}
      >
        <path d="M2 2 L10 7 L2 12 Z" />
        <rect x="10.5" y="2" width="2" height="10" />
      </g>
    </svg>
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

  const utc = startDate ? formatUtc(startDate, s.timeMinutes) : '–'
  const local = startDate ? formatInZone(startDate, s.timeMinutes, s.timeZone) : '–'

  return (
    <section className="kr-timeline" aria-label="Timeline">
      <div className="kr-timeline-buttons">
        <button
          type="button"
          aria-label="Step back one step"
          title="Step back one step"
          onClick={() => {
            pause()
            setTime(Math.max(0, Math.ceil(s.timeMinutes / stepMinutes) * stepMinutes - stepMinutes))
          }}
        >
          <StepIcon direction="back" />
        </button>
        <button
          type="button"
          className="kr-play"
          aria-label={s.isPlaying ? 'Pause' : 'Play'}
          title={s.isPlaying ? 'Pause (Space)' : 'Play (Space)'}
          disabled={!run || run.steps.length === 0}
          onClick={() => (s.isPlaying ? pause() : startPlaying(store))}
        >
          <span aria-hidden="true">{s.isPlaying ? '⏸' : '▶'}</span>
        </button>
        <button
          type="button"
          aria-label="Step forward one step"
          title="Step forward one step"
          onClick={() => {
            pause()
            setTime(Math.min(receivedEnd, stepStart + stepMinutes))
          }}
        >
          <StepIcon direction="forward" />
        </button>
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
          {(run?.timeline ?? []).map((e, i) => {
            const when = startDate ? formatShortTime(startDate, e.atMinutes) : ''
            const label = eventLabel(e)
            return (
              <li
                key={i}
                className={`kr-marker kr-marker-${e.kind}`}
                style={{ left: `${(100 * Math.min(e.atMinutes, end)) / end}%` }}
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
                  <span aria-hidden="true">{e.kind === 'policy' ? '◆' : '▲'}</span>
                </button>
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
