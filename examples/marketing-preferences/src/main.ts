/** Starts the site on port 3005, until Ctrl-C. */
import { generateSecret, importSecret } from '@jot/core'
import { listen } from './listen.js'
import { createSite } from './site.js'

const PORT = 3005

// The secret must outlive restarts and be shared by every instance, or existing cookies stop
// decrypting and their visitors see the default offers. Without PREFERENCES_KEY, a new secret
// is made for this run only.
const keyText = process.env['PREFERENCES_KEY']
const keyBytes = keyText === undefined ? undefined : Buffer.from(keyText, 'base64url')
if (keyBytes !== undefined && keyBytes.length !== 32) {
  console.error(
    'PREFERENCES_KEY must be 32 bytes as base64url (43 characters); generate one with:\n' +
      "  node -p \"require('node:crypto').randomBytes(32).toString('base64url')\"",
  )
  process.exit(2)
}
const key =
  keyBytes === undefined
    ? await generateSecret('dir', { enc: 'A256GCM' })
    : await importSecret(keyBytes, { alg: 'dir' })

const site = await listen(createSite({ key }), PORT)
console.log(`Site: ${site.url}  (GET /preferences, GET /offers)`)
if (keyBytes === undefined) {
  console.log('PREFERENCES_KEY is not set: cookies from this run will not decrypt after a restart.')
}
console.log('\nexamples/marketing-preferences/README.md has a curl session to try.')
console.log('Ctrl-C stops the server.')

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    site.close().catch((error: unknown) => {
      console.error('Stopping failed:', error)
      process.exitCode = 1
    })
  })
}
