/** CliError: failures of the jot command that neither @jot/core nor @jot/server names. */

/**
 * Codes of the failures only the CLI raises.
 * - `INTERRUPTED`: the user pressed Ctrl-C at a prompt.
 */
export type CliErrorCode = 'INTERRUPTED'

/** An error of the CLI itself, with a stable code printed as `jot: <CODE>: <message>`. */
export class CliError extends Error {
  override readonly name = 'CliError'
  readonly code: CliErrorCode

  constructor(code: CliErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause })
    this.code = code
  }
}
