/** Entry point of the `jot` command: runs the dispatcher on the process's own arguments and streams. */
import type { Io } from './io.js'
import { runCli } from './run.js'

const processIo: Io = {
  stdin: process.stdin,
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  waitForShutdown: () =>
    new Promise((resolve) => {
      const onSignal = (signal: string) => {
        process.off('SIGINT', onSignal)
        process.off('SIGTERM', onSignal)
        resolve(signal)
      }
      process.on('SIGINT', onSignal)
      process.on('SIGTERM', onSignal)
    }),
}

process.exitCode = await runCli(process.argv.slice(2), processIo)
