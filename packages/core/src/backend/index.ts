/** The active crypto backend. Node.js only for now; a Web Crypto backend joins later. */
import { nodeSignatureBackend } from './node/signature.js'
import type { SignatureBackend } from './types.js'

export const signatureBackend: SignatureBackend = nodeSignatureBackend
