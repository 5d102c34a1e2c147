/**
 * Built-in briefings, as data: each lives in its own JSON file and is validated here with the
 * same parser as an imported briefing, so a built-in one cannot drift from the schema.
 */
import { parseBriefing } from '../briefing'
import type { Briefing } from '../briefing'
import citizenlab2020 from './briefing-citizenlab-2020.json'

function validated(data: unknown): Briefing {
  const parsed = parseBriefing(data)
  if (!parsed.ok)
    throw new Error(
      `built-in briefing is invalid: ${parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`,
    )
  return parsed.briefing
}

/** The built-in briefings, validated. */
export const BRIEFINGS: readonly Briefing[] = [validated(citizenlab2020)]

/** A built-in briefing by id, or undefined. */
export function builtInBriefing(id: string): Briefing | undefined {
  return BRIEFINGS.find((b) => b.id === id)
}
