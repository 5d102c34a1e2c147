/**
 * Command line: build the offline pack, the whole dashboard as ONE self-contained HTML file that
 * opens from disk with no network (see build/pack.ts for what goes into it).
 *   npm run pack -- --out FILE.html
 * The build goes to a temporary folder; only the one file is written where --out says, creating
 * its folder when it does not exist yet.
 */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { runMain } from './run-main'

export const PACK_USAGE = `usage: npm run pack -- --out FILE.html
  --out FILE  where to write the one HTML file (its folder is created when missing)
  --help, -h  print this help`

/** A problem with the command line: one line, exit code 2. */
class UsageError extends Error {}

const ROOT = fileURLToPath(new URL('../../', import.meta.url))

/** The output path of the arguments (without node and the script), or null for --help. */
export function parsePackArgs(args: readonly string[]): string | null {
  let values: { out?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...args],
      options: { out: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return null
  if (values.out === undefined || values.out.trim() === '')
    throw new UsageError('--out FILE.html is required')
  const out = resolve(values.out)
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--out names a folder (${values.out}): give the HTML file's name`)
  return out
}

/** Builds the pack into a temporary folder and copies its one HTML file to `out`. */
export async function writePack(out: string): Promise<number> {
  // Loaded here, not at start: a bad command line is answered without loading the bundler.
  const [{ build }, { PACK_MODE }] = await Promise.all([
    import('vite'),
    import('../../build/pack.ts'),
  ])
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
    mkdirSync(dirname(out), { recursive: true })
    copyFileSync(join(outDir, 'index.html'), out)
    return statSync(out).size
  } finally {
    process.env.NODE_ENV = nodeEnv
    rmSync(outDir, { recursive: true, force: true })
  }
}

async function main(args: readonly string[]): Promise<number> {
  let out: string | null
  try {
    out = parsePackArgs(args)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`pack: ${error.message} (npm run pack -- --help)`)
    return 2
  }
  if (out === null) {
    console.log(PACK_USAGE)
    return 0
  }
  const bytes = await writePack(out)
  console.log(`pack: wrote ${out} (${Math.round(bytes / 1024)} kB)`)
  return 0
}

runMain('pack', main)
