/** The Node.js backend on node:crypto, which `#crypto-backend` selects outside browsers, workers and Deno. */
export { nodeSignatureBackend as signatureBackend } from './signature.js'
export { nodeKeyBackend as keyBackend } from './keys.js'
export { nodeJweBackend as jweBackend } from './jwe.js'
