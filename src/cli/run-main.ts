/**
 * Runs a command's main function with the process's arguments and sets the exit code it returns.
 * Whatever goes wrong comes out as one line, `name: message`, with exit code 1: no stack trace
 * for the user to read.
 */
export function runMain(name: string, main: (args: readonly string[]) => Promise<number>): void {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      console.error(`${name}: ${error instanceof Error ? error.message : String(error)}`)
      process.exitCode = 1
    },
  )
}
