/** The JWE tests, RFC 7520 vectors and limits included, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../jwe/vectors.test.js')
await import('../jwe/round-trip.test.js')
await import('../jwe/json.test.js')
await import('../jwe/limits.test.js')
await import('../jwe/decrypt-rejections.test.js')
await import('../jwe/encrypt-options.test.js')
await import('../jwe/adversarial-cases.test.js')
await import('../jwe/interop.test.js')
