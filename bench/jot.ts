/**
 * The jot columns: the prepared synchronous functions, the prepared verifier with its token
 * cache, and the universal async functions (signJwt, verifyJwt, encryptJwt, decryptJwt).
 */
import type { JsonWebKey } from 'node:crypto'
import {
  createSigner,
  createVerifier,
  decryptJwt,
  encryptJwt,
  importJwk,
  signJwt,
  verifyJwt,
  type Jwk,
} from '@jot/core'
import type { Contender } from './contender.js'
import { JWE_ENC, type JweKeyMaterial } from './jwe-keys.js'
import type { KeyMaterial } from './keys.js'
import { AUDIENCE, ISSUER } from './token.js'

/** Entries of the verified-token caches, jot's and fast-jwt's alike. */
export const CACHE_ENTRIES = 1000

// node:crypto types every JWK member as possibly undefined, but an exported key has only the
// members of its type, all strings, which is what Jwk describes.
function asJwk(jwk: JsonWebKey): Jwk {
  return jwk as Jwk
}

async function importKeys(material: KeyMaterial) {
  const { alg } = material
  return {
    privateKey: await importJwk(asJwk(material.signingJwk), { alg }),
    publicKey: await importJwk(asJwk(material.verificationJwk), { alg }),
    verifyOptions: { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE },
  }
}

// The claims already carry `iat` and `exp`, so the signers get no lifetime options and sign
// exactly the claims every other contender signs.
export const jotPrepared: Contender<KeyMaterial> = {
  column: 'jot prepared',
  async prepare(material) {
    const { privateKey, publicKey, verifyOptions } = await importKeys(material)
    const verify = createVerifier(publicKey, verifyOptions)

    return {
      mode: 'sync',
      createToken: createSigner(privateKey),
      readToken: (token) => verify(token).claims,
    }
  },
}

// Every call verifies the same token, so after the first call this times a cache hit.
export const jotCached: Contender<KeyMaterial> = {
  column: 'jot cached',
  async prepare(material) {
    const { publicKey, verifyOptions } = await importKeys(material)
    const verify = createVerifier(publicKey, {
      ...verifyOptions,
      cache: { maxEntries: CACHE_ENTRIES },
    })
    return { mode: 'sync', readToken: (token) => verify(token).claims }
  },
}

export const jotAsync: Contender<KeyMaterial> = {
  column: 'jot async',
  async prepare(material) {
    const { privateKey, publicKey, verifyOptions } = await importKeys(material)

    return {
      mode: 'async',
      createToken: (claims) => signJwt(claims, privateKey),
      readToken: async (token) => (await verifyJwt(token, publicKey, verifyOptions)).claims,
    }
  },
}

// jot has no prepared JWE functions, so its JWE cells sit in the async column.
export const jotJwe: Contender<JweKeyMaterial> = {
  column: 'jot async',
  async prepare(material) {
    const { alg } = material
    const encryptionKey = await importJwk(asJwk(material.encryptionJwk), { alg })
    const decryptionKey = await importJwk(asJwk(material.decryptionJwk), { alg })
    const encryptOptions = { enc: JWE_ENC, issuedAt: false } as const
    const decryptOptions = {
      keyManagementAlgorithms: [alg],
      contentEncryptionAlgorithms: [JWE_ENC],
      issuer: ISSUER,
      audience: AUDIENCE,
    }

    return {
      mode: 'async',
      createToken: (claims) => encryptJwt(claims, encryptionKey, encryptOptions),
      readToken: async (token) => (await decryptJwt(token, decryptionKey, decryptOptions)).claims,
    }
  },
}
