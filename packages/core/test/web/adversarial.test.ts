/** The adversarial token cases, run again on the Web Crypto backend. */
import { useBackend } from '../../src/backend/use-backend.js'

useBackend('web')
await import('../adversarial.test.js')
