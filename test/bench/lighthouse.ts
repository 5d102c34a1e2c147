/**
 * Lighthouse benchmark (not a test: slow, and its performance score varies run to run on a busy
 * machine). Builds the app if dist/ is missing or older than its sources (or takes another build
 * with --dist=DIR), serves it on loopback, runs Lighthouse's desktop preset in the Chromium the
 * browser tests find, with their flags that keep the browser offline, and prints, per run and as
 * the median of the runs, the four category scores, then the audits that lost points, then, as
 * its last line, one JSON object. Run: npm run lighthouse [-- --runs=3] [-- --dist=DIR]
 */
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { preview } from 'vite'
import { buildIfNeeded } from '../../build/build-if-needed'
import { CHROMIUM_ARGS, findBrowser } from '../../build/find-browser'

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const
type Category = (typeof CATEGORIES)[number]
type Scores = Record<Category, number>

/** The parts of a Lighthouse JSON report this script reads. */
interface LighthouseReport {
  readonly categories: Record<
    Category,
    { readonly score: number | null; readonly auditRefs: readonly { id: string; weight: number }[] }
  >
  readonly audits: Record<
    string,
    {
      readonly title: string
      readonly score: number | null
      readonly details?: { readonly items?: readonly { readonly node?: { selector?: string } }[] }
    }
  >
}

interface LostAudit {
  readonly category: Category
  readonly id: string
  readonly title: string
  readonly score: number
  /** The elements an accessibility or best-practices audit names (selectors), if any. */
  readonly nodes: readonly string[]
}

function option(name: string): string | undefined {
  const prefix = `--${name}=`
  return process.argv.find((a) => a.startsWith(prefix))?.slice(prefix.length)
}

/** Lighthouse's --chrome-flags value: the browser tests' offline flags, quoted where needed. */
function chromeFlags(): string {
  return CHROMIUM_ARGS.map((flag) => {
    const eq = flag.indexOf('=')
    return eq > 0 && flag.includes(' ') ? `${flag.slice(0, eq)}="${flag.slice(eq + 1)}"` : flag
  }).join(' ')
}

async function runLighthouse(url: string, reportPath: string): Promise<LighthouseReport> {
  const cli = createRequire(import.meta.url).resolve('lighthouse/cli/index.js')
  await promisify(execFile)(
    process.execPath,
    [
      cli,
      url,
      '--preset=desktop',
      '--quiet',
      '--output=json',
      `--output-path=${reportPath}`,
      `--chrome-flags=${chromeFlags()}`,
    ],
    {
      env: { ...process.env, CHROME_PATH: findBrowser() },
      maxBuffer: 16 * 1024 * 1024,
    },
  )
  return JSON.parse(readFileSync(reportPath, 'utf8')) as LighthouseReport
}

function scoresOf(report: LighthouseReport): Scores {
  const out = {} as Scores
  for (const c of CATEGORIES) out[c] = report.categories[c].score ?? Number.NaN
  return out
}

/** Weighted audits scoring below 1 (a metric's score for performance), by category. */
function lostAudits(report: LighthouseReport): LostAudit[] {
  return CATEGORIES.flatMap((category) =>
    report.categories[category].auditRefs.flatMap((ref) => {
      const audit = report.audits[ref.id]
      if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) return []
      const nodes = (audit.details?.items ?? []).flatMap((item) =>
        item.node?.selector ? [item.node.selector] : [],
      )
      return [{ category, id: ref.id, title: audit.title, score: audit.score, nodes }]
    }),
  )
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const mid = Math.floor(sorted.length / 2)
  return sorted.length % 2
    ? (sorted[mid] ?? Number.NaN)
    : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2
}

const fmt = (scores: Scores): string =>
  CATEGORIES.map((c) => `${c} ${scores[c].toFixed(2)}`).join('  ')

async function main(): Promise<void> {
  const runs = Math.max(1, Number(option('runs') ?? 3))
  if (!Number.isInteger(runs)) throw new Error('--runs must be a whole number')
  const given = option('dist')
  const outDir = resolve(given ?? 'dist')
  if (given === undefined) await buildIfNeeded(outDir)
  else if (!existsSync(join(outDir, 'index.html'))) throw new Error(`${outDir} holds no index.html`)

  const server = await preview({
    build: { outDir },
    preview: { host: '127.0.0.1', port: 4176, strictPort: false, open: false },
    logLevel: 'warn',
  })
  const url = server.resolvedUrls?.local[0]
  const work = mkdtempSync(join(tmpdir(), 'keyroute-lighthouse-'))
  const all: Scores[] = []
  const lost = new Map<string, LostAudit & { runs: number }>()
  try {
    if (!url) throw new Error('the preview server reported no local URL')
    console.log(`Lighthouse desktop on ${url} (build: ${outDir}), ${runs} run(s)`)
    for (let i = 0; i < runs; i++) {
      const report = await runLighthouse(url, join(work, `report-${i}.json`))
      const scores = scoresOf(report)
      all.push(scores)
      console.log(`run ${i + 1}: ${fmt(scores)}`)
      for (const a of lostAudits(report)) {
        const key = `${a.category}/${a.id}`
        const seen = lost.get(key)
        lost.set(key, {
          ...a,
          score: Math.min(a.score, seen?.score ?? 1),
          runs: (seen?.runs ?? 0) + 1,
        })
      }
    }
  } finally {
    await server.close()
    rmSync(work, { recursive: true, force: true })
  }
  const medians = {} as Scores
  for (const c of CATEGORIES) medians[c] = median(all.map((s) => s[c]))
  console.log(`median: ${fmt(medians)}`)
  const failing = [...lost.values()]
  console.log(
    failing.length ? 'audits below 1 (lowest score, in how many runs):' : 'no audit lost points',
  )
  for (const a of failing)
    console.log(
      `  ${a.category}: ${a.id} (${a.title}) ${a.score.toFixed(2)}, ${a.runs}/${runs}` +
        a.nodes.map((n) => `\n    ${n}`).join(''),
    )
  console.log(JSON.stringify({ runs, build: outDir, median: medians, perRun: all, failing }))
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error))
  process.exit(1)
})
