/**
 * npm run render: writes the app's own exports (map image, chart SVG, clip, a briefing's chapters)
 * from the command line, for batches of slides. It drives the built app in headless Chromium (the
 * browser the tests find, with their offline flags), clicks the same buttons a user would and
 * saves the download, so a rendered file is the button's file. Builds the app first when there is
 * no build. Every argument is checked before the build or the browser starts.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import type { Page } from 'playwright-core'
import { preview } from 'vite'
import { isClipFormat, parseRenderArgs, renderUsage } from '../src/cli/render-args'
import type { RenderOptions } from '../src/cli/render-args'
import { runMain } from '../src/cli/run-main'
import { SourceError, loadScenarioSource } from '../src/cli/scenario-source'
import { UsageError } from '../src/cli/sim-args'
import { BRIEFINGS } from '../src/sim/presets/briefings'
import { parseBriefingText } from '../src/sim/briefing'
import { utcDayMs } from '../src/sim/dates'
import { createRun } from '../src/sim/engine'
import { PRESET_IDS } from '../src/sim/presets/scenarios'
import type { PresetId } from '../src/sim/presets/scenarios'
import { resolveScenario } from '../src/sim/scenario'
import { withRunChoices } from '../src/sim/run-choices'
import type { Scenario } from '../src/sim/scenario'
import { briefingLinkOf } from '../src/store/briefing-sources'
import { formatUrlState } from '../src/store/url-state'
import { CLIP_FPS, CLIP_SPEEDS } from '../src/ui/export/clip-timing'
import { SLIDE_SIZES } from '../src/ui/export/scene-text'
import { buildIfNeeded } from './build-if-needed'
import { CHROMIUM_ARGS, findBrowser } from './find-browser'
import { chooseClip, chooseImage, openBriefingFile, saveDownload } from './render-page'

const DIST = resolve('dist')

// The command accepts exactly what the app's export controls offer.
const OFFER = { sizes: SLIDE_SIZES, fps: CLIP_FPS, speeds: CLIP_SPEEDS }

/** Minutes from the scenario's start to the start of its busiest step (most participants). */
export function busiestMinutes(scenario: Scenario): number {
  const run = createRun(resolveScenario(scenario))
  let best = { minutes: 0, active: -1 }
  while (!run.isDone)
    for (const step of run.advance(48))
      if (step.activeParticipants > best.active)
        best = { minutes: step.startMinutes, active: step.activeParticipants }
  return best.minutes
}

function minutesAt(scenario: Scenario, at: string): number {
  const minutes = (Date.parse(at) - utcDayMs(scenario.startDate)) / 60_000
  if (minutes < 0 || minutes > scenario.days * 1440)
    throw new UsageError(
      `--at ${at} is outside the scenario (${scenario.startDate}, ${scenario.days} days)`,
    )
  return minutes
}

/** Serves dist/ on loopback (a free port), building the app first when there is no build. */
async function serveBuild(): Promise<{ url: string; close: () => Promise<void> }> {
  await buildIfNeeded(DIST, (line) => console.error(`render: ${line}`))
  const server = await preview({
    logLevel: 'warn',
    preview: { host: '127.0.0.1', port: 4180, strictPort: false, open: false },
  })
  const url = server.resolvedUrls?.local[0]
  if (!url) throw new Error('the preview server reported no local URL')
  return { url, close: () => server.close() }
}

/** What the page opens: a link, and for a scenario file the file to import there. */
interface Target {
  readonly hash: string
  readonly importFile?: string
  readonly briefingFile?: string
  /** A chapter of a briefing file to go to once it is presented (from 1). */
  readonly chapter?: number
}

async function targetOf(options: RenderOptions, workDir: string): Promise<Target> {
  if (options.briefing !== undefined) {
    const known = BRIEFINGS.find((b) => b.id === options.briefing)
    if (known) return { hash: `#${briefingLinkOf(known.id, (options.chapter ?? 1) - 1)}` }
    const parsed = parseBriefingText(readFileSync(options.briefing, 'utf8'))
    if (!parsed.ok)
      throw new SourceError(
        `${options.briefing}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
      )
    return { hash: '', briefingFile: resolve(options.briefing), chapter: options.chapter ?? 1 }
  }
  const source = options.source ?? ''
  const parsed = await loadScenarioSource(source)
  if (!parsed.ok)
    throw new SourceError(
      `${source}: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    )
  const scenario = withRunChoices(parsed.scenario, {
    ...(options.policy ? { policy: options.policy } : {}),
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  })
  const timeMinutes =
    options.at !== undefined ? minutesAt(scenario, options.at) : busiestMinutes(scenario)
  if ((PRESET_IDS as readonly string[]).includes(source)) {
    const link = formatUrlState({
      presetId: source as PresetId,
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.seed === undefined ? {} : { seed: options.seed }),
      timeMinutes,
    })
    return { hash: `#${link}` }
  }
  const file = join(workDir, 'scenario.json')
  writeFileSync(file, JSON.stringify(scenario))
  return { hash: `#t=${timeMinutes}`, importFile: file }
}

async function openTarget(page: Page, baseUrl: string, target: Target): Promise<void> {
  await page.goto(`${baseUrl}${target.hash}`)
  if (target.importFile)
    await page.getByLabel('Import scenario file').setInputFiles(target.importFile)
  if (target.briefingFile) await openBriefingFile(page, target.briefingFile, target.chapter ?? 1)
}

async function render(argv: readonly string[]): Promise<number> {
  let options: RenderOptions
  try {
    options = parseRenderArgs(argv, OFFER)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`render: ${error.message}`)
    return 2
  }
  if (options.isHelp) {
    console.log(renderUsage(OFFER))
    return 0
  }
  const workDir = mkdtempSync(join(tmpdir(), 'keyroute-render-'))
  try {
    const target = await targetOf(options, workDir)
    const server = options.appUrl === undefined ? await serveBuild() : null
    const baseUrl = options.appUrl ?? server?.url ?? ''
    const context = await chromium.launchPersistentContext(join(workDir, 'profile'), {
      executablePath: findBrowser(),
      args: CHROMIUM_ARGS,
      viewport: { width: 1280, height: 720 },
      acceptDownloads: true,
    })
    try {
      const page = await context.newPage()
      await openTarget(page, baseUrl, target)
      const download = isClipFormat(options.format)
        ? await chooseClip(page, options)
        : await chooseImage(page, options)
      const bytes = await saveDownload(download, resolve(options.out))
      console.error(`render: wrote ${options.out} (${bytes} bytes)`)
    } finally {
      await context.close()
      await server?.close()
    }
    return 0
  } catch (error) {
    if (error instanceof SourceError || error instanceof UsageError) {
      console.error(`render: ${error.message}`)
      return 1
    }
    throw error
  } finally {
    rmSync(workDir, { recursive: true, force: true })
  }
}

runMain('render', render)
