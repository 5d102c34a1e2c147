/**
 * Command line: build the offline pack, the whole dashboard as ONE self-contained HTML file that
 * opens from disk with no network (see build/pack.ts for what goes into it).
 *   npm run pack -- [--briefing FILE] --out FILE.html
 * The briefing file is checked first: a bad one is reported, every error with its path, and
 * nothing is built or written. The build goes to a temporary folder; only the one file is written
 * where --out says, creating its folder when it does not exist yet.
 */
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { parseBriefingText } from '../sim/briefing'
import { withBriefingBlock } from '../sim/offline-page'
import type { ScenarioError } from '../sim/scenario'
import { runMain } from './run-main'

export const PACK_USAGE = `usage: npm run pack -- [--briefing FILE] --out FILE.html
  --briefing FILE  a briefing file to carry (checked first); without it, the built-in briefing only
  --out FILE       where to write the one HTML file (its folder is created when missing)
  --help, -h       print this help`

/** A problem with the command line: one line, exit code 2. */
class UsageError extends Error {}

/** What the command line asks for; null for --help. */
export interface PackArgs {
  readonly out: string
  readonly briefing: string | null
}

/** The command line's choices (without node and the script), or null for --help. */
export function parsePackArgs(args: readonly string[]): PackArgs | null {
  let values: { out?: string; briefing?: string; help?: boolean }
  try {
    ;({ values } = parseArgs({
      args: [...args],
      options: {
        out: { type: 'string' },
        briefing: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }))
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error))
  }
  if (values.help) return null
  if (values.out === undefined || values.out.trim() === '')
    throw new UsageError('--out FILE.html is required')
  if (values.briefing !== undefined && values.briefing.trim() === '')
    throw new UsageError('--briefing needs a file name')
  const out = resolve(values.out)
  if (statSync(out, { throwIfNoEntry: false })?.isDirectory())
    throw new UsageError(`--out names a folder (${values.out}): give the HTML file's name`)
  return { out, briefing: values.briefing ?? null }
}

/** The briefing file's data as written (for the page to read), or every problem with it. */
export function readBriefingFile(
  path: string,
): { readonly data: unknown } | { readonly errors: readonly ScenarioError[] } {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)
    return { errors: [{ path: '(file)', message: why }] }
  }
  const parsed = parseBriefingText(text)
  // The page carries the file as written, defaults left out, and parses it as an import would.
  return parsed.ok ? { data: JSON.parse(text) as unknown } : { errors: parsed.errors }
}

/** Builds the pack, with `briefing` in its data block when given, and writes it to `out`. */
export async function writePack(out: string, briefing: unknown = null): Promise<number> {
  // Loaded here, not at start: a bad command line or briefing is answered without the bundler.
  const { buildPackHtml } = await import('../../build/pack.ts')
  const html = withBriefingBlock(await buildPackHtml(), briefing)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, html)
  return Buffer.byteLength(html)
}

async function main(args: readonly string[]): Promise<number> {
  let options: PackArgs | null
  try {
    options = parsePackArgs(args)
  } catch (error) {
    if (!(error instanceof UsageError)) throw error
    console.error(`pack: ${error.message} (npm run pack -- --help)`)
    return 2
  }
  if (options === null) {
    console.log(PACK_USAGE)
    return 0
  }
  let briefing: unknown = null
  if (options.briefing !== null) {
    const read = readBriefingFile(options.briefing)
    if ('errors' in read) {
      const lines = read.errors.map((e) => `  ${e.path}: ${e.message}`)
      console.error([`pack: ${options.briefing} is not a valid briefing:`, ...lines].join('\n'))
      return 1
    }
    briefing = read.data
  }
  const bytes = await writePack(options.out, briefing)
  console.log(`pack: wrote ${options.out} (${Math.round(bytes / 1024)} kB)`)
  return 0
}

runMain('pack', main)
