/**
 * Switches every backend at once. Internal: no entry point exports it. Tests call it to run
 * the suite on the Web Crypto backend under Node.js, before any key is made.
 */
import { setJweBackend } from '../jwe/jwe-backend.js'
import { setKeyBackend } from '../keys/key-backend.js'
import { setSignatureBackend } from './index.js'
import * as node from './node/index.js'
import * as web from './web/index.js'

/** Makes `name` the backend of every later call; keys made on the other backend stop working. */
export function useBackend(name: 'node' | 'web'): void {
  const backends = name === 'node' ? node : web
  setSignatureBackend(backends.signatureBackend)
  setKeyBackend(backends.keyBackend)
  setJweBackend(backends.jweBackend)
}
