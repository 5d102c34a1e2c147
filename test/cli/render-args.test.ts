import { describe, expect, it } from 'vitest'
import { parseRenderArgs as parseWith } from '../../src/cli/render-args'
import { CLIP_FPS, CLIP_SPEEDS } from '../../src/ui/export/clip-timing'
import { SLIDE_SIZES } from '../../src/ui/export/scene-text'

// What the app's controls offer, as the render driver passes it.
const OFFER = { sizes: SLIDE_SIZES, fps: CLIP_FPS, speeds: CLIP_SPEEDS }
const parseRenderArgs = (argv: readonly string[]) => parseWith(argv, OFFER)
import { UsageError } from '../../src/cli/sim-args'

const refused = (argv: string[]): string => {
  try {
    parseRenderArgs(argv)
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError)
    return (error as Error).message
  }
  throw new Error(`accepted: ${argv.join(' ')}`)
}

describe('render arguments', () => {
  it('reads a preset, its run choices, the time and the output, with slide size by default', () => {
    const o = parseRenderArgs([
      'citizenlab-2020',
      '--policy',
      'geofenced',
      '--seed',
      '7',
      '--at',
      '2020-03-27T14:00Z',
      '--out',
      'map.png',
    ])
    expect(o).toMatchObject({
      source: 'citizenlab-2020',
      policy: 'geofenced',
      seed: 7,
      at: '2020-03-27T14:00Z',
      out: 'map.png',
      format: '.png',
      width: 1920,
      height: 1080,
    })
  })

  it('gives clips 1280x720 at 30 fps unless asked, and reads their range', () => {
    const o = parseRenderArgs([
      'citizenlab-2020',
      '--out',
      'day.MP4',
      '--from',
      '2020-04-02T00:00Z',
      '--to',
      '2020-04-03T00:00Z',
      '--fps',
      '24',
    ])
    expect(o).toMatchObject({ format: '.mp4', width: 1280, height: 720, fps: 24, speed: 60 })
    expect(
      parseRenderArgs([
        'citizenlab-2020',
        '--out',
        'a.gif',
        '--speed',
        '30',
        '--app',
        'http://127.0.0.1:4174',
      ]).appUrl,
    ).toBe('http://127.0.0.1:4174/')
    expect(
      parseRenderArgs(['citizenlab-2020', '--out', 'a.webm', '--size', '1920x1080']).width,
    ).toBe(1920)
  })

  it('takes a briefing with a chapter as PNG or all chapters as a zip', () => {
    expect(parseRenderArgs(['--briefing', 'citizenlab-2020', '--out', 'all.zip'])).toMatchObject({
      briefing: 'citizenlab-2020',
      format: '.zip',
    })
    expect(
      parseRenderArgs(['--briefing', 'citizenlab-2020', '--chapter', '5', '--out', 'c5.png']),
    ).toMatchObject({ chapter: 5, format: '.png' })
  })

  it('refuses bad arguments in one line that names what is wrong', () => {
    expect(refused(['--out', 'a.png'])).toMatch(/preset, a scenario file or --briefing/)
    expect(refused(['citizenlab-2020'])).toMatch(/--out FILE is required/)
    expect(refused(['citizenlab-2020', '--out', 'a.jpg'])).toMatch(/must end in \.png/)
    expect(refused(['no-such-thing', '--out', 'a.png'])).toMatch(/neither a preset .* nor a file/)
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--at', '2020-03-27 14:00'])).toMatch(
      /--at takes a UTC time to the minute/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--size', '800x600'])).toMatch(
      /--size takes 1280x720 or 1920x1080/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--policy', 'best'])).toMatch(
      /unknown policy "best"/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--fps', '30'])).toMatch(
      /--fps is for clips/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.mp4', '--fps', '25'])).toMatch(
      /--fps takes 24, 30, 60, not 25/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.mp4', '--speed', '45'])).toMatch(
      /--speed takes 15, 30, 60, 120, 240, 720 simulated minutes per second, not 45/,
    )
    expect(
      refused([
        'citizenlab-2020',
        '--out',
        'a.mp4',
        '--from',
        '2020-04-02T00:00Z',
        '--to',
        '2020-04-01T00:00Z',
      ]),
    ).toMatch(/must be after/)
    expect(refused(['--briefing', 'citizenlab-2020', '--out', 'a.mp4'])).toMatch(/\.png .* \.zip/)
    expect(refused(['citizenlab-2020', '--out', 'a.zip'])).toMatch(/add --briefing/)
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--speed', '30'])).toMatch(/for clips/)
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--app', 'file:///x'])).toMatch(
      /--app takes the http\(s\) address/,
    )
    expect(refused(['citizenlab-2020', '--out', 'a.png', '--bogus'])).toMatch(/bogus/)
    for (const message of [refused(['citizenlab-2020', '--out', 'a.png', '--seed', '-1'])])
      expect(message.split('\n')).toHaveLength(1)
  })
})
