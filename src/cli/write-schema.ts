/** Writes scenario.schema.json from the zod schema: `npm run schema`. */
import { writeFileSync } from 'node:fs'
import { scenarioJsonSchema } from '../sim/scenario'

writeFileSync('scenario.schema.json', `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`)
console.log('wrote scenario.schema.json')
