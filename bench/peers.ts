/**
 * The peer libraries, each given the key form its documentation names as the fast path on
 * Node.js: jose takes CryptoKeys, jsonwebtoken KeyObjects, fast-jwt PEM strings or secret bytes.
 */
import { createSigner, createVerifier } from 'fast-jwt'
import { importJWK, jwtVerify, SignJWT } from 'jose'
import jsonwebtoken from 'jsonwebtoken'
import type { Contender } from './contender.js'
import type { KeyMaterial } from './keys.js'
import { AUDIENCE, ISSUER } from './token.js'

// jose 6 runs on Web Crypto everywhere. importJWK returns a CryptoKey, which jose uses as is,
// while a KeyObject gets converted to a CryptoKey on first use and cached.
export const jose: Contender = {
  column: 'jose',
  async prepare(material: KeyMaterial) {
    const { alg } = material
    const privateKey = await importJWK(material.signingJwk, alg)
    const publicKey = await importJWK(material.verificationJwk, alg)
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }

    return {
      mode: 'async',
      sign: (claims) =>
        new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(privateKey),
      verify: async (token) => (await jwtVerify(token, publicKey, verifyOptions)).payload,
    }
  },
}

// jsonwebtoken 9 turns a PEM string or Buffer into a KeyObject on every call, so KeyObjects
// are its fastest input. It has no EdDSA.
export const jsonWebToken: Contender = {
  column: 'jsonwebtoken',
  unsupported: ['EdDSA'],
  prepare(material: KeyMaterial) {
    const alg = material.alg
    if (alg === 'EdDSA') {
      throw new Error('jsonwebtoken does not implement EdDSA.')
    }
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }

    return Promise.resolve({
      mode: 'sync',
      sign: (claims) => jsonwebtoken.sign(claims, material.signingKey, { algorithm: alg }),
      verify: (token) => jsonwebtoken.verify(token, material.verificationKey, verifyOptions),
    })
  },
}

// fast-jwt takes PEM strings or secret bytes and converts them to KeyObjects once, when the
// signer or verifier is created. Its verified-token cache is off, so every call does the work.
export const fastJwt: Contender = {
  column: 'fast-jwt',
  prepare(material: KeyMaterial) {
    const { alg } = material
    const sign = createSigner({ key: material.signingPem, algorithm: alg })
    const verify = createVerifier({
      key: material.verificationPem,
      algorithms: [alg],
      allowedIss: ISSUER,
      allowedAud: AUDIENCE,
      cache: false,
    })

    return Promise.resolve({
      mode: 'sync',
      sign: (claims) => sign(claims),
      verify: (token): unknown => verify(token),
    })
  },
}
