/** Reading a password: from piped stdin, or typed twice at a terminal without echo. */
import { JotError } from '@jot/core'
import { CliError } from './errors.js'
import { readStdin, writeLine } from './io.js'
import type { Io } from './io.js'

// Far above the service's 1024-character limit, which reports the exact rule.
const MAX_PASSWORD_BYTES = 64 * 1024

const CTRL_C = '\u0003'
const CTRL_D = '\u0004'
const BACKSPACE = '\u0008'
const DELETE = '\u007f'

/**
 * Reads a new password. From a pipe or file, stdin is the password, minus one trailing line
 * break. At a terminal, the user types it twice and nothing is echoed.
 * @throws JotError `ARGUMENT_INVALID` when the two entries differ; CliError `INTERRUPTED` on
 *   Ctrl-C.
 */
export async function readNewPassword(io: Io): Promise<string> {
  if (io.stdin.isTTY !== true || io.stdin.setRawMode === undefined) {
    const text = (await readStdin(io, MAX_PASSWORD_BYTES)).toString('utf8')
    return text.replace(/\r?\n$/, '')
  }
  const first = await promptHidden(io, 'Password: ')
  const second = await promptHidden(io, 'Repeat the password: ')
  if (first !== second) {
    throw new JotError('ARGUMENT_INVALID', 'The passwords do not match; nothing was changed.')
  }
  return first
}

/**
 * Shows a prompt on stderr and reads one line from a terminal in raw mode, so the typed
 * characters are not echoed. Enter or Ctrl-D ends the line; Backspace deletes a character.
 */
export function promptHidden(io: Io, prompt: string): Promise<string> {
  const input = io.stdin
  io.stderr.write(prompt)
  input.setRawMode?.(true)
  input.setEncoding('utf8')
  input.resume()

  return new Promise((resolve, reject) => {
    let line = ''
    const finish = () => {
      input.off('data', onData)
      input.off('end', onEnd)
      input.setRawMode?.(false)
      input.pause()
      // The user's Enter was not echoed either, so the newline is written here.
      writeLine(io.stderr, '')
    }
    const onData = (chunk: string) => {
      for (const character of chunk) {
        if (character === CTRL_C) {
          finish()
          reject(new CliError('INTERRUPTED', 'Interrupted at the password prompt.'))
          return
        }
        if (character === '\r' || character === '\n' || character === CTRL_D) {
          finish()
          resolve(line)
          return
        }
        // The u flag makes the pattern remove a whole code point, never half a surrogate pair.
        if (character === BACKSPACE || character === DELETE) line = line.replace(/.$/su, '')
        else line += character
      }
    }
    // A terminal that closes mid-line ends the line, as Ctrl-D does.
    const onEnd = () => {
      finish()
      resolve(line)
    }
    input.on('data', onData)
    input.on('end', onEnd)
  })
}
