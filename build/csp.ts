/**
 * The page's Content-Security-Policy: the one list of directives, written into the built page as a
 * `<meta http-equiv="Content-Security-Policy">` tag by {@link cspPlugin} (and for a self-contained
 * single-file build, extended with the hashes of its inline scripts via {@link withSources}).
 *
 * The dev server goes without: Vite's dev client injects inline scripts and styles.
 */
import type { Plugin } from 'vite'

/** A CSP directive that a `<meta>` tag honours (frame-ancestors, report-uri and sandbox it ignores). */
export type CspDirective =
  | 'default-src'
  | 'script-src'
  | 'worker-src'
  | 'connect-src'
  | 'img-src'
  | 'style-src'
  | 'style-src-attr'
  | 'font-src'
  | 'object-src'
  | 'base-uri'
  | 'form-action'

/** Source lists by directive; the order is kept when the policy is written out. */
export type CspDirectives = Readonly<Partial<Record<CspDirective, readonly string[]>>>

export const CSP_DIRECTIVES: CspDirectives = {
  // Anything not listed below (frames, media, fonts, manifests, plugins) is refused.
  'default-src': ["'none'"],
  // The page's own bundles only: no inline script and no eval ('unsafe-eval' is absent, and no
  // dependency uses WebAssembly, so neither is 'wasm-unsafe-eval').
  'script-src': ["'self'"],
  // The simulation worker is a bundled file of the page's own origin, not a blob: URL.
  'worker-src': ["'self'"],
  // The only fetch is the bundled countries topology (assets/countries-110m-*.json).
  'connect-src': ["'self'"],
  // self: the favicon; data: the small images Vite inlines from Leaflet's CSS; blob: images made
  // in the page; https: the optional online tile layer, whose server the user types in at run
  // time, so a static policy cannot name it (the settings accept https:// addresses only).
  'img-src': ["'self'", 'data:', 'blob:', 'https:'],
  // Style sheets come from the page's own origin only. Leaflet, react-leaflet and recharts
  // position and size elements through element.style (CSSOM), which CSP allows, and write no
  // style="" attribute or <style> element, so no 'unsafe-inline' is needed.
  'style-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
}

/** The directives with extra sources appended, e.g. `{ 'script-src': ["'sha256-…'"] }`. */
export function withSources(directives: CspDirectives, extra: CspDirectives): CspDirectives {
  const out: Partial<Record<CspDirective, readonly string[]>> = { ...directives }
  for (const [name, sources] of Object.entries(extra) as [CspDirective, readonly string[]][]) {
    out[name] = [...(out[name] ?? []), ...sources]
  }
  return out
}

/** The policy as the content of a meta tag or header: `default-src 'none'; script-src 'self'; …`. */
export function cspContent(directives: CspDirectives = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...(sources ?? [])].join(' '))
    .join('; ')
}

/**
 * Writes the policy into the built index.html as the first element of <head>, before any script
 * or style sheet it governs. Applied by `vite build` only.
 */
export function cspPlugin(directives: CspDirectives = CSP_DIRECTIVES): Plugin {
  return {
    name: 'keyroute-csp',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler: () => [
        {
          tag: 'meta',
          attrs: { 'http-equiv': 'Content-Security-Policy', content: cspContent(directives) },
          injectTo: 'head-prepend',
        },
      ],
    },
  }
}
