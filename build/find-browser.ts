import { accessSync, constants, statSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { chromium } from 'playwright-core'

/** Chromium flags that keep the browser itself off the network (see toolchain notes). */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
]

/** Names of Chromium-family browsers looked up on the PATH, in order. */
const COMMANDS = [
  'chromium',
  'chromium-browser',
  'google-chrome',
  'google-chrome-stable',
  'microsoft-edge',
  'microsoft-edge-stable',
]

/** Where the Chrome and Edge installers put the browser (playwright-core's "chrome"/"msedge" channels). */
const CHANNEL_PATHS: Readonly<Record<string, readonly string[]>> = {
  linux: ['/opt/google/chrome/chrome', '/opt/microsoft/msedge/msedge'],
  darwin: [
    '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
    '/Applications/Chromium.app/Contents/MacOS/Chromium',
    '/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge',
  ],
  win32: [
    join(
      process.env.PROGRAMFILES ?? 'C:\\Program Files',
      'Google\\Chrome\\Application\\chrome.exe',
    ),
    join(
      process.env['PROGRAMFILES(X86)'] ?? 'C:\\Program Files (x86)',
      'Microsoft\\Edge\\Application\\msedge.exe',
    ),
  ],
}

/** How to get a browser, in one line: the message when none is found. */
export const INSTALL_HINT =
  'No Chromium-family browser found (the browser tests and `npm run render` drive one): install one (Debian/Ubuntu: `apt-get install -y chromium`) or set CHROMIUM_PATH to its executable.'

function isExecutable(path: string): boolean {
  try {
    if (!statSync(path).isFile()) return false
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

function onPath(command: string, path: string): string | undefined {
  const suffixes = process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']
  for (const dir of path.split(delimiter)) {
    if (dir === '') continue
    for (const suffix of suffixes) {
      const candidate = join(dir, command + suffix)
      if (isExecutable(candidate)) return candidate
    }
  }
  return undefined
}

/** Where to look, given the environment (exported for tests). */
export function findBrowserIn(env: {
  readonly CHROMIUM_PATH?: string
  readonly PATH?: string
  readonly platform: string
  readonly playwrightPath?: string
}): string | undefined {
  if (env.CHROMIUM_PATH !== undefined && env.CHROMIUM_PATH !== '') {
    return isExecutable(env.CHROMIUM_PATH) ? env.CHROMIUM_PATH : undefined
  }
  for (const command of COMMANDS) {
    const found = onPath(command, env.PATH ?? '')
    if (found) return found
  }
  for (const path of CHANNEL_PATHS[env.platform] ?? []) if (isExecutable(path)) return path
  if (env.playwrightPath !== undefined && isExecutable(env.playwrightPath))
    return env.playwrightPath
  return undefined
}

function playwrightChromium(): string | undefined {
  try {
    return chromium.executablePath()
  } catch {
    return undefined
  }
}

/**
 * The Chromium-family browser the tests and benchmarks drive: CHROMIUM_PATH, then a browser on
 * the PATH, then Chrome or Edge where their installers put them, then a browser downloaded by
 * playwright. Throws one line saying how to get one when there is none.
 */
export function findBrowser(): string {
  const found = findBrowserIn({
    CHROMIUM_PATH: process.env.CHROMIUM_PATH,
    PATH: process.env.PATH,
    platform: process.platform,
    playwrightPath: playwrightChromium(),
  })
  if (found === undefined) {
    const set = process.env.CHROMIUM_PATH
    throw new Error(
      set ? `CHROMIUM_PATH=${set} is not an executable file. ${INSTALL_HINT}` : INSTALL_HINT,
    )
  }
  return found
}
