import { writeFileSync } from 'node:fs'
import { syntheticScenario } from '../sim/synthetic-world'
const [sites, cities, days, jpd, step, out] = process.argv.slice(2)
writeFileSync(out as string, JSON.stringify(syntheticScenario({ sites: +sites!, cities: +cities!, days: +days!, joinsPerDay: +jpd!, stepMinutes: +step! })))
