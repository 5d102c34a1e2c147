/**
 * The parameters a sensitivity sweep can vary, in one table: each one's name, label, unit, limits
 * (read from the scenario schema, their one home), whether it takes whole numbers only, and a pure
 * function writing a value into a scenario. The CLI's `--param`, the app's sweep view and the
 * sweep CSV's columns all read this table.
 */
import { z } from './zod'
import { SECTION_DEFAULTS, scenarioSchema } from './scenario-schema'
import { withScenarioChanges } from './scenario'
import type { ScenarioInput } from './scenario'

/** Names of the sweepable parameters, in table order. */
export const SWEEP_PARAMETER_NAMES = [
  'surgeMultiplier',
  'capacityMultiplier',
  'primaryAttempts',
  'secondaryPicks',
  'crossBorderShare',
  'accountMix',
] as const

/** A sweepable parameter's name. */
export type SweepParameterName = (typeof SWEEP_PARAMETER_NAMES)[number]

/** One row of the parameter table. */
export interface SweepParameter {
  readonly name: SweepParameterName
  /** What a view calls it. */
  readonly label: string
  /** Unit of one value (plural), as the CSV header shows it. */
  readonly unit: string
  /** Where the value lives in a scenario file (dotted path). */
  readonly path: string
  /** What the value means, in a sentence. */
  readonly description: string
  /** Smallest value the schema accepts (or, with `isMinExclusive`, the bound values stay above). */
  readonly min: number
  /** Whether `min` itself is refused (the schema asks for a value above it). */
  readonly isMinExclusive: boolean
  /** Largest value the schema accepts. */
  readonly max: number
  /** Whether only whole numbers are accepted. */
  readonly isWhole: boolean
  /** The scenario with this parameter set to `value`. Pure; every other field is kept. */
  readonly apply: (input: ScenarioInput, value: number) => ScenarioInput
}

/** A schema field's numeric limits, read from the schema itself. */
function limitsOf(
  field: z.ZodType,
): Pick<SweepParameter, 'min' | 'isMinExclusive' | 'max' | 'isWhole'> {
  const inner = (field instanceof z.ZodDefault ? field.unwrap() : field) as z.ZodNumber
  const min = inner.minValue ?? Number.NEGATIVE_INFINITY
  const max = inner.maxValue ?? Number.POSITIVE_INFINITY
  return { min, isMinExclusive: !inner.safeParse(min).success, max, isWhole: inner.isInt }
}

const shape = scenarioSchema.shape
const demandShape = shape.demand.shape
const routingShape = shape.routing.unwrap().shape
const accountsShape = shape.accounts.unwrap().shape

/** The government share of a scenario's accounts (its shares normalised to sum to 1). */
function governmentShare(input: ScenarioInput): number {
  const { free, paid, government } = { ...SECTION_DEFAULTS.accounts, ...input.accounts }
  const sum = free + paid + government
  return sum > 0 ? government / sum : 0
}

/** The parameter table, in {@link SWEEP_PARAMETER_NAMES} order. */
export const SWEEP_PARAMETERS: readonly SweepParameter[] = [
  {
    name: 'surgeMultiplier',
    label: 'Surge multiplier',
    unit: 'times demand',
    path: 'demand.surgeMultiplier',
    description: "Multiplies the scenario's daily participants: 2 is twice the demand.",
    ...limitsOf(demandShape.surgeMultiplier),
    apply: (input, value) => withScenarioChanges(input, { surgeMultiplier: value }),
  },
  {
    name: 'capacityMultiplier',
    label: 'Capacity multiplier',
    unit: 'times capacity',
    path: 'capacityMultiplier',
    description:
      "Multiplies every site's capacity; a site override's capacity stays as written (absolute).",
    ...limitsOf(shape.capacityMultiplier),
    apply: (input, value) => ({ ...input, capacityMultiplier: value }),
  },
  {
    name: 'primaryAttempts',
    label: 'Primary attempts',
    unit: 'attempts',
    path: 'routing.primaryAttempts',
    description: 'Attempts a client makes on its primary sites before it falls back.',
    ...limitsOf(routingShape.primaryAttempts),
    apply: (input, value) => ({ ...input, routing: { ...input.routing, primaryAttempts: value } }),
  },
  {
    name: 'secondaryPicks',
    label: 'Secondary picks',
    unit: 'sites',
    path: 'routing.secondaryPicks',
    description: 'Secondary sites a client picks from its backup list when the primaries fail.',
    ...limitsOf(routingShape.secondaryPicks),
    apply: (input, value) => ({ ...input, routing: { ...input.routing, secondaryPicks: value } }),
  },
  {
    name: 'crossBorderShare',
    label: 'Cross-border share',
    unit: 'share of meetings',
    path: 'demand.crossBorderShare',
    description: 'Share of meetings (0 to 1) that bring in participants from other countries.',
    ...limitsOf(demandShape.crossBorderShare),
    apply: (input, value) => ({ ...input, demand: { ...input.demand, crossBorderShare: value } }),
  },
  {
    name: 'accountMix',
    label: 'Account mix (paid share)',
    unit: 'share of accounts',
    path: 'accounts',
    description:
      "Paid accounts' share of all accounts (0 to 1); government keeps its share of the scenario and free accounts take the rest, so paid plus government may not exceed 1.",
    ...limitsOf(accountsShape.paid),
    apply: (input, value) => {
      const government = governmentShare(input)
      // Rounded so 1 - government - paid never comes out a hair below 0 at the top of the range.
      const free = Math.round((1 - government - value) * 1e12) / 1e12
      return withScenarioChanges(input, { accounts: { free, paid: value, government } })
    },
  },
]

/** The parameter named `name`, or undefined for a name the table does not have. */
export function sweepParameter(name: string): SweepParameter | undefined {
  return SWEEP_PARAMETERS.find((p) => p.name === name)
}

/** Why `value` is outside `parameter`'s limits (one sentence naming it), or null when it fits. */
export function parameterValueProblem(parameter: SweepParameter, value: number): string | null {
  const { name, min, max, isMinExclusive, isWhole } = parameter
  if (isWhole && !Number.isInteger(value)) return `${name} takes whole numbers only, not ${value}`
  const isBelow = isMinExclusive ? value <= min : value < min
  if (isBelow || value > max)
    return `${name}=${value} is outside its limits: ${isMinExclusive ? 'above' : 'from'} ${min} to ${max}`
  return null
}
