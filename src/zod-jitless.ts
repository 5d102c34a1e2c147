/**
 * Imported first by each entry point (the page and the simulation worker), so it runs before any
 * schema is built. zod 4 otherwise probes `new Function('')` to compile faster object parsers; a
 * Content-Security-Policy without 'unsafe-eval' (build/csp.ts) refuses that and reports a
 * violation even though zod catches the error. Parsing without it gives the same results.
 */
import { config } from 'zod'

config({ jitless: true })
