import { spawnSync } from 'node:child_process'
import { expect } from 'vitest'

/** Runs the sim command as a user would, with `input` on standard input if given. */
export function simWith(input: string | undefined, args: string[]) {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], {
    encoding: 'utf8',
    // A CLI that blocks on its input fails the test instead of hanging it.
    timeout: 30_000,
    ...(input === undefined ? {} : { input }),
  })
  return { code: result.status, stdout: result.stdout, stderr: result.stderr }
}

/** Runs the sim command with nothing on standard input. */
export function sim(...args: string[]) {
  return simWith(undefined, args)
}

/** Every line of stderr starts with "sim:" and none is a stack frame. */
export function expectOneLineError(stderr: string, pattern: RegExp) {
  const lines = stderr.trim().split('\n')
  expect(lines).toHaveLength(1)
  expect(lines[0]).toMatch(pattern)
  expect(stderr).not.toMatch(/\n\s+at /)
}
