import type { Ref } from 'react'

/**
 * A panel's heading, naming the run it shows when two policies are compared. A panel that moves
 * focus to its heading passes `headingRef` (the heading then takes focus from script only).
 */
export function RunHeading({
  id,
  title,
  policyLabel,
  headingRef,
}: {
  id: string
  title: string
  policyLabel: string | null
  headingRef?: Ref<HTMLHeadingElement>
}) {
  return (
    <h2 id={id} {...(headingRef ? { ref: headingRef, tabIndex: -1 } : {})}>
      {title}
      {policyLabel ? <span className="kr-muted"> · {policyLabel} run</span> : null}
    </h2>
  )
}
