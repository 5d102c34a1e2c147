import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { replicationThreadUrl } from '../../src/cli/replication-bundle'

describe('replication thread bundle', () => {
  // Every thread loads this file before its first replication: loading the scenario schema, the
  // built-in world's validation and zod with it cost each thread about 0.1 s of CPU.
  it('holds the engine without the schemas or zod', async () => {
    const result = await build({
      entryPoints: [fileURLToPath(new URL('../../src/cli/replication-thread.ts', import.meta.url))],
      bundle: true,
      format: 'esm',
      platform: 'node',
      write: false,
      metafile: true,
      logLevel: 'silent',
    })
    const inputs = Object.keys(result.metafile.inputs)
    expect(inputs.some((path) => path.endsWith('src/sim/engine.ts'))).toBe(true)
    expect(inputs.filter((path) => /zod|schema|presets\//.test(path))).toEqual([])
  })

  it('is the module the pool starts, built from the same sources', async () => {
    const code = await readFile(await replicationThreadUrl(), 'utf8')
    expect(code).toContain('parentPort')
    expect(code).not.toContain('safeParse')
  })
})
