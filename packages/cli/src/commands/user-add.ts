/** `jot user add`: creates a user of the token service in its store. */
import { JotError } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { readNewPassword } from '../password-input.js'
import { withServiceStore } from '../service-store.js'

export const userAddCommand: Command = {
  name: 'user add',
  summary: 'Add a user to the token service store',
  usage: ['jot user add NAME [--role ROLE ...] [--scope SCOPE ...]'],
  description: [
    'Creates the user NAME in the store that JOT_DATABASE_URL names (default ' +
      'sqlite:./data/jot.db), configured from the same JOT_* variables as the service. The ' +
      'master key must decrypt the stored signing keys, as the service checks at start, so a ' +
      'wrong JOT_MASTER_KEY fails here too (MASTER_KEY_MISMATCH). The ' +
      'password is read from stdin when stdin is not a terminal (one trailing line break is ' +
      'removed); at a terminal, it is typed twice without echo. It must have 8 to 1024 ' +
      'characters.',
    'NAME has 1 to 64 characters from letters, digits and . _ - @ +, unique without regard to ' +
      'case. With --json: the user { "id", "username", "roles", "scopes", "createdAt" }.',
  ],
  options: {
    role: { type: 'string', value: 'ROLE', multiple: true, help: 'Role of the user; repeatable.' },
    scope: {
      type: 'string',
      value: 'SCOPE',
      multiple: true,
      help: 'Scope the user may be granted; repeatable.',
    },
  },
  positionals: ['NAME'],
  run: runUserAdd,
}

async function runUserAdd(args: ParsedArgs, io: Io): Promise<void> {
  const username = args.positionals[0]
  if (username === undefined) {
    throw new JotError('ARGUMENT_INVALID', 'NAME is missing: give the username to add.')
  }
  // The store is checked before the prompt, so a wrong configuration fails before any typing.
  const user = await withServiceStore(io, 'check', async ({ store, server }) => {
    const password = await readNewPassword(io)
    return server.addUser(store, {
      username,
      password,
      roles: args.strings('role'),
      scopes: args.strings('scope'),
    })
  })

  if (args.flag('json')) {
    writeJson(io.stdout, user)
    return
  }
  const list = (values: readonly string[]) => (values.length === 0 ? 'none' : values.join(' '))
  writeLine(io.stdout, `Added user ${user.username} with id ${user.id}.`)
  writeLine(io.stdout, `Roles: ${list(user.roles)}. Scopes: ${list(user.scopes)}.`)
}
