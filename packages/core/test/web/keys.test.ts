/** The key tests that do not depend on Node.js-only formats, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../keys/export-jwk.test.js')
await import('../keys/generate-secret.test.js')
await import('../keys/import-secret.test.js')
await import('../keys/thumbprint.test.js')
await import('../keys/to-public-key.test.js')
await import('../keys/rejections.test.js')
await import('../keys/roca.test.js')
