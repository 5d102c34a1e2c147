import { useId } from 'react'
import type { ReactNode } from 'react'
import type { ClipChoices } from './clip-recorder'
import {
  CLIP_FPS,
  CLIP_SIZES,
  CLIP_SPEEDS,
  clipDurationSeconds,
  clipFrameCount,
  clipRangeProblem,
  clipTimeInput,
  defaultClipRange,
  encodedShape,
  minutesOfClipInput,
} from './clip-timing'
import type { ClipFormat } from './clip-timing'

/** The dialog's fields as typed, with the run they apply to. */
export interface ClipFormValues {
  readonly startDate: string
  readonly runEndMinutes: number
  readonly from: string
  readonly to: string
  readonly minutesPerSecond: number
  readonly sizeIndex: number
  readonly fps: number
  readonly format: ClipFormat
}

const FORMAT_LABELS: Record<ClipFormat, string> = {
  mp4: 'MP4 (H.264)',
  webm: 'WebM (VP9)',
  gif: 'GIF (960x540, 10 fps)',
}

function speedLabel(minutes: number): string {
  return minutes < 60
    ? `${minutes} simulated minutes per second`
    : `${minutes / 60} simulated hour${minutes === 60 ? '' : 's'} per second`
}

/** The shown day of the run, one simulated hour per second, 1280x720 at 30 fps, MP4. */
export function defaultClipForm(
  startDate: string,
  timeMinutes: number,
  runEndMinutes: number,
): ClipFormValues {
  const range = defaultClipRange(timeMinutes, runEndMinutes)
  return {
    startDate,
    runEndMinutes,
    from: clipTimeInput(startDate, range.fromMinutes),
    to: clipTimeInput(startDate, range.toMinutes),
    minutesPerSecond: 60,
    sizeIndex: 0,
    fps: 30,
    format: 'mp4',
  }
}

/** What the form asks for, or why it cannot be recorded. */
export function choicesOfForm(form: ClipFormValues): ClipChoices | string {
  const fromMinutes = minutesOfClipInput(form.startDate, form.from)
  const toMinutes = minutesOfClipInput(form.startDate, form.to)
  const problem = clipRangeProblem(form.startDate, { fromMinutes, toMinutes }, form.runEndMinutes)
  if (problem !== null || fromMinutes === null || toMinutes === null) return problem ?? ''
  const size = CLIP_SIZES[form.sizeIndex] ?? CLIP_SIZES[0]
  return {
    fromMinutes,
    toMinutes,
    minutesPerSecond: form.minutesPerSecond,
    fps: form.fps,
    width: size.width,
    height: size.height,
    format: form.format,
  }
}

/** "720 frames, 24 s" for what the form asks (a GIF at its own rate). */
function summaryOf(choices: ClipChoices): string {
  const shape = encodedShape(choices.format, choices, choices.fps)
  const timing = { ...choices, fps: shape.fps }
  const seconds = clipDurationSeconds(timing)
  return `${clipFrameCount(timing)} frames at ${shape.fps} fps, ${Math.round(seconds * 100) / 100} s of video, ${shape.width}x${shape.height}.`
}

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId()
  return (
    <div className="kr-clip-field">
      <label htmlFor={id}>{label}</label>
      {children(id)}
    </div>
  )
}

function Choice({
  label,
  value,
  options,
  onChange,
}: {
  label: string
  value: string | number
  options: readonly (readonly [string | number, string])[]
  onChange: (value: string) => void
}) {
  return (
    <Field label={label}>
      {(id) => (
        <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/** The clip's range, speed, size, frame rate and format, with the frames and length they make. */
export function ClipForm({
  values,
  onChange,
  isLocked,
  onSubmit,
}: {
  values: ClipFormValues
  onChange: (values: ClipFormValues) => void
  isLocked: boolean
  onSubmit: () => void
}) {
  const summaryId = useId()
  const choices = choicesOfForm(values)
  const set = (patch: Partial<ClipFormValues>): void => onChange({ ...values, ...patch })
  const min = clipTimeInput(values.startDate, 0)
  const max = clipTimeInput(values.startDate, values.runEndMinutes)
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault()
        if (typeof choices !== 'string') onSubmit()
      }}
    >
      <fieldset disabled={isLocked}>
        {(['from', 'to'] as const).map((end) => (
          <Field key={end} label={end === 'from' ? 'From (UTC)' : 'To (UTC)'}>
            {(id) => (
              <input
                id={id}
                type="datetime-local"
                step={60}
                min={min}
                max={max}
                value={values[end]}
                onChange={(e) => set({ [end]: e.target.value })}
              />
            )}
          </Field>
        ))}
        <Choice
          label="Speed"
          value={values.minutesPerSecond}
          options={CLIP_SPEEDS.map((m) => [m, speedLabel(m)])}
          onChange={(v) => set({ minutesPerSecond: Number(v) })}
        />
        <Choice
          label="Size"
          value={values.sizeIndex}
          options={CLIP_SIZES.map((size, i) => [i, `${size.width}x${size.height}`])}
          onChange={(v) => set({ sizeIndex: Number(v) })}
        />
        <Choice
          label="Frame rate"
          value={values.fps}
          options={CLIP_FPS.map((fps) => [fps, `${fps} fps`])}
          onChange={(v) => set({ fps: Number(v) })}
        />
        <Choice
          label="Format"
          value={values.format}
          options={Object.entries(FORMAT_LABELS)}
          onChange={(v) => set({ format: v as ClipFormat })}
        />
        <p id={summaryId} className="kr-clip-summary" aria-live="polite">
          {typeof choices === 'string' ? choices : summaryOf(choices)}
        </p>
        <button type="submit" aria-describedby={summaryId} disabled={typeof choices === 'string'}>
          Record
        </button>
      </fieldset>
    </form>
  )
}
