/**
 * App side of the run-size estimate (not a test): builds the app, serves it on 127.0.0.1:4176,
 * imports synthetic worlds as scenario files in Debian's Chromium and times each run from the
 * import to "done", beside the estimate the app shows. Run: npm run bench:estimate-app
 */
import { build, preview } from 'vite'
import { parseScenario } from '../../src/sim/scenario'
import { estimateRun } from '../../src/sim/run-size'
import { openDashboard, waitForRunDone, watchNextRun } from '../e2e/browser'
import { syntheticScenario } from '../sim/synthetic-world'
import type { SyntheticSize } from '../sim/synthetic-world'

const PORT = 4176
const SIZES: SyntheticSize[] = [
  { sites: 100, cities: 1000, days: 30, joinsPerDay: 30 },
  { sites: 200, cities: 2000, days: 20, joinsPerDay: 30 },
  { sites: 500, cities: 5000, days: 10, joinsPerDay: 30 },
]

await build({ logLevel: 'warn' })
const server = await preview({
  preview: { port: PORT, strictPort: true, host: '127.0.0.1' },
  logLevel: 'warn',
})
const session = await openDashboard(`http://127.0.0.1:${PORT}/`)
try {
  const { page } = session
  for (const size of SIZES) {
    const input = syntheticScenario(size)
    const parsed = parseScenario(input)
    if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('; '))
    const estimate = estimateRun(parsed.scenario)
    const next = await watchNextRun(page)
    const started = Date.now()
    await page.getByLabel('Import scenario file').setInputFiles({
      name: `${input.id}.json`,
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(input)),
    })
    const run = page.getByRole('button', { name: 'Run', exact: true })
    if (await run.isVisible().catch(() => false)) await run.click()
    await next(900_000)
    await waitForRunDone(page, 900_000)
    const seconds = (Date.now() - started) / 1000
    console.log(
      `${size.sites} sites x ${size.cities} cities x ${size.days} days: estimated ${estimate.appSeconds.toFixed(1)} s in the app (engine ${estimate.expectedSeconds.toFixed(1)} s), measured ${seconds.toFixed(1)} s`,
    )
  }
} finally {
  await session.close()
  await server.close()
}
