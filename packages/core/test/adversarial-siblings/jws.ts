/** Siblings of the handed JWS cases: alg none, algorithm confusion, zero signatures, crit. */
import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign as nodeSign,
} from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import { encryptCompact, signJwt, verifyCompact, verifyJson, verifyJwt } from '../../src/index.js'
import type { JotKey, JwsAlgorithm, KeyAlgorithm } from '../../src/index.js'
import type { Sibling } from './table.js'
import { NOW, SECRET, ec, ed25519, hmacToken, keyFor, random, rsa, segment } from './table.js'

const CLAIMS = { sub: 'user-1042', iat: NOW - 60, exp: NOW + 3600 }
const options = { now: NOW }

const signers = {
  RS256: await keyFor(rsa.privateJwk, 'RS256'),
  PS256: await keyFor(rsa.privateJwk, 'PS256'),
  ES256: await keyFor(ec.privateJwk, 'ES256'),
  EdDSA: await keyFor(ed25519.privateJwk, 'EdDSA'),
  HS256: await keyFor(SECRET, 'HS256'),
} as const

const verifiers = {
  RS256: await keyFor(rsa.publicJwk, 'RS256'),
  PS256: await keyFor(rsa.publicJwk, 'PS256'),
  ES256: await keyFor(ec.publicJwk, 'ES256'),
  EdDSA: await keyFor(ed25519.publicJwk, 'EdDSA'),
  HS256: await keyFor(SECRET, 'HS256'),
} as const

/** Keys bound to JWE algorithms, which must never take part in a signature. */
const encryptionKeys: Record<string, JotKey> = {
  'RSA-OAEP-256 private': await keyFor(rsa.privateJwk, 'RSA-OAEP-256'),
  'RSA-OAEP-256 public': await keyFor(rsa.publicJwk, 'RSA-OAEP-256'),
  'ECDH-ES private': await keyFor(ec.privateJwk, 'ECDH-ES'),
  'ECDH-ES public': await keyFor(ec.publicJwk, 'ECDH-ES'),
  A128KW: await keyFor(random(16), 'A128KW'),
  dir: await keyFor(random(32), 'dir'),
  'PBES2-HS256+A128KW': await keyFor(random(20), 'PBES2-HS256+A128KW'),
}

type SigningFamily = keyof typeof signers

const tokens: Record<SigningFamily, string> = {
  RS256: await signJwt(CLAIMS, signers.RS256),
  PS256: await signJwt(CLAIMS, signers.PS256),
  ES256: await signJwt(CLAIMS, signers.ES256),
  EdDSA: await signJwt(CLAIMS, signers.EdDSA),
  HS256: await signJwt(CLAIMS, signers.HS256),
}

const payloadSegment = segment(CLAIMS)

function unsecured(alg: string): string {
  return `${segment({ alg, typ: 'JWT' })}.${payloadSegment}.`
}

// Everything an attacker can read of a public key and might try as an HMAC secret
// (CVE-2015-9235, CVE-2016-10555).
function publicSecrets(jwk: JsonWebKey): Record<string, string | Uint8Array> {
  const keyObject = createPublicKey({ key: jwk, format: 'jwk' })
  return {
    'SPKI PEM': keyObject.export({ format: 'pem', type: 'spki' }).toString(),
    'JWK JSON': JSON.stringify(jwk),
    'SPKI DER': new Uint8Array(keyObject.export({ format: 'der', type: 'spki' })),
  }
}

const hmacHashes = { HS256: 'sha256', HS384: 'sha384', HS512: 'sha512' } as const

function hmacForgery(alg: keyof typeof hmacHashes, secret: string | Uint8Array): string {
  return hmacToken(segment({ alg, typ: 'JWT' }), payloadSegment, secret, hmacHashes[alg])
}

/** Builds a token whose header names one algorithm, with the given signature bytes. */
function withSignature(alg: string, signature: Uint8Array): string {
  return `${segment({ alg, typ: 'JWT' })}.${payloadSegment}.${Buffer.from(signature).toString('base64url')}`
}

