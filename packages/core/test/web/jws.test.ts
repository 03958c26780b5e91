/** The JWS tests, RFC 7515 and RFC 7797 vectors included, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../jws/compact-vectors.test.js')
await import('../jws/compact-unencoded.test.js')
await import('../jws/json-sign.test.js')
await import('../jws/json-verify.test.js')
await import('../jws/json-vectors.test.js')
