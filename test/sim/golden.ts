/**
 * Golden output: a digest of each preset's whole result at its own seed, pinned to the engine
 * version in golden.json. Regenerate with `npm run golden` when the engine's output changes on
 * purpose, in the same commit as the ENGINE_VERSION bump.
 */
import { createRun } from '../../src/sim/engine'
import { ENGINE_VERSION } from '../../src/sim/engine-version'
import { canonicalJson, hashText } from '../../src/sim/hash'
import { PRESETS, PRESET_IDS } from '../../src/sim/presets/scenarios'
import type { PresetId } from '../../src/sim/presets/scenarios'
import { parseScenario, resolveScenario } from '../../src/sim/scenario'
import { finishWithSeries } from './series'

/** Path of the committed digests, from the repository root. */
export const GOLDEN_PATH = 'test/sim/golden.json'

/** What golden.json holds. */
export interface Golden {
  readonly engineVersion: string
  readonly digests: Readonly<Record<string, string>>
}

/**
 * Digest of a preset's whole RunResult at the preset's own seed, with the per-step series results
 * carried up to engine 1.5.0 (canonical JSON, hashed): every figure the digests pinned stays pinned.
 */
export function presetDigest(id: PresetId): string {
  const parsed = parseScenario(PRESETS[id])
  if (!parsed.ok) throw new Error(`preset ${id} is invalid: ${JSON.stringify(parsed.errors)}`)
  const resolved = resolveScenario(parsed.scenario)
  return hashText(
    canonicalJson(finishWithSeries(createRun(resolved), resolved.scenario.stepMinutes)),
  )
}

/** The golden file's content for the engine as it is now. */
export function currentGolden(): Golden {
  const digests: Record<string, string> = {}
  for (const id of PRESET_IDS) digests[id] = presetDigest(id)
  return { engineVersion: ENGINE_VERSION, digests }
}
