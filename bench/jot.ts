/** The jot columns: the prepared synchronous functions and the universal async ones. */
import type { JsonWebKey } from 'node:crypto'
import { createSigner, createVerifier, importJwk, signJwt, verifyJwt, type Jwk } from '@jot/core'
import type { Contender } from './contender.js'
import type { KeyMaterial } from './keys.js'
import { AUDIENCE, ISSUER } from './token.js'

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
export const jotPrepared: Contender = {
  column: 'jot prepared',
  async prepare(material) {
    const { privateKey, publicKey, verifyOptions } = await importKeys(material)
    const verify = createVerifier(publicKey, verifyOptions)

    return {
      mode: 'sync',
      sign: createSigner(privateKey),
      verify: (token) => verify(token).claims,
    }
  },
}

export const jotAsync: Contender = {
  column: 'jot async',
  async prepare(material) {
    const { privateKey, publicKey, verifyOptions } = await importKeys(material)

    return {
      mode: 'async',
      sign: (claims) => signJwt(claims, privateKey),
      verify: async (token) => (await verifyJwt(token, publicKey, verifyOptions)).claims,
    }
  },
}
