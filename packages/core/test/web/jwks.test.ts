/** The local JWK Set tests, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../jwks/local-key-set.test.js')
