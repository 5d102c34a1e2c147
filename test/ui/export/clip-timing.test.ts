import { describe, expect, it } from 'vitest'
import {
  avcCodecStrings,
  clipDurationSeconds,
  clipFileName,
  clipFrameCount,
  clipRangeProblem,
  clipTimeInput,
  defaultClipRange,
  encodedShape,
  frameTimeMinutes,
  frameTimestampMicros,
  minutesOfClipInput,
} from '../../../src/ui/export/clip-timing'
import { choicesOfForm, defaultClipForm } from '../../../src/ui/export/clip-form'

const DAY = 1440
const ONE_DAY = { fromMinutes: 0, toMinutes: DAY, minutesPerSecond: 60, fps: 30 }

describe('clip-timing', () => {
  it('defaults to the shown day, midnight to midnight UTC, within the run', () => {
    expect(defaultClipRange(0, 7 * DAY)).toEqual({ fromMinutes: 0, toMinutes: DAY })
    expect(defaultClipRange(2 * DAY + 14 * 60 + 7, 7 * DAY)).toEqual({
      fromMinutes: 2 * DAY,
      toMinutes: 3 * DAY,
    })
  })

  it('cuts the default day at the end of a run that stops mid-day, and takes the last day at the very end', () => {
    expect(defaultClipRange(DAY + 60, DAY + 600)).toEqual({
      fromMinutes: DAY,
      toMinutes: DAY + 600,
    })
    expect(defaultClipRange(3 * DAY, 3 * DAY)).toEqual({ fromMinutes: 2 * DAY, toMinutes: 3 * DAY })
    expect(defaultClipRange(300, 600)).toEqual({ fromMinutes: 0, toMinutes: 600 })
  })

  it('makes 720 frames of a day at one simulated hour per second and 30 fps, 24 s long', () => {
    expect(clipFrameCount(ONE_DAY)).toBe(720)
    expect(clipDurationSeconds(ONE_DAY)).toBe(24)
  })

  it('times frame i at from + i * (minutes per second / fps), the last frame before the end', () => {
    const timing = { ...ONE_DAY, fromMinutes: 600, toMinutes: 600 + DAY }
    expect(frameTimeMinutes(timing, 0)).toBe(600)
    expect(frameTimeMinutes(timing, 1)).toBe(602)
    expect(frameTimeMinutes(timing, 719)).toBe(600 + DAY - 2)
    // 60 / 24 = 2.5 minutes a frame: exact, no drift after hundreds of frames.
    expect(frameTimeMinutes({ ...timing, fps: 24 }, 576)).toBe(600 + DAY)
  })

  it('covers a range that is not a whole number of frames with one more frame', () => {
    expect(clipFrameCount({ fromMinutes: 0, toMinutes: 181, minutesPerSecond: 60, fps: 10 })).toBe(
      31,
    )
    expect(clipFrameCount({ fromMinutes: 0, toMinutes: 180, minutesPerSecond: 60, fps: 10 })).toBe(
      30,
    )
    expect(clipFrameCount({ fromMinutes: 60, toMinutes: 60, minutesPerSecond: 60, fps: 10 })).toBe(
      0,
    )
  })

  it('stamps frames at index * 1e6 / fps microseconds', () => {
    expect(frameTimestampMicros(30, 3)).toBe(100_000)
    expect(frameTimestampMicros(24, 24)).toBe(1_000_000)
  })

  it('makes a GIF at 960x540 and 10 fps, laid out at 1280x720, whatever the video would have', () => {
    expect(encodedShape('gif', { width: 1920, height: 1080 }, 60)).toEqual({
      width: 960,
      height: 540,
      fps: 10,
      layout: { width: 1280, height: 720, pixelRatio: 0.75 },
    })
    expect(encodedShape('mp4', { width: 1920, height: 1080 }, 60)).toEqual({
      width: 1920,
      height: 1080,
      fps: 60,
      layout: { width: 1920, height: 1080, pixelRatio: 1 },
    })
  })

  it('names the file by run and UTC range, with no colons', () => {
    const naming = {
      scenarioId: 'citizenlab-2020',
      seed: 7,
      policy: 'misconfigured',
      startDate: '2020-03-27',
      fromMinutes: DAY,
      toMinutes: 2 * DAY + 90,
    }
    expect(clipFileName(naming, 'mp4')).toBe(
      'keyroute-citizenlab-2020-misconfigured-seed7-20200328T0000Z-20200329T0130Z.mp4',
    )
  })

  it('reads and writes the range inputs as UTC times of the run', () => {
    expect(clipTimeInput('2020-03-27', DAY + 14 * 60)).toBe('2020-03-28T14:00')
    expect(minutesOfClipInput('2020-03-27', '2020-03-28T14:00')).toBe(DAY + 14 * 60)
    expect(minutesOfClipInput('2020-03-27', '')).toBeNull()
    expect(minutesOfClipInput('2020-03-27', '2020-03-28')).toBeNull()
  })

  it('refuses a range outside the run or ending before it starts, saying why', () => {
    expect(clipRangeProblem('2020-03-27', { fromMinutes: 0, toMinutes: DAY }, DAY)).toBeNull()
    expect(clipRangeProblem('2020-03-27', { fromMinutes: 0, toMinutes: 2 * DAY }, DAY)).toBe(
      'The run spans 2020-03-27 00:00 to 2020-03-28 00:00 UTC: choose a range within it.',
    )
    expect(clipRangeProblem('2020-03-27', { fromMinutes: 60, toMinutes: 60 }, DAY)).toBe(
      'The end must come after the start.',
    )
    expect(clipRangeProblem('2020-03-27', { fromMinutes: null, toMinutes: 60 }, DAY)).toMatch(
      /start and the end/,
    )
  })

  it('asks H.264 for a level that allows the size and rate: 3.1 at 720p30, 4.0 at 1080p30, 4.2 at 1080p60', () => {
    expect(avcCodecStrings(1280, 720, 30)[0]).toBe('avc1.64001f')
    expect(avcCodecStrings(1280, 720, 30)).toContain('avc1.42e01f')
    expect(avcCodecStrings(1920, 1080, 30)[0]).toBe('avc1.640028')
    expect(avcCodecStrings(1920, 1080, 60)[0]).toBe('avc1.64002a')
    expect(avcCodecStrings(1280, 720, 60)[0]).toBe('avc1.640020')
  })
})

describe('clip-form', () => {
  it('opens on the shown day at one simulated hour per second, 1280x720, 30 fps, MP4', () => {
    const form = defaultClipForm('2020-03-27', 2 * DAY + 300, 7 * DAY)
    expect(form).toMatchObject({
      from: '2020-03-29T00:00',
      to: '2020-03-30T00:00',
      minutesPerSecond: 60,
      sizeIndex: 0,
      fps: 30,
      format: 'mp4',
    })
    expect(choicesOfForm(form)).toEqual({
      fromMinutes: 2 * DAY,
      toMinutes: 3 * DAY,
      minutesPerSecond: 60,
      fps: 30,
      width: 1280,
      height: 720,
      format: 'mp4',
    })
  })

  it('gives the problem instead of choices when the range is wrong', () => {
    const form = { ...defaultClipForm('2020-03-27', 0, DAY), to: '2020-03-29T00:00' }
    expect(choicesOfForm(form)).toBe(
      'The run spans 2020-03-27 00:00 to 2020-03-28 00:00 UTC: choose a range within it.',
    )
  })
})
