/**
 * The service under load, in a child process of bench/server/run.ts: createApp with the
 * configuration in the environment, plus one unauthenticated route that exists only here.
 * It listens on 127.0.0.1 with an ephemeral port and sends the port to the parent.
 */
import { createApp, loadConfig } from '@jot/server'

/** Messages from the parent. */
type ParentMessage = { readonly type: 'anonymous-body'; readonly body: unknown }

const app = await createApp(loadConfig(process.env), { logger: false })

// GET /bench/anonymous goes through the same Fastify instance, hooks and security headers
// as GET /me and returns a body of the same shape and size, the claims /me returned for the
// benchmark's token. It skips only what authentication adds: reading the bearer token,
// verifying it and the revocation lookup. The parent sets the body before timing.
let anonymousBody: unknown = { claims: {} }
app.get('/bench/anonymous', function showAnonymous(_request, reply) {
  void reply.header('cache-control', 'no-store')
  return anonymousBody
})

process.on('message', (message: ParentMessage) => {
  if (message.type === 'anonymous-body') {
    anonymousBody = message.body
    process.send?.({ type: 'anonymous-body-set' })
  }
})

await app.listen({ host: '127.0.0.1', port: 0 })
const address = app.server.address()
if (address === null || typeof address === 'string') {
  throw new Error('The service did not report a TCP address.')
}
process.send?.({ type: 'listening', port: address.port })

// The parent ends the benchmark by disconnecting, which closes the app and its store.
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0))
})
