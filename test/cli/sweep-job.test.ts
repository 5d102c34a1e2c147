import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'

interface JobManifest {
  readonly kind: string
  readonly spec: {
    readonly completionMode: string
    readonly completions: number
    readonly parallelism: number
    readonly template: {
      readonly spec: {
        readonly containers: readonly {
          readonly workingDir: string
          readonly command: readonly string[]
        }[]
      }
    }
  }
}

const manifest = parse(readFileSync('deploy/sweep-job.yaml', 'utf8')) as JobManifest

/** Runs `sh -c script` in the repository (the image's working directory) and resolves its exit. */
function sh(
  script: string,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', script], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code, stderr }))
  })
}

describe('deploy/sweep-job.yaml', () => {
  const { spec } = manifest
  const container = spec.template.spec.containers[0]
  const [shell, flag, script = ''] = container?.command ?? []

  it('is an Indexed Job of n completions whose container runs shard JOB_COMPLETION_INDEX+1 of n', () => {
    expect(manifest.kind).toBe('Job')
    expect(spec.completionMode).toBe('Indexed')
    expect(spec.parallelism).toBeGreaterThanOrEqual(1)
    expect([shell, flag]).toEqual(['sh', '-c'])
    expect(script).toContain(`--shard $((JOB_COMPLETION_INDEX+1))/${spec.completions} `)
    expect(script).toContain('--csv /out/shard-$JOB_COMPLETION_INDEX.csv')
    expect(container?.workingDir).toBe('/app')
  })

  it('runs as n local shards that merge into exactly what one unsharded run writes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'keyroute-job-'))
    // Only the output directory changes; the image's working directory is this repository.
    const local = script.replaceAll('/out/', `${dir}/`)
    const n = spec.completions
    const shards = await Promise.all(
      Array.from({ length: n }, (_, i) => sh(local, { JOB_COMPLETION_INDEX: String(i) })),
    )
    for (const shard of shards) expect(shard.code, shard.stderr).toBe(0)
    const files = Array.from({ length: n }, (_, i) => join(dir, `shard-${i}.csv`))
    const merged = await sh(
      `npm run sweep -- merge ${files.reverse().join(' ')} --csv ${dir}/merged.csv`,
    )
    expect(merged.code, merged.stderr).toBe(0)
    const whole = local.replace(/--shard \S+/, '').replace(/--csv \S+/, `--csv ${dir}/whole.csv`)
    const unsharded = await sh(whole)
    expect(unsharded.code, unsharded.stderr).toBe(0)
    const expected = readFileSync(join(dir, 'whole.csv'))
    expect(readFileSync(join(dir, 'merged.csv')).equals(expected)).toBe(true)
    // The merge states the same threshold brackets as the unsharded run.
    const brackets = (stderr: string) =>
      stderr.split('\n').filter((l) => l.includes('keys from a jurisdiction of concern'))
    expect(brackets(merged.stderr).length).toBe(2)
    expect(brackets(merged.stderr)).toEqual(brackets(unsharded.stderr))
    // Every shard held some rows: the merge really put several files together.
    for (const file of files)
      expect(readFileSync(file, 'utf8').split('\r\n').length).toBeGreaterThan(2)
  })
})
