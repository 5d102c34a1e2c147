import { readFileSync, writeFileSync } from 'node:fs'
import { AxeBuilder } from '@axe-core/playwright'
import { describe, expect, inject, it } from 'vitest'
import type { Locator, Page } from 'playwright-core'
import { SCREENSHOT_DIR, dashboardSession, remoteRequests, waitForRunDone } from './browser'

/** A UTC `datetime-local` value moved by `hours`. */
function plusHours(value: string, hours: number): string {
  return new Date(Date.parse(`${value}:00Z`) + hours * 3_600_000).toISOString().slice(0, 16)
}

const CLIP_HOURS = 3
const FPS = 24
// Three simulated hours at one hour per second: 3 s of clip.
const FRAMES = CLIP_HOURS * FPS

function clipDialog(page: Page): Locator {
  return page.getByRole('dialog', { name: 'Record clip' })
}

/** Records a short clip through the dialog and returns the downloaded file's name and bytes. */
async function recordShortClip(
  page: Page,
  format: 'mp4' | 'webm' | 'gif',
  size = '1280x720',
): Promise<{ name: string; bytes: Buffer }> {
  const dialog = clipDialog(page)
  if (!(await dialog.isVisible())) await page.getByRole('button', { name: 'Record clip' }).click()
  const from = await dialog.getByLabel('From (UTC)').inputValue()
  await dialog.getByLabel('To (UTC)').fill(plusHours(from, CLIP_HOURS))
  await dialog.getByLabel('Speed').selectOption('60')
  await dialog.getByLabel('Size').selectOption({ label: size })
  await dialog.getByLabel('Frame rate').selectOption(String(FPS))
  await dialog.getByLabel('Format').selectOption(format)
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: 60_000 }),
    dialog.getByRole('button', { name: 'Record' }).click(),
  ])
  const path = await download.path()
  await expect
    .poll(() => dialog.getByRole('status').textContent())
    .toContain(download.suggestedFilename())
  return { name: download.suggestedFilename(), bytes: readFileSync(path) }
}

interface Played {
  width: number
  height: number
  duration: number
  /** PNG data URLs of frames at the clip's start, middle and end. */
  frames: string[]
  /** Whether the first and last frames differ (the clock moves). */
  isMoving: boolean
}

/**
 * Loads a video file into a <video> in a blank page (the app's CSP admits no media) and reads
 * its size and duration as a player does: a WebM may say Infinity until seeked to its end.
 */
async function play(page: Page, bytes: Buffer, type: string): Promise<Played> {
  const blank = await page.context().newPage()
  try {
    return await blank.evaluate(
      async ({ base64, type }) => {
        const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0))
        const video = document.createElement('video')
        video.muted = true
        video.src = URL.createObjectURL(new Blob([data], { type }))
        const once = (name: string): Promise<void> =>
          new Promise((resolve, reject) => {
            video.addEventListener(name, () => resolve(), { once: true })
            video.addEventListener(
              'error',
              () => reject(new Error(`video error ${video.error?.code}`)),
              {
                once: true,
              },
            )
          })
        await once('loadeddata')
        if (!Number.isFinite(video.duration)) {
          const known = once('durationchange')
          video.currentTime = 1e9
          await known
        }
        const canvas = document.createElement('canvas')
        canvas.width = video.videoWidth
        canvas.height = video.videoHeight
        const ctx = canvas.getContext('2d') as CanvasRenderingContext2D
        const frames: string[] = []
        const pixels: Uint8ClampedArray[] = []
        for (const t of [0, video.duration / 2, video.duration - 0.05]) {
          const seeked = once('seeked')
          video.currentTime = t
          await seeked
          ctx.drawImage(video, 0, 0)
          frames.push(canvas.toDataURL('image/png'))
          pixels.push(ctx.getImageData(0, 0, canvas.width, canvas.height).data)
        }
        const [first, last] = [pixels[0], pixels[2]]
        let differing = 0
        for (let i = 0; first && last && i < first.length; i += 4) {
          if (Math.abs((first[i] ?? 0) - (last[i] ?? 0)) > 24) differing++
        }
        return {
          width: video.videoWidth,
          height: video.videoHeight,
          duration: video.duration,
          frames,
          isMoving: differing > 50,
        }
      },
      { base64: bytes.toString('base64'), type },
    )
  } finally {
    await blank.close()
  }
}

