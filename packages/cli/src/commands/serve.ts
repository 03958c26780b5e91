/** `jot serve`: runs the token service in the foreground until SIGINT or SIGTERM. */
import type { Command, ParsedArgs } from '../command.js'
import { writeJson, writeLine } from '../io.js'
import type { Io } from '../io.js'
import { withServiceStore } from '../service-store.js'

export const serveCommand: Command = {
  name: 'serve',
  summary: 'Run the token service until interrupted',
  usage: ['jot serve'],
  description: [
    'Starts the token service as "npm start" does, configured from the environment: PORT ' +
      '(default 3000), HOST (default 127.0.0.1), JOT_DATABASE_URL (default ' +
      'sqlite:./data/jot.db), JOT_MASTER_KEY, JOT_ISSUER, JOT_AUDIENCE and ' +
      'JOT_ACCESS_TOKEN_TTL_SEC. It stops cleanly on SIGINT (Ctrl-C) or SIGTERM.',
    'Before starting, it opens the store and checks the master key against the stored signing ' +
      'keys. Without JOT_MASTER_KEY, a master key is generated into master.key beside the ' +
      'SQLite file only when the store contains no signing keys yet. With PORT=0, set JOT_ISSUER.',
    'The service log (JSON lines) goes to stderr. Once the service listens, stdout gets its ' +
      'URL, or with --json { "url" }. Exit code 2 for a configuration error, 3 when the store ' +
      'cannot be opened or the master key does not fit it (MASTER_KEY_MISMATCH).',
  ],
  options: {},
  positionals: [],
  run: runServe,
}

async function runServe(args: ParsedArgs, io: Io): Promise<void> {
  // Checked before createApp, so that such a failure is one line on stderr, and a generated
  // master.key is written only for a store without signing keys.
  const config = await withServiceStore(io, 'prepare', ({ config: loaded }) =>
    Promise.resolve(loaded),
  )
  // Loaded here so that the other commands do not pay for Fastify at startup.
  const { createApp } = await import('@jot/server')
  const app = await createApp(config, { logger: { stream: io.stderr } })
  let url: string
  try {
    url = await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `jot server listening at ${address}`,
    })
  } catch (error) {
    await app.close()
    throw error
  }
  if (args.flag('json')) writeJson(io.stdout, { url })
  else writeLine(io.stdout, `jot server listening at ${url}`)

  const signal = await io.waitForShutdown()
  app.log.info({ signal }, 'stopping')
  await app.close()
  app.log.info('stopped')
}
