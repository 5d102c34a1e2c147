import type { ScenarioError } from '../../sim/scenario'

/**
 * A refused file's problems, each with its path, after one sentence naming the file and what
 * that means (`outcome`, such as "was not loaded; the previous scenario keeps running.").
 */
export function FileErrors({
  fileName,
  outcome,
  errors,
}: {
  fileName: string
  outcome: string
  errors: readonly ScenarioError[]
}) {
  return (
    <>
      <p>
        <strong>{fileName}</strong> {outcome}
      </p>
      <ul className="kr-errors">
        {errors.map((err, i) => (
          <li key={i}>
            <code>{err.path}</code>: {err.message}
          </li>
        ))}
      </ul>
    </>
  )
}
