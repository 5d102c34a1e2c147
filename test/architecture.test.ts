import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { METRICS } from '../src/sim/metrics'
import { POLICY_IDS } from '../src/sim/routing'
import { PRESET_IDS } from '../src/sim/presets/scenarios'
import ts from 'typescript'

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

  it('keeps Worker and postMessage inside src/worker (and node:worker_threads inside src/cli)', () => {
    // The one other sender: the BroadcastChannel between a briefing and its presenter window.
    const windowChannel = join(SRC, 'store', 'briefing-channel.ts')
    // And the map's own workers, which draw large still pictures and move the dashes and run no
    // engine code: they draw with the map's functions, which the worker layer may not import.
    const mapPainter = [
      'still-draw.worker.ts',
      'still-draw-off-thread.ts',
      'dash.worker.ts',
      'dash-off-thread.ts',
    ].map((name) => join(SRC, 'ui', 'map', name))
    const violations = sources
      .filter((s) => layerOf(s.path) !== 'worker' && s.path !== windowChannel)
      .filter((s) => !mapPainter.includes(s.path))
      // The command line's threads (node:worker_threads) are the CLI's own, not the page's worker.
      .filter((s) => !(layerOf(s.path) === 'cli' && s.text.includes("from 'node:worker_threads'")))
      .filter((s) => /new Worker\(|\.postMessage\(/.test(s.text))
      .map((s) => relative(SRC, s.path))
    expect(violations).toEqual([])
  })

  it('keeps every .ts, .tsx and .css file in src/ to 400 lines (data lives in .json files)', () => {
    const all = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name)
        return statSync(path).isDirectory() ? all(path) : /\.(ts|tsx|css)$/.test(name) ? [path] : []
      })
    const long = all(SRC)
      .map((path) => ({ path, lines: readFileSync(path, 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > 400)
      .map((f) => `${relative(SRC, f.path)}: ${f.lines} lines`)
    expect(long).toEqual([])
  })

  it('has no barrel index files', () => {
    expect(
      sources.filter((s) => /\/index\.tsx?$/.test(s.path)).map((s) => relative(SRC, s.path)),
    ).toEqual([])
  })
})

/** The string literals of a file, and those grouped in one array or as one object's keys. */
interface NamedStrings {
  readonly arrays: readonly (readonly string[])[]
  readonly objectKeys: readonly (readonly string[])[]
  readonly strings: ReadonlySet<string>
}

/**
 * Reads a file through the TypeScript parser, so type declarations (interface fields) are not
 * taken for lists and JSX attributes count as strings.
 */
function namedStrings(fileName: string, text: string): NamedStrings {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX)
  const arrays: string[][] = []
  const objectKeys: string[][] = []
  const strings = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isStringLiteralLike(node)) strings.add(node.text)
    if (ts.isArrayLiteralExpression(node))
      arrays.push(node.elements.flatMap((e) => (ts.isStringLiteralLike(e) ? [e.text] : [])))
    if (ts.isObjectLiteralExpression(node))
      objectKeys.push(
        node.properties.flatMap((p) =>
          p.name && (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) ? [p.name.text] : [],
        ),
      )
    ts.forEachChild(node, visit)
  }
  visit(file)
  return { arrays, objectKeys, strings }
}

/**
 * Where a file names several ids of one kind together (an array of them, an object literal keyed
 * by them, or three or more of them as strings anywhere), it holds a second list of ids that
 * drifts from the one home when a row is added there.
 */
function idListsIn(named: NamedStrings, ids: readonly string[]): string[] {
  const of = (xs: readonly string[]): string[] => xs.filter((x) => ids.includes(x))
  const found = [
    ...named.arrays
      .map(of)
      .flatMap((xs) => (xs.length >= 2 ? [`an array of ${xs.join(', ')}`] : [])),
    ...named.objectKeys
      .map(of)
      .flatMap((xs) => (xs.length >= 2 ? [`an object keyed by ${xs.join(', ')}`] : [])),
  ]
  const strings = of([...named.strings])
  if (strings.length >= 3) found.push(`the strings ${strings.join(', ')}`)
  return found
}

const parsed = sources.map((s) => ({
  rel: relative(SRC, s.path),
  named: namedStrings(s.path, s.text),
}))

describe('one home for each list of ids', () => {
  const idKinds = [
    {
      kind: 'policy id',
      ids: POLICY_IDS as readonly string[],
      homes: ['sim/routing.ts'],
      // Presets named after the policy they show are preset ids, listed in their own home.
      alsoIds: { 'sim/presets/scenarios.ts': PRESET_IDS as readonly string[] },
    },
    {
      kind: 'metric name',
      ids: METRICS.map((m) => m.name),
      // The table, and the tally that computes each level and mean when a step closes.
      homes: ['sim/metrics.ts', 'sim/tally.ts'],
      alsoIds: {},
    },
    {
      kind: 'preset id',
      ids: PRESET_IDS as readonly string[],
      homes: ['sim/presets/scenarios.ts'],
      alsoIds: {},
    },
  ]
  for (const { kind, ids, homes, alsoIds } of idKinds) {
    it(`lists ${kind}s only in ${homes.join(' and ')}`, () => {
      const violations = parsed
        .filter((s) => !homes.includes(s.rel))
        .flatMap((s) => {
          const other = (alsoIds as Record<string, readonly string[]>)[s.rel] ?? []
          const own = ids.filter((id) => !other.includes(id))
          return idListsIn(s.named, own).map((what) => `${s.rel}: ${what}`)
        })
      expect(violations).toEqual([])
    })
  }

  it('finds a second list where there is one, and no list in a type', () => {
    const ids = ['alpha', 'beta', 'gamma']
    expect(
      idListsIn(namedStrings('a.ts', `const xs = ['alpha', 'beta'] as const`), ids),
    ).toHaveLength(1)
    expect(
      idListsIn(namedStrings('a.ts', `const labels = { alpha: 'A', 'beta': 'B' }`), ids),
    ).toHaveLength(1)
    expect(
      idListsIn(namedStrings('a.tsx', `f('alpha'); <L dataKey="beta" />; h(\`gamma\`)`), ids),
    ).toHaveLength(1)
    expect(
      idListsIn(namedStrings('a.ts', `interface R { alpha: number; beta: number }`), ids),
    ).toEqual([])
    expect(
      idListsIn(namedStrings('a.ts', `const x = { policy: 'alpha' }; y.beta = 1`), ids),
    ).toEqual([])
  })
})
