/** Entry point of `npm start`: reads the configuration, starts the service, stops on signals. */
import { createApp } from './app.js'
import { loadConfig } from './config.js'
import { isServerError } from './errors.js'

async function main(): Promise<void> {
  const config = loadConfig()
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
