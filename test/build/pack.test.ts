import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { cspContent } from '../../build/csp'
import { PACK_DIRECTIVES, inlineHashes, withPackCsp } from '../../build/pack'

const hashOf = (code: string): string =>
  `'sha256-${createHash('sha256').update(code).digest('base64')}'`

const PAGE = `<!doctype html>
<html><head>
<title>t</title>
<script type="module" crossorigin>console.log("\\x3C/script>")</script>
<style rel="stylesheet">body{color:red}</style>
</head><body><script>alert(1)</script></body></html>`

describe('the offline pack policy', () => {
  it('hashes every inline script and style element, exactly as written', () => {
    expect(inlineHashes(PAGE)).toEqual({
      scripts: [hashOf('console.log("\\x3C/script>")'), hashOf('alert(1)')],
      styles: [hashOf('body{color:red}')],
    })
  })

  it('hashes no data block: the briefing is read as data and never run', () => {
    const page = PAGE.replace(
      '</body>',
      '<script type="application/json" id="kr-briefing">{"a":1}</script></body>',
    )
    expect(inlineHashes(page)).toEqual(inlineHashes(PAGE))
  })

  it('writes the policy with those hashes as the first element of the head', () => {
    const html = withPackCsp(PAGE)
    const meta = /<head>\s*<meta http-equiv="Content-Security-Policy" content="([^"]*)" \/>/.exec(
      html,
    )
    expect(meta?.[1]).toContain(
      `script-src ${hashOf('console.log("\\x3C/script>")')} ${hashOf('alert(1)')};`,
    )
    expect(meta?.[1]).toContain(`style-src ${hashOf('body{color:red}')};`)
    expect(meta?.[1]).not.toMatch(/unsafe-inline|unsafe-eval|'self'/)
    expect(html.replace(meta?.[0] ?? '', '<head>')).toBe(PAGE)
  })

  it('allows no network source: the worker from blob: and the topology from data: only', () => {
    const policy = cspContent(PACK_DIRECTIVES)
    expect(policy).toContain("default-src 'none'")
    expect(policy).toContain('worker-src blob:;')
    expect(policy).toContain('connect-src data:;')
    expect(policy).not.toMatch(/'self'|\*/)
  })
})
