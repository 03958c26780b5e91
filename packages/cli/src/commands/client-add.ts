/** `jot client add`: registers an OAuth client of the token service and shows its secret once. */
import { JotError } from '@jot/core'
import type { GrantType } from '@jot/server'
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { splitList } from '../option-values.js'
import { withServiceStore } from '../service-store.js'

export const clientAddCommand: Command = {
  name: 'client add',
  summary: 'Register an OAuth client of the token service and print its secret once',
  usage: ['jot client add NAME [--scope SCOPE ...] [--grant GRANT ...] [--json]'],
  description: [
    'Registers the confidential client NAME (its client_id) in the store that ' +
      'JOT_DATABASE_URL names, configured from the same JOT_* variables as the service, with ' +
      'a random secret. The secret is printed once: only its hash is stored, so it cannot be ' +
      'shown again. As for "jot user add", the master key must fit the stored signing keys.',
    'NAME has 1 to 64 characters from letters, digits and . _ ~ -, and "jot" is reserved. ' +
      'GRANT is client_credentials (the default), password or refresh_token; repeat the flag ' +
      'or separate grants with commas. With --json: { "clientId", "clientSecret", "scopes", ' +
      '"grantTypes", "createdAt" }.',
  ],
  options: {
    scope: {
      type: 'string',
      value: 'SCOPE',
      multiple: true,
      help: 'Scope the client may be granted; repeatable.',
    },
    grant: {
      type: 'string',
      value: 'GRANT',
      multiple: true,
      help: 'Grant the client may use: client_credentials (default), password, refresh_token; repeatable.',
    },
  },
  positionals: ['NAME'],
  run: runClientAdd,
}

async function runClientAdd(args: ParsedArgs, io: Io): Promise<void> {
  const clientId = args.positionals[0]
  if (clientId === undefined) {
    throw new JotError('ARGUMENT_INVALID', 'NAME is missing: give the client_id to register.')
  }
  const grants = splitList(args.strings('grant'))
  const client = await withServiceStore(io, 'check', ({ store, server }) =>
    server.addClient(store, {
      clientId,
      scopes: args.strings('scope'),
      // Sound because addClient checks every grant at run time (GRANT_TYPES_INVALID).
      ...(grants.length === 0 ? {} : { grantTypes: grants as GrantType[] }),
    }),
  )

  if (args.flag('json')) {
    writeJson(io.stdout, client)
    return
  }
  const list = (values: readonly string[]) => (values.length === 0 ? 'none' : values.join(' '))
  writeLine(io.stdout, `Added client ${client.clientId}.`)
  writeLine(io.stdout, `client_id:     ${client.clientId}`)
  writeLine(io.stdout, `client_secret: ${client.clientSecret}`)
  writeLine(io.stdout, `Scopes: ${list(client.scopes)}. Grants: ${list(client.grantTypes)}.`)
  writeLine(
    io.stdout,
    'Store the secret now: it will not be shown again, and only its hash is kept.',
  )
}