/** The GIF's logical screen size and its number of frames (image descriptors), from its blocks. */
function gifInfo(bytes: Buffer): {
  signature: string
  width: number
  height: number
  frames: number
} {
  const signature = bytes.toString('latin1', 0, 6)
  const width = bytes.readUInt16LE(6)
  const height = bytes.readUInt16LE(8)
  const flags = bytes[10] ?? 0
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0)
  const skipSubBlocks = (): void => {
    while ((bytes[at] ?? 0) !== 0) at += (bytes[at] ?? 0) + 1
    at += 1
  }
  let frames = 0
  while (at < bytes.length) {
    const block = bytes[at]
    if (block === 0x3b) break
    if (block === 0x21) {
      at += 2
      skipSubBlocks()
    } else if (block === 0x2c) {
      frames++
      const local = bytes[at + 9] ?? 0
      at += 10 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0)
      at += 1 // LZW minimum code size
      skipSubBlocks()
    } else {
      throw new Error(`unexpected GIF block 0x${(block ?? 0).toString(16)} at ${at}`)
    }
  }
  return { signature, width, height, frames }
}

const savePng = (dataUrl: string, path: string): void =>
  writeFileSync(path, Buffer.from(dataUrl.replace(/^data:image\/png;base64,/, ''), 'base64'))

