/** Writes scenario.schema.json and briefing.schema.json from the zod schemas: `npm run schema`. */
import { writeFileSync } from 'node:fs'
import { briefingJsonSchema } from '../sim/briefing'
import { scenarioJsonSchema } from '../sim/scenario'

for (const [file, schema] of [
  ['scenario.schema.json', scenarioJsonSchema()],
  ['briefing.schema.json', briefingJsonSchema()],
] as const) {
  writeFileSync(file, `${JSON.stringify(schema, null, 2)}\n`)
  console.log(`wrote ${file}`)
}
