/**
 * The replication thread's code as one plain JavaScript file, so a thread starts by loading one
 * module instead of registering tsx and transforming the engine's sources one by one (measured
 * on citizenlab-2020: about 0.45 s per thread through tsx, 0.13 s from the bundle). The bundle is
 * built once with esbuild (tsx's own dependency) and kept in the temporary directory, named by a
 * hash of every source it was built from, so later commands reuse it until a source changes.
 */
import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

/** The thread's entry, as a file path. */
const ENTRY = fileURLToPath(new URL('./replication-thread.ts', import.meta.url))

/** What the cache remembers of the last build: the files it read and the hash they had. */
interface Manifest {
  readonly inputs: readonly string[]
  readonly key: string
}

function sha256(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex')
}

/** One hash over the build tool's version and each input's path and bytes. */
function keyOf(version: string, inputs: readonly string[]): string {
  const hash = createHash('sha256').update(version)
  for (const path of inputs) hash.update(`\0${path}\0`).update(readFileSync(path))
  return hash.digest('hex').slice(0, 24)
}

/**
 * Per user and per checkout (engineers share a machine's temporary directory), private to the
 * user, since the threads run what it holds.
 */
function cacheDir(): string {
  const user = process.getuid?.() ?? 'user'
  const dir = join(tmpdir(), `keyroute-threads-${user}-${sha256(ENTRY).slice(0, 12)}`)
  mkdirSync(dir, { recursive: true, mode: 0o700 })
  return dir
}

/** Writes through a temporary name and a rename, so a concurrent command never reads half. */
function writeAtomically(path: string, text: string): void {
  const temporary = `${path}.${process.pid}.tmp`
  writeFileSync(temporary, text, { mode: 0o600 })
  renameSync(temporary, path)
}

function cachedBundle(dir: string, version: string): string | null {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest
    if (keyOf(version, manifest.inputs) !== manifest.key) return null
    const path = join(dir, `thread-${manifest.key}.mjs`)
    return existsSync(path) ? path : null
  } catch {
    return null
  }
}

async function buildBundle(): Promise<URL> {
  const { build, version } = await import('esbuild')
  const dir = cacheDir()
  const cached = cachedBundle(dir, version)
  if (cached !== null) return pathToFileURL(cached)
  const output = await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    write: false,
    metafile: true,
    logLevel: 'silent',
    absWorkingDir: dir,
  })
  const code = output.outputFiles[0]?.text
  if (code === undefined) throw new Error('esbuild gave no output for the replication thread')
  const inputs = Object.keys(output.metafile.inputs)
    .map((path) => resolve(dir, path))
    .sort()
  const key = keyOf(version, inputs)
  const path = join(dir, `thread-${key}.mjs`)
  writeAtomically(path, code)
  writeAtomically(join(dir, 'manifest.json'), JSON.stringify({ inputs, key } satisfies Manifest))
  return pathToFileURL(path)
}

let bundle: Promise<URL> | null = null

/**
 * The file URL of the bundled replication thread, built at most once per process (and reused
 * from the cache across processes while no source changed).
 */
export function replicationThreadUrl(): Promise<URL> {
  bundle ??= buildBundle()
  return bundle
}
