import assert from 'node:assert/strict'
import { PassThrough } from 'node:stream'
import { test } from 'node:test'
import { CliError } from '../src/errors.js'
import type { Io } from '../src/io.js'
import { readNewPassword } from '../src/password-input.js'

/** Creates an Io whose stdin acts as a terminal, recording raw-mode switches and the prompts. */
function terminalIo(typed: readonly string[]) {
  const stdin = new PassThrough() as PassThrough & {
    isTTY: boolean
    setRawMode(mode: boolean): void
  }
  const rawModes: boolean[] = []
  stdin.isTTY = true
  stdin.setRawMode = (mode: boolean) => {
    rawModes.push(mode)
    // Each chunk is "typed" only once the prompt has switched the terminal to raw mode.
    if (mode) {
      const chunk = typed[rawModes.filter(Boolean).length - 1]
      if (chunk !== undefined) setImmediate(() => stdin.write(chunk))
    }
  }
  let prompts = ''
  const stderr = new PassThrough()
  stderr.on('data', (chunk: Buffer) => (prompts += chunk.toString()))
  const io: Io = {
    stdin,
    stdout: new PassThrough(),
    stderr,
    env: {},
    waitForShutdown: () => new Promise(() => {}),
  }
  return { io, rawModes, prompts: () => prompts }
}

test('terminal password typed twice', async () => {
  const terminal = terminalIo(['s3cret pw\r', 's3cret pwx\u007f\r'])

  const password = await readNewPassword(terminal.io)

  assert.equal(password, 's3cret pw')
  assert.deepEqual(terminal.rawModes, [true, false, true, false])
  assert.equal(terminal.prompts(), 'Password: \nRepeat the password: \n')
})

test('terminal passwords that differ', async () => {
  const terminal = terminalIo(['first pass\r', 'second pass\r'])

  await assert.rejects(readNewPassword(terminal.io), {
    name: 'JotError',
    code: 'ARGUMENT_INVALID',
    message: 'The passwords do not match; nothing was changed.',
  })
})

test('terminal password interrupted by Ctrl-C', async () => {
  const terminal = terminalIo(['abc\u0003'])

  await assert.rejects(
    readNewPassword(terminal.io),
    new CliError('INTERRUPTED', 'Interrupted at the password prompt.'),
  )
  assert.deepEqual(terminal.rawModes, [true, false])
})

test('piped password loses one line break', async () => {
  const stdin = new PassThrough()
  stdin.end('pass word\n\r\n')
  const io: Io = {
    stdin,
    stdout: new PassThrough(),
    stderr: new PassThrough(),
    env: {},
    waitForShutdown: () => new Promise(() => {}),
  }

  assert.equal(await readNewPassword(io), 'pass word\n')
})
