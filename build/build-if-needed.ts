/**
 * Builds the app into a folder when it holds no build or one older than the sources: what the
 * Lighthouse run and `npm run render` do before serving the build.
 */
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { build } from 'vite'

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'build', 'package-lock.json']

function newestMtimeMs(path: string): number {
  if (!existsSync(path)) return 0
  const stat = statSync(path)
  if (!stat.isDirectory()) return stat.mtimeMs
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestMtimeMs(join(path, name))))
}

/** Builds into `outDir` unless its build is newer than every source; says so on `log`. */
export async function buildIfNeeded(
  outDir: string,
  log: (line: string) => void = console.log,
): Promise<void> {
  const built = existsSync(join(outDir, 'index.html')) ? newestMtimeMs(outDir) : 0
  if (built > Math.max(...SOURCES.map(newestMtimeMs))) return
  log(`building into ${outDir} …`)
  // As in the browser tests: a NODE_ENV left at "development" would build React's dev bundle.
  process.env.NODE_ENV = 'production'
  await build({ mode: 'production', logLevel: 'warn', build: { outDir, emptyOutDir: true } })
}
