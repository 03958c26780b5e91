/**
 * The peer libraries, each given the key form its documentation names as the fast path on
 * Node.js: jose takes CryptoKeys (or bytes for symmetric JWE keys), jsonwebtoken KeyObjects,
 * fast-jwt PEM strings or secret bytes.
 */
import { createSigner, createVerifier } from 'fast-jwt'
import { EncryptJWT, importJWK, jwtDecrypt, jwtVerify, SignJWT } from 'jose'
import jsonwebtoken from 'jsonwebtoken'
import type { Contender } from './contender.js'
import { CACHE_ENTRIES } from './jot.js'
import { JWE_ENC, type JweKeyMaterial } from './jwe-keys.js'
import type { KeyMaterial } from './keys.js'
import { AUDIENCE, ISSUER } from './token.js'

// jose 6 runs on Web Crypto everywhere. importJWK returns a CryptoKey, which jose uses as is,
// while a KeyObject gets converted to a CryptoKey on first use and cached.
export const jose: Contender<KeyMaterial> = {
  column: 'jose',
  async prepare(material) {
    const { alg } = material
    const privateKey = await importJWK(material.signingJwk, alg)
    const publicKey = await importJWK(material.verificationJwk, alg)
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }

    return {
      mode: 'async',
      createToken: (claims) =>
        new SignJWT(claims).setProtectedHeader({ alg, typ: 'JWT' }).sign(privateKey),
      readToken: async (token) => (await jwtVerify(token, publicKey, verifyOptions)).payload,
    }
  },
}

// EncryptJWT and jwtDecrypt, jose's JWT-over-JWE functions, match jot's encryptJwt and
// decryptJwt. Symmetric keys go in as bytes, which jose imports per call as Web Crypto needs.
export const joseJwe: Contender<JweKeyMaterial> = {
  column: 'jose',
  async prepare(material) {
    const { alg } = material
    const encryptionKey = material.secret ?? (await importJWK(material.encryptionJwk, alg))
    const decryptionKey = material.secret ?? (await importJWK(material.decryptionJwk, alg))
    const decryptOptions = {
      keyManagementAlgorithms: [alg],
      contentEncryptionAlgorithms: [JWE_ENC],
      issuer: ISSUER,
      audience: AUDIENCE,
    }

    return {
      mode: 'async',
      createToken: (claims) =>
        new EncryptJWT(claims)
          .setProtectedHeader({ alg, enc: JWE_ENC, typ: 'JWT' })
          .encrypt(encryptionKey),
      readToken: async (token) => (await jwtDecrypt(token, decryptionKey, decryptOptions)).payload,
    }
  },
}

// jsonwebtoken 9 turns a PEM string or Buffer into a KeyObject on every call, so KeyObjects
// are its fastest input. It has no EdDSA.
export const jsonWebToken: Contender<KeyMaterial> = {
  column: 'jsonwebtoken',
  unsupported: ['EdDSA'],
  prepare(material) {
    const alg = material.alg
    if (alg === 'EdDSA') {
      throw new Error('jsonwebtoken does not implement EdDSA.')
    }
    const verifyOptions = { algorithms: [alg], issuer: ISSUER, audience: AUDIENCE }

    return Promise.resolve({
      mode: 'sync',
      createToken: (claims) => jsonwebtoken.sign(claims, material.signingKey, { algorithm: alg }),
      readToken: (token) => jsonwebtoken.verify(token, material.verificationKey, verifyOptions),
    })
  },
}

function fastJwtVerifier(material: KeyMaterial, cache: number | false) {
  return createVerifier({
    key: material.verificationPem,
    algorithms: [material.alg],
    allowedIss: ISSUER,
    allowedAud: AUDIENCE,
    cache,
  })
}

// fast-jwt takes PEM strings or secret bytes and converts them to KeyObjects once, when the
// signer or verifier is created. Its verified-token cache is off, so every call does the work.
export const fastJwt: Contender<KeyMaterial> = {
  column: 'fast-jwt',
  prepare(material) {
    const sign = createSigner({ key: material.signingPem, algorithm: material.alg })
    const verify = fastJwtVerifier(material, false)

    return Promise.resolve({
      mode: 'sync',
      createToken: (claims) => sign(claims),
      readToken: (token): unknown => verify(token),
    })
  },
}

// fast-jwt's cache with as many entries as jot's. Every call verifies the same token, so after
// the first call this times a cache hit.
export const fastJwtCached: Contender<KeyMaterial> = {
  column: 'fast-jwt cached',
  prepare(material) {
    const verify = fastJwtVerifier(material, CACHE_ENTRIES)
    return Promise.resolve({ mode: 'sync', readToken: (token): unknown => verify(token) })
  },
}
