/**
 * The Vite plugins of the offline pack (`vite build --mode pack`, driven by `npm run pack`): one
 * self-contained HTML file with the scripts, styles, worker, favicon and countries topology inside,
 * and a Content-Security-Policy that allows its inline code by hash and nothing from the network.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Plugin, PluginOption } from 'vite'
import { viteSingleFile } from 'vite-plugin-singlefile'
import {
  withEmptyBriefingBlock,
  withPackShell,
  OFFLINE_TEMPLATE_FILE,
} from '../src/sim/offline-page.ts'
import { CSP_DIRECTIVES, cspContent, withSources } from './csp.ts'
import type { CspDirectives } from './csp.ts'

/** The Vite mode of the pack build. */
export const PACK_MODE = 'pack'

/**
 * The served policy with every network source removed: a file opened from disk has no origin
 * ('self' would name file:// at best), so everything it runs is inline and allowed by hash.
 */
export const PACK_DIRECTIVES: CspDirectives = {
  ...CSP_DIRECTIVES,
  'script-src': [],
  // The worker's code is inlined and started from a Blob URL (start-worker-inline.ts).
  'worker-src': ['blob:'],
  // The basemap's countries topology is inlined as a data: URL, which the map fetches.
  'connect-src': ['data:'],
  'img-src': ['data:', 'blob:', 'https:'],
  'style-src': [],
}

const sha256 = (text: string): string =>
  `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`

/**
 * The hashes of the inline <script> and <style> elements of `html`, by directive. Data blocks
 * (`type="application/json"`, the briefing) are never run, so they need none.
 */
export function inlineHashes(html: string): { scripts: string[]; styles: string[] } {
  const of = (tag: string): string[] =>
    [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>([\\s\\S]*?)</${tag}>`, 'g'))]
      .filter((m) => !/\btype="application\/json"/.test(m[1] ?? ''))
      .map((m) => m[2] ?? '')
      .filter((code) => code !== '')
      .map(sha256)
  return { scripts: of('script'), styles: of('style') }
}

/** `html` with the pack's policy, hashes included, as the first element of its head. */
export function withPackCsp(html: string): string {
  const { scripts, styles } = inlineHashes(html)
  const policy = cspContent(
    withSources(PACK_DIRECTIVES, { 'script-src': scripts, 'style-src': styles }),
  )
  return html.replace(
    /<head>/,
    `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`,
  )
}

const START_WORKER = fileURLToPath(new URL('../src/worker/start-worker.ts', import.meta.url))
const START_WORKER_INLINE = fileURLToPath(
  new URL('../src/worker/start-worker-inline.ts', import.meta.url),
)
const FAVICON = fileURLToPath(new URL('../public/favicon.svg', import.meta.url))

/** Starts the worker from inlined code rather than from a file of the page's origin. */
function inlineWorker(): Plugin {
  return {
    name: 'keyroute-pack-worker',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!importer || !source.includes('start-worker')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved?.id === START_WORKER ? START_WORKER_INLINE : null
    },
  }
}

/**
 * Once everything is inlined: the favicon as a data: URL, an empty briefing block (filled by
 * `npm run pack -- --briefing` and by the app's "Download offline briefing"), the policy, and the
 * shell from which the page can write itself again (offline-page.ts).
 */
function packHtml(): Plugin {
  const favicon = `data:image/svg+xml;base64,${readFileSync(FAVICON).toString('base64')}`
  return {
    name: 'keyroute-pack-html',
    enforce: 'post',
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        for (const file of Object.values(bundle)) {
          if (file.type !== 'asset' || !file.fileName.endsWith('.html')) continue
          const html = String(file.source).replace(
            /(<link rel="icon" href=")[^"]*(")/,
            `$1${favicon}$2`,
          )
          file.source = withPackShell(withPackCsp(withEmptyBriefingBlock(html)))
        }
      },
    },
  }
}

/** The pack's plugins, in order: the worker swap, inlining, then favicon and policy. */
export function packPlugins(): PluginOption[] {
  return [inlineWorker(), viteSingleFile({ removeViteModuleLoader: true }), packHtml()]
}

const ROOT = fileURLToPath(new URL('../', import.meta.url))

/**
 * Builds the pack (with an empty briefing block) into a temporary folder and returns its one
 * HTML file's text. Vite is loaded here, not at start, so a command that fails early never loads it.
 */
export async function buildPackHtml(): Promise<string> {
  const { build } = await import('vite')
  const outDir = mkdtempSync(join(tmpdir(), 'keyroute-pack-'))
  // Vite keeps a NODE_ENV it finds (a test runner sets "test"): the pack is the production app.
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      mode: PACK_MODE,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, copyPublicDir: false },
    })
    return readFileSync(join(outDir, 'index.html'), 'utf8')
  } finally {
    process.env.NODE_ENV = nodeEnv
    rmSync(outDir, { recursive: true, force: true })
  }
}

/**
 * Writes the pack beside the served build's index.html as {@link OFFLINE_TEMPLATE_FILE}: the
 * served app fills its briefing block for "Download offline briefing" (the pack needs its own
 * build: a classic worker inlined, no origin).
 */
export function offlineTemplatePlugin(): Plugin {
  let pack: Promise<string> | null = null
  return {
    name: 'keyroute-offline-template',
    apply: 'build',
    // Started with the served build rather than after it: the two share the machine's cores.
    buildStart() {
      pack = buildPackHtml()
      // A served build that fails first never awaits it; its own failure is reported then.
      pack.catch(() => undefined)
    },
    async generateBundle() {
      if (!pack) throw new Error('the offline page was not started')
      this.emitFile({ type: 'asset', fileName: OFFLINE_TEMPLATE_FILE, source: await pack })
    },
  }
}