describe('recording a clip of the map', () => {
  const session = dashboardSession()

  it('opens a dialog from the map with the shown day, one hour a second, 720p, 30 fps and MP4', async () => {
    const { page } = session
    const button = page.getByRole('button', { name: 'Record clip' })
    await button.click()
    const dialog = clipDialog(page)
    await expect.poll(() => dialog.isVisible()).toBe(true)
    const from = await dialog.getByLabel('From (UTC)').inputValue()
    expect(from).toMatch(/T00:00$/)
    expect(await dialog.getByLabel('To (UTC)').inputValue()).toBe(plusHours(from, 24))
    expect(await dialog.getByLabel('Frame rate').inputValue()).toBe('30')
    expect(await dialog.getByLabel('Format').inputValue()).toBe('mp4')
    expect(await dialog.locator('.kr-clip-summary').textContent()).toBe(
      '720 frames at 30 fps, 24 s of video, 1280x720.',
    )
    expect(
      await dialog.getByLabel('From (UTC)').evaluate((el) => el === document.activeElement),
    ).toBe(true)
    const result = await new AxeBuilder({ page }).include('.kr-clip-dialog').analyze()
    expect(
      result.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`)),
    ).toEqual([])
    await page.screenshot({ path: `${SCREENSHOT_DIR}/clip-dialog.png` })
    await page.keyboard.press('Escape')
    await expect.poll(() => dialog.count()).toBe(0)
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true)
  })

  it('records a 1080p MP4 (H.264) that plays at that size for exactly frames / fps seconds', async () => {
    const { page } = session
    const { name, bytes } = await recordShortClip(page, 'mp4', '1920x1080')
    expect(name).toMatch(
      /^keyroute-citizenlab-2020-[a-z0-9-]+-seed\d+-\d{8}T\d{4}Z-\d{8}T\d{4}Z\.mp4$/,
    )
    expect(bytes.toString('latin1', 4, 8)).toBe('ftyp')
    // H.264 at a level that allows 1080p30 (4.0), not a fallback to WebM.
    expect(await clipDialog(page).getByRole('status').textContent()).toMatch(/avc1\.[0-9a-f]{4}28/)
    const played = await play(page, bytes, 'video/mp4')
    expect({ width: played.width, height: played.height }).toEqual({ width: 1920, height: 1080 })
    expect(played.duration).toBeCloseTo(FRAMES / FPS, 6)
    expect(played.isMoving).toBe(true)
    await page.screenshot({ path: `${SCREENSHOT_DIR}/clip-done.png` })
    played.frames.forEach((frame, i) => savePng(frame, `${SCREENSHOT_DIR}/clip-mp4-${i}.png`))
  })

  it('records a WebM at 1280x720 that plays for exactly frames / fps seconds', async () => {
    const { page } = session
    const { name, bytes } = await recordShortClip(page, 'webm')
    expect(name).toMatch(/\.webm$/)
    expect(bytes.readUInt32BE(0)).toBe(0x1a45dfa3)
    const played = await play(page, bytes, 'video/webm')
    expect({ width: played.width, height: played.height }).toEqual({ width: 1280, height: 720 })
    expect(played.duration).toBeCloseTo(FRAMES / FPS, 6)
    expect(played.isMoving).toBe(true)
  })

  it('records a looping GIF at 960x540 with one frame per tenth of a clip second', async () => {
    const { page } = session
    const { name, bytes } = await recordShortClip(page, 'gif')
    expect(name).toMatch(/\.gif$/)
    expect(gifInfo(bytes)).toEqual({
      signature: 'GIF89a',
      width: 960,
      height: 540,
      frames: CLIP_HOURS * 10,
    })
    const blank = await page.context().newPage()
    const first = await blank.evaluate(async (base64) => {
      const img = new Image()
      img.src = `data:image/gif;base64,${base64}`
      await img.decode()
      const canvas = Object.assign(document.createElement('canvas'), { width: 960, height: 540 })
      canvas.getContext('2d')?.drawImage(img, 0, 0)
      return canvas.toDataURL('image/png')
    }, bytes.toString('base64'))
    await blank.close()
    savePng(first, `${SCREENSHOT_DIR}/clip-gif-0.png`)
  })

  it('cancels a long recording from the dialog, and nothing is downloaded', async () => {
    const { page } = session
    const dialog = clipDialog(page)
    const from = await dialog.getByLabel('From (UTC)').inputValue()
    await dialog.getByLabel('To (UTC)').fill(plusHours(from, 24))
    await dialog.getByLabel('Format').selectOption('mp4')
    let downloads = 0
    page.on('download', () => downloads++)
    await dialog.getByRole('button', { name: 'Record' }).click()
    const progress = dialog.getByRole('progressbar', { name: 'Recording' })
    await expect.poll(async () => Number(await progress.getAttribute('value'))).toBeGreaterThan(2)
    // The page keeps working while frames are made: the side panel's tabs still answer.
    await page.getByRole('tab', { name: 'Charts' }).click()
    await dialog.getByRole('button', { name: 'Cancel' }).click()
    await expect.poll(() => progress.count()).toBe(0)
    await expect.poll(() => dialog.getByRole('button', { name: 'Record' }).isEnabled()).toBe(true)
    expect(downloads).toBe(0)
    expect(remoteRequests(session.requests)).toEqual([])
    expect(session.pageErrors).toEqual([])
  })

  it('records in real time through MediaRecorder where WebCodecs is missing, and says so', async () => {
    const page = await session.context.newPage()
    try {
      await page.addInitScript(() => {
        Reflect.deleteProperty(window, 'VideoEncoder')
      })
      await page.goto(inject('baseUrl'))
      await waitForRunDone(page)
      const { name, bytes } = await recordShortClip(page, 'webm')
      expect(name).toMatch(/\.webm$/)
      expect(await clipDialog(page).locator('.kr-clip-note').first().textContent()).toMatch(
        /no WebCodecs video encoder: the clip was recorded in real time/,
      )
      const played = await play(page, bytes, 'video/webm')
      expect({ width: played.width, height: played.height }).toEqual({ width: 1280, height: 720 })
      // Real time: the recorder stamps frames by the clock, so the length is about frames / fps.
      expect(Math.abs(played.duration - FRAMES / FPS)).toBeLessThan(0.5)
    } finally {
      await page.close()
    }
  })
})
