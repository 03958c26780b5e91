/** The JWT tests, signed, encrypted and nested, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../jwt/sign.test.js')
await import('../jwt/verify.test.js')
await import('../jwt/decode.test.js')
await import('../jwt/encrypt.test.js')
await import('../jwt/nested.test.js')
