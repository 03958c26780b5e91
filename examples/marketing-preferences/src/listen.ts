/** Starts an Express app on 127.0.0.1, for the example's main script and its tests. */
import type { AddressInfo } from 'node:net'
import type { Express } from 'express'

/** A listening app. */
export interface RunningApp {
  /** Base URL, such as `http://127.0.0.1:3005`. */
  readonly url: string
  /** Stops accepting connections and waits for open requests to finish. */
  close(): Promise<void>
}

/** Listens on 127.0.0.1 at `port`, 0 for a free port. */
export function listen(app: Express, port: number): Promise<RunningApp> {
  return new Promise((resolve, reject) => {
    const server = app.listen(port, '127.0.0.1', (error?: Error) => {
      if (error !== undefined) {
        reject(error)
        return
      }
      const { port: actualPort } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${actualPort}`,
        close: () =>
          new Promise<void>((done, fail) => {
            server.close((closeError) => {
              if (closeError === undefined) done()
              else fail(closeError)
            })
          }),
      })
    })
  })
}
