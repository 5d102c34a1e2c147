/**
 * Writes test/sim/golden.json from the engine as it is now: `npm run golden`. Refuses to change a
 * pinned digest under the same engine version: bump ENGINE_VERSION first.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import type { Golden } from './golden'
import { GOLDEN_PATH, currentGolden } from './golden'

const golden = currentGolden()
const old = existsSync(GOLDEN_PATH)
  ? (JSON.parse(readFileSync(GOLDEN_PATH, 'utf8')) as Golden)
  : null
const changed = Object.keys(golden.digests).filter(
  (id) => old?.digests[id] !== undefined && old.digests[id] !== golden.digests[id],
)
if (old?.engineVersion === golden.engineVersion && changed.length > 0) {
  console.error(
    `the output of ${changed.join(', ')} changed under engine ${golden.engineVersion}: bump ENGINE_VERSION in src/sim/engine-version.ts, then run npm run golden again`,
  )
  process.exit(1)
}
writeFileSync(GOLDEN_PATH, `${JSON.stringify(golden, null, 2)}\n`)
console.log(`wrote ${GOLDEN_PATH} for engine ${golden.engineVersion}`)
