import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const SRC = resolve('src')
/** Layers from top to bottom: a file may import its own layer or any layer below it. */
const LAYERS = ['ui', 'store', 'worker', 'sim'] as const
type Layer = (typeof LAYERS)[number]

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? files(path) : /\.(ts|tsx)$/.test(name) ? [path] : []
  })
}

function layerOf(path: string): Layer | 'entry' | 'cli' {
  const top = relative(SRC, path).split('/')[0] ?? ''
  if ((LAYERS as readonly string[]).includes(top)) return top as Layer
  return top === 'cli' ? 'cli' : 'entry'
}

function imports(text: string): { spec: string; isTypeOnly: boolean }[] {
  const out: { spec: string; isTypeOnly: boolean }[] = []
  const re =
    /^\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm
  for (const m of text.matchAll(re)) {
    out.push({ spec: (m[3] ?? m[4] ?? m[5]) as string, isTypeOnly: Boolean(m[2]) })
  }
  return out
}

const sources = files(SRC).map((path) => ({ path, text: readFileSync(path, 'utf8') }))

describe('architecture', () => {
  it('finds the source files', () => {
    expect(sources.length).toBeGreaterThan(10)
  })

  it('imports only downward: ui -> store -> worker -> sim, and cli only sim', () => {
    const violations: string[] = []
    for (const { path, text } of sources) {
      const from = layerOf(path)
      for (const { spec } of imports(text)) {
        if (!spec.startsWith('.')) continue
        const to = layerOf(resolve(path, '..', spec))
        // A file may import its own layer (the CLI's entry and its argument module too).
        if (from === 'entry' || to === 'entry' || from === to) continue
        const fromRank = from === 'cli' ? LAYERS.indexOf('sim') - 0.5 : LAYERS.indexOf(from)
        const toRank = to === 'cli' ? -1 : LAYERS.indexOf(to)
        if (to === 'cli' || toRank < fromRank) {
          violations.push(
            `${relative(SRC, path)} (${from}) imports ${spec} (${to}): layers import only downward`,
          )
        }
      }
    }
    expect(violations).toEqual([])
  })

  it('keeps the engine pure: no React, DOM, zustand, timers, clock or Math.random in src/sim', () => {
    const forbidden: [RegExp, string][] = [
      [/Math\.random/, 'Math.random (use the seeded generator)'],
      [/Date\.now|performance\.now|new Date\(\)/, 'the wall clock'],
      [/\b(setTimeout|setInterval|requestAnimationFrame)\b/, 'timers'],
      [/\b(window|document|localStorage|navigator|postMessage)\b\./, 'browser globals'],
    ]
    const violations: string[] = []
    for (const { path, text } of sources.filter((s) => layerOf(s.path) === 'sim')) {
      const code = text.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '')
      for (const [re, what] of forbidden)
        if (re.test(code)) violations.push(`${relative(SRC, path)} uses ${what}`)
      for (const { spec } of imports(text)) {
        if (/^(react|react-dom|zustand|leaflet|react-leaflet|recharts)(\/|$)/.test(spec)) {
          violations.push(`${relative(SRC, path)} imports ${spec}`)
        }
      }
    }
    expect(violations).toEqual([])
  })

  it('keeps Worker and postMessage inside src/worker', () => {
    const violations = sources
      .filter((s) => layerOf(s.path) !== 'worker')
      .filter((s) => /new Worker\(|\.postMessage\(/.test(s.text))
      .map((s) => relative(SRC, s.path))
    expect(violations).toEqual([])
  })

  it('has no barrel index files', () => {
    expect(
      sources.filter((s) => /\/index\.tsx?$/.test(s.path)).map((s) => relative(SRC, s.path)),
    ).toEqual([])
  })
})
