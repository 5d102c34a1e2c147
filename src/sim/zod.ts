/**
 * zod, as every schema of the project uses it: with its `new Function('')` probe switched off.
 * zod 4 otherwise probes eval to compile faster object parsers; a Content-Security-Policy without
 * 'unsafe-eval' (build/csp.ts) refuses that and reports a violation even though zod catches the
 * error. Setting it here, in the module every schema imports zod through, puts it before the
 * first schema in every bundle and chunk, whatever order the bundler evaluates them in (a flag
 * set by each entry point ran too late once the schemas moved into a shared chunk). Parsing
 * without it gives the same results.
 */
import { config, z } from 'zod'

config({ jitless: true })

export { z }
