import type { ScenarioError } from '../../sim/scenario'

/** Problems of a file, each with its path. */
export function ErrorList({ errors }: { errors: readonly ScenarioError[] }) {
  return (
    <ul className="kr-errors">
      {errors.map((err, i) => (
        <li key={i}>
          <code>{err.path}</code>: {err.message}
        </li>
      ))}
    </ul>
  )
}

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
      <ErrorList errors={errors} />
    </>
  )
}
