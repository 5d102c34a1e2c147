import type { Provenance } from '../../sim/model'

/** "Sourced" with its reference, or "Assumption" with its note: every number says which it is. */
export function ProvenanceNote({ provenance }: { provenance: Provenance | undefined }) {
  if (!provenance || provenance.kind === 'assumption')
    return (
      <span className="kr-prov">
        <span className="kr-tag kr-tag-assumption">Assumption</span>
        {provenance?.note ? ` ${provenance.note}` : ''}
      </span>
    )
  return (
    <span className="kr-prov">
      <span className="kr-tag kr-tag-sourced">Sourced</span>
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
