/** The Web Crypto backend, which `#crypto-backend` selects under the browser, worker and deno conditions. */
export { webSignatureBackend as signatureBackend } from './signature.js'
export { webKeyBackend as keyBackend } from './keys.js'
export { webJweBackend as jweBackend } from './jwe.js'