const ecdsaSizes = { ES256: 32, ES384: 48, ES512: 66, ES256K: 32 } as const
const ecdsaVerifiers = {
  ES256: verifiers.ES256,
  ES384: await publicKeyFor('P-384', 'ES384'),
  ES512: await publicKeyFor('P-521', 'ES512'),
  ES256K: await publicKeyFor('secp256k1', 'ES256K'),
}

function publicKeyFor(namedCurve: string, alg: KeyAlgorithm): Promise<JotKey> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve })
  return keyFor(publicKey.export({ format: 'jwk' }), alg)
}

const CURVE_ORDER_P256 = Buffer.from(
  'ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551',
  'hex',
)

function rows(): Sibling[] {
  const result: Sibling[] = []
  const add = (caseId: string, name: string, run: () => unknown) =>
    result.push({ caseId, name, run })

  // "none" in every spelling, with and without keys, in every serialization.
  for (const alg of ['none', 'None', 'NONE', 'nOnE']) {
    add('BUG-01', `alg ${alg} no key`, () => verifyJwt(unsecured(alg), [], options))
    add('BUG-01', `alg ${alg} with HS256 key`, () =>
      verifyJwt(unsecured(alg), verifiers.HS256, options),
    )
  }
  add('BUG-01', 'alg none allowed by option', () =>
    verifyJwt(unsecured('none'), verifiers.HS256, {
      ...options,
      algorithms: ['none' as JwsAlgorithm],
    }),
  )
  add('BUG-01', 'alg none with a signature', () =>
    verifyJwt(unsecured('none') + 'AAAA', verifiers.HS256, options),
  )
  add('BUG-01', 'alg none compact JWS', () => verifyCompact(unsecured('none'), verifiers.HS256))
  add('BUG-01', 'alg none flattened JSON', () =>
    verifyJson(
      { protected: segment({ alg: 'none' }), payload: payloadSegment, signature: '' },
      verifiers.HS256,
    ),
  )
  add('BUG-01', 'alg none unprotected header', () =>
    verifyJson(
      { header: { alg: 'none' }, payload: payloadSegment, signature: '' },
      verifiers.HS256,
    ),
  )
  add('BUG-01', 'alg none JWE', () =>
    import('../../src/index.js').then(({ decryptCompact }) =>
      decryptCompact(
        `${segment({ alg: 'none', enc: 'A128GCM' })}..AAAAAAAAAAAAAAAA.AAAA.AAAAAAAAAAAAAAAAAAAAAA`,
        encryptionKeys['dir']!,
      ),
    ),
  )

  // Every asymmetric key's public form tried as an HMAC secret, with the
  // HMAC algorithm allowed or not.
  const publicKeys = {
    RS256: rsa.publicJwk,
    ES256: ec.publicJwk,
    EdDSA: ed25519.publicJwk,
  } as const
  for (const [family, jwk] of Object.entries(publicKeys) as [
    keyof typeof publicKeys,
    JsonWebKey,
  ][]) {
    for (const [form, secret] of Object.entries(publicSecrets(jwk))) {
      for (const alg of Object.keys(hmacHashes) as (keyof typeof hmacHashes)[]) {
        add('BUG-02', `${alg} forged with ${family} ${form}`, () =>
          verifyJwt(hmacForgery(alg, secret), verifiers[family], options),
        )
        add('BUG-03', `${alg} forged with ${family} ${form}, ${alg} allowed`, () =>
          verifyJwt(hmacForgery(alg, secret), verifiers[family], {
            ...options,
            algorithms: [verifiers[family].alg as JwsAlgorithm, alg],
          }),
        )
      }
    }
  }
  // Every verification key against a token of every other signature family.
  for (const [keyFamily, key] of Object.entries(verifiers) as [SigningFamily, JotKey][]) {
    for (const [tokenFamily, token] of Object.entries(tokens) as [SigningFamily, string][]) {
      if (keyFamily === tokenFamily) continue
      if (keyFamily.slice(0, 2) === 'RS' && tokenFamily.slice(0, 2) === 'PS') continue
      add('BUG-03', `${keyFamily} key verifies ${tokenFamily}`, () =>
        verifyJwt(token, key, options),
      )
      add('BUG-03', `${keyFamily} key verifies ${tokenFamily}, both allowed`, () =>
        verifyJwt(token, key, { ...options, algorithms: [keyFamily, tokenFamily] }),
      )
    }
  }
  add('BUG-03', 'RS256 key verifies PS256', () => verifyJwt(tokens.PS256, verifiers.RS256, options))
  // Keys bound to JWE algorithms neither sign nor verify, and signature keys do not encrypt.
  for (const [name, key] of Object.entries(encryptionKeys)) {
    add('BUG-03', `${name} key verifies RS256`, () => verifyJwt(tokens.RS256, key, options))
    add('BUG-03', `${name} key verifies HS256`, () => verifyJwt(tokens.HS256, key, options))
    add('BUG-03', `${name} key signs`, () => signJwt(CLAIMS, key))
  }
  for (const [name, key] of Object.entries({ ...signers, ...verifiers })) {
    add('BUG-03', `${name} ${key.kind} key encrypts`, () =>
      encryptCompact('x', key, { enc: 'A128GCM' }),
    )
  }
  for (const [name, key] of Object.entries(verifiers)) {
    if (key.kind === 'secret') continue
    add('BUG-03', `${name} public key signs`, () => signJwt(CLAIMS, key))
  }

  // Zero and out-of-range ECDSA signatures on every curve, and other all-zero signatures.
  for (const [alg, size] of Object.entries(ecdsaSizes) as [keyof typeof ecdsaSizes, number][]) {
    add('BUG-05', `${alg} r and s zero`, () =>
      verifyJwt(withSignature(alg, new Uint8Array(2 * size)), ecdsaVerifiers[alg], options),
    )
  }
  const half = 32
  const rZero = new Uint8Array(2 * half)
  rZero.set(random(half), half)
  const sZero = new Uint8Array(2 * half)
  sZero.set(random(half), 0)
  const orders = new Uint8Array(2 * half)
  orders.set(CURVE_ORDER_P256, 0)
  orders.set(CURVE_ORDER_P256, half)
  add('BUG-05', 'ES256 r zero', () =>
    verifyJwt(withSignature('ES256', rZero), verifiers.ES256, options),
  )
  add('BUG-05', 'ES256 s zero', () =>
    verifyJwt(withSignature('ES256', sZero), verifiers.ES256, options),
  )
  add('BUG-05', 'ES256 r and s equal n', () =>
    verifyJwt(withSignature('ES256', orders), verifiers.ES256, options),
  )
  add('BUG-05', 'ES256 all ones', () =>
    verifyJwt(withSignature('ES256', new Uint8Array(64).fill(0xff)), verifiers.ES256, options),
  )
  add('BUG-05', 'ES256 DER signature', () => {
    const der = nodeSign('sha256', Buffer.from(tokens.ES256.split('.').slice(0, 2).join('.')), {
      key: createPrivateKey({ key: ec.privateJwk, format: 'jwk' }),
    })
    return verifyJwt(withSignature('ES256', der), verifiers.ES256, options)
  })
  add('BUG-05', 'ES256 empty signature', () =>
    verifyJwt(withSignature('ES256', new Uint8Array(0)), verifiers.ES256, options),
  )
  add('BUG-05', 'EdDSA zero signature', () =>
    verifyJwt(withSignature('EdDSA', new Uint8Array(64)), verifiers.EdDSA, options),
  )
  add('BUG-05', 'RS256 zero signature', () =>
    verifyJwt(withSignature('RS256', new Uint8Array(256)), verifiers.RS256, options),
  )
  add('BUG-05', 'RS256 signature equal n', () =>
    verifyJwt(
      withSignature('RS256', Buffer.from(String(rsa.publicJwk.n), 'base64url')),
      verifiers.RS256,
      options,
    ),
  )
  add('BUG-05', 'HS256 zero signature', () =>
    verifyJwt(withSignature('HS256', new Uint8Array(32)), verifiers.HS256, options),
  )
  add('BUG-05', 'HS256 empty signature', () =>
    verifyJwt(withSignature('HS256', new Uint8Array(0)), verifiers.HS256, options),
  )
  add('BUG-05', 'HS256 truncated signature', () =>
    verifyJwt(tokens.HS256.slice(0, tokens.HS256.length - 11), verifiers.HS256, options),
  )
  return result
}

export const jwsSiblings = rows()
