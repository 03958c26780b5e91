/** `jot keys rotate`: adds the next signing key of the token service now. */
import { JotError } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { parseDuration, parseEpochSeconds } from '../option-values.js'
import { withServiceStore } from '../service-store.js'
import { formatInstant, formatRelative } from '../token-warnings.js'

export const keysRotateCommand: Command = {
  name: 'keys rotate',
  summary: 'Add the next signing key of the token service now',
  usage: ['jot keys rotate [--prepublish SEC] [--now SEC] [--json]'],
  description: [
    'Adds a signing key to the store that JOT_DATABASE_URL names, configured from the same ' +
      'JOT_* variables as the service. The new key is in the JWKS at once and starts signing ' +
      'after the pre-publication time, so verifiers that cache the JWKS know it before its ' +
      'first token. When a key is pending already, nothing is added and that key is shown. ' +
      'The master key is checked against the stored keys first, so a wrong JOT_MASTER_KEY ' +
      'never stores a key the service cannot decrypt (MASTER_KEY_MISMATCH, exit code 3).',
    'Running services pick the key up at their next maintenance run. With --json: ' +
      '{ "rotated", "key": { "kid", "alg", "generation", "state", "createdAt", ' +
      '"activatesAt", "retiresAt", "expiresAt" } }.',
  ],
  options: {
    prepublish: {
      type: 'string',
      value: 'SEC',
      help: 'Seconds (or 10m, 1h) the new key is published before it signs, at least 300. Default: JOT_KEY_PREPUBLISH_SEC, 3600.',
    },
    now: {
      type: 'string',
      value: 'SEC',
      help: 'Current time in seconds since the Unix epoch. Default: the system clock.',
    },
  },
  positionals: [],
  run: runKeysRotate,
}

// A verifier may cache the JWKS for 300 seconds, so a key published for less could sign tokens
// that verifiers reject. The ceiling is that of JOT_KEY_PREPUBLISH_SEC.
const MIN_PREPUBLISH_SEC = 300
const MAX_PREPUBLISH_SEC = 604_800

async function runKeysRotate(args: ParsedArgs, io: Io): Promise<void> {
  const prepublishText = args.string('prepublish')
  const prepublish = prepublishText === undefined ? undefined : parsePrepublish(prepublishText)
  const nowText = args.string('now')
  const now =
    nowText === undefined ? Math.floor(Date.now() / 1000) : parseEpochSeconds(nowText, '--now')

  const { rotated, key } = await withServiceStore(io, 'prepare', ({ store, config, server }) =>
    server.rotateSigningKey(store, {
      masterKey: config.masterKey,
      prepublishSec: prepublish ?? config.keyPrepublishSec,
      now,
    }),
  )

  if (args.flag('json')) {
    writeJson(io.stdout, { rotated, key })
    return
  }
  const when = `${formatInstant(key.activatesAt)} (${formatRelative(key.activatesAt - now)})`
  if (!rotated) {
    writeLine(io.stdout, `Nothing was added: the ${key.alg} key ${key.kid} is pending already.`)
    writeLine(io.stdout, `It signs from ${when}.`)
    return
  }
  writeLine(io.stdout, `Added the ${key.alg} signing key ${key.kid}, published now.`)
  writeLine(io.stdout, `It signs from ${when}.`)
}

function parsePrepublish(text: string): number {
  const seconds = parseDuration(text, '--prepublish')
  if (seconds >= MIN_PREPUBLISH_SEC && seconds <= MAX_PREPUBLISH_SEC) return seconds
  throw new JotError(
    'OPTION_INVALID',
    `--prepublish must be from ${MIN_PREPUBLISH_SEC} seconds (the JWKS cache lifetime) to ` +
      `${MAX_PREPUBLISH_SEC} (7 days), not "${text.slice(0, 32)}".`,
  )
}
