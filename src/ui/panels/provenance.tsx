import type { Provenance } from '../../sim/model'

/**
 * "Sourced" with its reference, or "Assumption" with its note: every number says which it is.
 * `about` names what the provenance covers ("Location"), so the badge cannot be read as vouching
 * for a figure printed beside it.
 */
export function ProvenanceNote({
  provenance,
  about,
}: {
  provenance: Provenance | undefined
  about?: string
}) {
  const prefix = about ? `${about}: ` : ''
  if (!provenance || provenance.kind === 'assumption')
    return (
      <span className="kr-prov">
        <span className="kr-tag kr-tag-assumption">{prefix}Assumption</span>
        {provenance?.note ? ` ${provenance.note}` : ''}
      </span>
    )
  return (
    <span className="kr-prov">
      <span className="kr-tag kr-tag-sourced">{prefix}Sourced</span>
      {provenance.note ? ` ${provenance.note} ` : ' '}
      <span className="kr-source">
        Source:{' '}
        <a href={provenance.ref} rel="noreferrer noopener" target="_blank">
          {provenance.ref}
        </a>
      </span>
    </span>
  )
}

/**
 * A small "assumption" tag for a figure that rests on a modelling choice; the screen-reader text
 * says which choice, e.g. "capacity from the documented capacity rule".
 */
export function AssumptionTag({ basis }: { basis: string }) {
  return (
    <span className="kr-tag kr-tag-assumption" title={`Assumption: ${basis}`}>
      Assumption<span className="kr-visually-hidden">: {basis}</span>
    </span>
  )
}

/** What the simulation's scale (simulated participants per real one) rests on. */
export const SCALE_BASIS = 'the simulation scale is a modelling choice'

/** What the site capacities rest on, said the same way wherever a capacity is shown. */
export const CAPACITY_BASIS =
  'site capacities follow a documented rule (no public per-site figures exist); see Sources'
