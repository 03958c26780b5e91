/** Entry point of `npm start`: reads the configuration, starts the service, stops on signals. */
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import type { ServerConfig } from './config.js'
import { isServerError } from './errors.js'
import { openStore } from './store/index.js'

async function main(): Promise<void> {
  const config = loadConfig()
  await prepareMasterKey(config)
  const app = await createApp(config)

  function stop(signal: NodeJS.Signals): void {
    app.log.info({ signal }, 'stopping')
    app.close().then(
      () => {
        app.log.info('stopped')
      },
      (error: unknown) => {
        app.log.error({ err: error }, 'stopping failed')
        process.exitCode = 1
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)

  try {
    await app.listen({
      port: config.port,
      host: config.host,
      listenTextResolver: (address) => `jot server listening at ${address}`,
    })
  } catch (error) {
    await app.close()
    throw error
  }
}

// Checked before createApp, so that a store that cannot be opened or a master key that does not
// fit it stops the start with one line on stderr, and a generated master.key is written only
// for a store without signing keys.
async function prepareMasterKey(config: ServerConfig): Promise<void> {
  const store = await openStore(config)
  try {
    await config.masterKey.prepare(store)
  } finally {
    await store.close()
  }
}

// Errors before the logger exists (configuration) and startup failures end here. A ServerError
// message is written for the operator; anything else is a bug and keeps its stack.
main().catch((error: unknown) => {
  const text = isServerError(error)
    ? `${error.code}: ${error.message}`
    : error instanceof Error
      ? (error.stack ?? error.message)
      : String(error)
  process.stderr.write(`jot server failed to start: ${text}\n`)
  process.exitCode = 1
})
