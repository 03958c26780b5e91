/** `jot keys list`: lists the token service's signing keys and where each is in its life. */
import type { SigningKeyInfo } from '@jot/server'
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { parseEpochSeconds } from '../option-values.js'
import { withServiceStore } from '../service-store.js'
import { formatInstant } from '../token-warnings.js'

export const keysListCommand: Command = {
  name: 'keys list',
  summary: 'List the signing keys of the token service store',
  usage: ['jot keys list [--now SEC] [--json]'],
  description: [
    'Lists the signing keys in the store that JOT_DATABASE_URL names, oldest first, configured ' +
      'from the same JOT_* variables as the service. Each key is pending (published, not ' +
      'signing yet), active (signing), retired (published for the tokens it signed) or expired ' +
      '(deleted at the next maintenance run). Times are UTC; "-" means not set yet. No key ' +
      'material is shown.',
    'With --json: { "keys": [{ "kid", "alg", "generation", "state", "createdAt", ' +
      '"activatesAt", "retiresAt", "expiresAt" }] }, times in seconds since the Unix epoch, ' +
      'null when not set.',
  ],
  options: {
    now: {
      type: 'string',
      value: 'SEC',
      help: 'Time the states refer to, in seconds since the Unix epoch. Default: the system clock.',
    },
  },
  positionals: [],
  run: runKeysList,
}

const COLUMNS = ['KID', 'ALG', 'STATE', 'CREATED', 'ACTIVATES', 'RETIRES'] as const

async function runKeysList(args: ParsedArgs, io: Io): Promise<void> {
  const nowText = args.string('now')
  const now = nowText === undefined ? undefined : parseEpochSeconds(nowText, '--now')
  const keys = await withServiceStore(io, 'none', ({ store, server }) =>
    server.listSigningKeys(store, now === undefined ? {} : { now }),
  )

  if (args.flag('json')) {
    writeJson(io.stdout, { keys })
    return
  }
  if (keys.length === 0) {
    writeLine(io.stdout, 'The store contains no signing keys; the service creates one at start.')
    return
  }
  for (const line of formatTable(keys.map(toRow))) writeLine(io.stdout, line)
}

function toRow(key: SigningKeyInfo): string[] {
  const time = (seconds: number | null) => (seconds === null ? '-' : formatInstant(seconds))
  return [
    key.kid,
    key.alg,
    key.state,
    time(key.createdAt),
    time(key.activatesAt),
    time(key.retiresAt),
  ]
}

function formatTable(rows: readonly string[][]): string[] {
  const all = [[...COLUMNS], ...rows]
  const widths = COLUMNS.map((_, column) => Math.max(...all.map((row) => row[column]?.length ?? 0)))
  return all.map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  )
}
