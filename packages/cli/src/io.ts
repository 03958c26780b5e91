/** The terminal streams and environment a command works with, and bounded reads of stdin. */
import type { Readable, Writable } from 'node:stream'
import { JotError } from '@jot/core'

/** The standard input of a command; `setRawMode` exists only on a terminal. */
export type InputStream = Readable & {
  readonly isTTY?: boolean
  setRawMode?: (mode: boolean) => unknown
}

/** The process resources a command may use. main.ts passes the real process streams. */
export interface Io {
  readonly stdin: InputStream
  readonly stdout: Writable
  readonly stderr: Writable
  readonly env: Readonly<Record<string, string | undefined>>
  /** Resolves with the signal name on the first SIGINT or SIGTERM. */
  waitForShutdown(): Promise<string>
}

/** Maximum size of anything read from stdin or from a key file: 1 MiB. */
export const MAX_INPUT_BYTES = 1024 * 1024

/** Writes one line of text to a stream. */
export function writeLine(stream: Writable, text: string): void {
  stream.write(text + '\n')
}

/** Writes a value as indented JSON followed by a newline. */
export function writeJson(stream: Writable, value: unknown): void {
  stream.write(JSON.stringify(value, null, 2) + '\n')
}

/**
 * Reads stdin to the end, up to `maxBytes`.
 * @throws JotError `INPUT_TOO_LARGE` when stdin contains more than `maxBytes`.
 */
export async function readStdin(io: Io, maxBytes = MAX_INPUT_BYTES): Promise<Buffer> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of io.stdin as AsyncIterable<Buffer | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
    size += bytes.length
    if (size > maxBytes) {
      throw new JotError('INPUT_TOO_LARGE', `The standard input is larger than ${maxBytes} bytes.`)
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks)
}

/**
 * Reads a token from the positional argument, or from stdin when the argument is absent or
 * `-`. Surrounding whitespace, such as the newline `echo` adds, is removed.
 * @throws JotError `ARGUMENT_INVALID` when there is no token, `INPUT_TOO_LARGE` for over 1 MiB.
 */
export async function readTokenInput(io: Io, argument: string | undefined): Promise<string> {
  if (argument !== undefined && argument !== '-') return argument.trim()
  // Waiting for a token typed into a terminal would look like a hang.
  if (argument === undefined && io.stdin.isTTY === true) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The token is missing: pass it as an argument, or pipe it on stdin.',
    )
  }
  const token = (await readStdin(io)).toString('utf8').trim()
  if (token === '') {
    throw new JotError('ARGUMENT_INVALID', 'The standard input is empty; expected a token.')
  }
  return token
}
