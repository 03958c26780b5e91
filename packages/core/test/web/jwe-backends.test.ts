/**
 * JWE across the two backends: tokens made on node:crypto open on Web Crypto and back, Web
 * Crypto's own point check, and the errors for what a runtime's Web Crypto lacks.
 */
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { useBackend } from '../../src/backend/use-backend.js'
import { webJweBackend } from '../../src/backend/web/jwe.js'
import {
  JWE_CONTENT_ENCRYPTION_ALGORITHMS,
  decryptAndVerifyJwt,
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  importSecret,
  signAndEncryptJwt,
} from '../../src/index.js'
import type {
  Curve,
  Jwk,
  JweContentEncryptionAlgorithm,
  JweKeyManagementAlgorithm,
} from '../../src/index.js'
import { NOW } from '../fixtures/tokens.js'
import { ECDH_CURVES, PASSWORD, TEST_PBES2_COUNT, jotError } from '../jwe/helpers.js'

type Backend = 'node' | 'web'

/** Key material as JWKs, so each backend imports its own key from the same members. */
interface Material {
  readonly label: string
  readonly encryptJwk: Jwk
  readonly decryptJwk: Jwk
}

const MESSAGE = 'Not all those who wander are lost.'

const pairAlgorithms: readonly JweKeyManagementAlgorithm[] = [
  'RSA-OAEP',
  'RSA-OAEP-256',
  'RSA-OAEP-384',
  'RSA-OAEP-512',
  'ECDH-ES',
  'ECDH-ES+A128KW',
  'ECDH-ES+A192KW',
  'ECDH-ES+A256KW',
]
const secretAlgorithms: readonly JweKeyManagementAlgorithm[] = [
  'A128KW',
  'A192KW',
  'A256KW',
  'A128GCMKW',
  'A192GCMKW',
  'A256GCMKW',
]
const passwordAlgorithms: readonly JweKeyManagementAlgorithm[] = [
  'PBES2-HS256+A128KW',
  'PBES2-HS384+A192KW',
  'PBES2-HS512+A256KW',
]

// Keys are made on the Node.js backend and carried as JWKs.
useBackend('node')
const materials: Material[] = []
for (const alg of pairAlgorithms) {
  const curves: readonly (Curve | undefined)[] = alg.startsWith('ECDH') ? ECDH_CURVES : [undefined]
  for (const crv of curves) {
    const pair = await generateKeyPair(alg, crv === undefined ? {} : { crv })
    materials.push({
      label: crv === undefined ? alg : `${alg} ${crv}`,
      encryptJwk: await exportPublicJwk(pair.publicKey),
      decryptJwk: await exportJwk(pair.privateKey),
    })
  }
}
for (const alg of secretAlgorithms) {
  const jwk = await exportJwk(await generateSecret(alg))
  materials.push({ label: alg, encryptJwk: jwk, decryptJwk: jwk })
}
for (const alg of passwordAlgorithms) {
  const jwk = await exportJwk(await importSecret(PASSWORD, { alg, extractable: true }))
  materials.push({ label: alg, encryptJwk: jwk, decryptJwk: jwk })
}
for (const enc of JWE_CONTENT_ENCRYPTION_ALGORITHMS) {
  const jwk = await exportJwk(await generateSecret('dir', { enc }))
  materials.push({ label: `dir ${enc}`, encryptJwk: jwk, decryptJwk: jwk })
}

// Every material meets every enc across the list; dir keys keep the enc they were made for.
function encFor(material: Material, index: number): JweContentEncryptionAlgorithm {
  const bound = /^dir (.+)$/.exec(material.label)?.[1]
  if (bound !== undefined) return bound as JweContentEncryptionAlgorithm
  return JWE_CONTENT_ENCRYPTION_ALGORITHMS[
    index % JWE_CONTENT_ENCRYPTION_ALGORITHMS.length
  ] as JweContentEncryptionAlgorithm
}

const directions: readonly [Backend, Backend][] = [
  ['node', 'web'],
  ['web', 'node'],
]

for (const [from, to] of directions) {
  for (const [index, material] of materials.entries()) {
    const enc = encFor(material, index)
    test(`${from} to ${to} ${material.label} ${enc}`, async () => {
      useBackend(from)
      const sender = await importJwk(material.encryptJwk)
      const options = { enc, pbes2Count: TEST_PBES2_COUNT }
      const token = await encryptCompact(MESSAGE, sender, { ...options, zip: 'DEF' })
      const jwe = await encryptJson(MESSAGE, sender, { ...options, aad: 'order 1234' })

      useBackend(to)
      const recipient = await importJwk(material.decryptJwk)
      const opened = await decryptCompact(token, recipient)
      assert.equal(Buffer.from(opened.plaintext).toString('utf8'), MESSAGE)
      assert.equal(opened.protectedHeader.zip, 'DEF')
      const openedJson = await decryptJson(jwe, recipient)
      assert.equal(Buffer.from(openedJson.plaintext).toString('utf8'), MESSAGE)
      assert.equal(Buffer.from(openedJson.additionalAuthenticatedData!).toString(), 'order 1234')
    })
  }
}

for (const [from, to] of directions) {
  test(`nested JWT ${from} to ${to}`, async () => {
    useBackend('node')
    const issuer = await generateKeyPair('ES256', { kid: 'sig-1' })
    const recipient = await generateKeyPair('ECDH-ES+A256KW', { kid: 'enc-1' })
    const jwks = {
      signing: await exportJwk(issuer.privateKey),
      verification: await exportPublicJwk(issuer.publicKey),
      encryption: await exportPublicJwk(recipient.publicKey),
      decryption: await exportJwk(recipient.privateKey),
    }

    useBackend(from)
    const keys = {
      signingKey: await importJwk(jwks.signing),
      encryptionKey: await importJwk(jwks.encryption),
    }
    const token = await signAndEncryptJwt({ sub: 'user-1' }, keys, {
      enc: 'A256GCM',
      issuer: 'https://auth.example.com',
      now: NOW,
    })

    useBackend(to)
    const openKeys = {
      decryptionKeys: await importJwk(jwks.decryption),
      verificationKeys: await importJwk(jwks.verification),
    }
    const result = await decryptAndVerifyJwt(token, openKeys, {
      issuer: 'https://auth.example.com',
      now: NOW,
    })
    const { epk, ...encryptionHeader } = result.encryptionHeader
    assert.deepEqual(
      { ...result, encryptionHeader },
      {
        header: { alg: 'ES256', kid: 'sig-1', typ: 'JWT' },
        claims: { sub: 'user-1', iss: 'https://auth.example.com', iat: NOW },
        encryptionHeader: { alg: 'ECDH-ES+A256KW', kid: 'enc-1', enc: 'A256GCM', cty: 'JWT' },
      },
    )
    assert.deepEqual(Object.keys(epk as object), ['kty', 'crv', 'x', 'y'])
  })
}

// Public JWK members of a fresh key, and the same with y changed, which moves the point off
// the curve.
async function pointsOn(crv: 'P-256' | 'P-384' | 'P-521') {
  useBackend('web')
  const { publicKey } = await generateKeyPair('ECDH-ES', { crv })
  const { x, y } = (await exportPublicJwk(publicKey)) as { x: string; y: string }
  const changed = Buffer.from(y, 'base64url')
  changed[changed.length - 1] = (changed[changed.length - 1] ?? 0) ^ 1
  return {
    onCurve: { kty: 'EC', crv, x, y },
    offCurve: { kty: 'EC', crv, x, y: changed.toString('base64url') },
  }
}

for (const crv of ['P-256', 'P-384', 'P-521'] as const) {
  test(`web importKey rejects off-curve ${crv}`, async () => {
    const { onCurve, offCurve } = await pointsOn(crv)
    await assert.rejects(
      Promise.resolve(webJweBackend.importAgreementPublicKey(offCurve)),
      jotError('KEY_INVALID', 'The public key is not valid on its curve.'),
    )
    const imported = await webJweBackend.importAgreementPublicKey(onCurve)
    assert.equal((imported as CryptoKey).type, 'public')
  })
}

// Replaces one SubtleCrypto method for the rest of a test, to act as a runtime whose Web
// Crypto lacks something that Node.js has.
function simulateMissing(
  t: TestContext,
  method: 'importKey' | 'generateKey',
  rejection: (args: unknown[]) => DOMException | undefined,
): void {
  const subtle = crypto.subtle as unknown as Record<string, (...args: unknown[]) => unknown>
  const original = subtle[method] as (...args: unknown[]) => unknown
  subtle[method] = (...args: unknown[]) => {
    const error = rejection(args)
    return error === undefined ? original.apply(crypto.subtle, args) : Promise.reject(error)
  }
  t.after(() => {
    Reflect.deleteProperty(subtle, method)
  })
}

// Chromium rejects 192-bit AES keys at import; the DOMException here stands in for its own.
function withoutAes192(t: TestContext): void {
  simulateMissing(t, 'importKey', ([, data, algorithm]) => {
    const name = typeof algorithm === 'string' ? algorithm : (algorithm as { name: string }).name
    const aes192 = name.startsWith('AES') && (data as Uint8Array).byteLength === 24
    return aes192
      ? new DOMException('192-bit AES keys are not supported', 'OperationError')
      : undefined
  })
}

const AES_192_MESSAGE = (purpose: string) =>
  `The Web Crypto of this runtime does not support 192-bit AES keys, so ${purpose} is not available; use a 128-bit or 256-bit algorithm, or the Node.js backend.`

test('web A192GCM unsupported in runtime', async (t) => {
  useBackend('web')
  const key = await generateSecret('A128KW')
  withoutAes192(t)
  await assert.rejects(
    encryptCompact(MESSAGE, key, { enc: 'A192GCM' }),
    jotError('ALG_UNSUPPORTED', AES_192_MESSAGE('A192GCM')),
  )
  await assert.rejects(
    encryptCompact(MESSAGE, key, { enc: 'A192CBC-HS384' }),
    jotError('ALG_UNSUPPORTED', AES_192_MESSAGE('A192CBC-HS384')),
  )
})

test('web A192KW unsupported in runtime', async (t) => {
  useBackend('web')
  const original = await generateSecret('A192KW')
  const token = await encryptCompact(MESSAGE, original, { enc: 'A128GCM' })
  // A fresh import, because the key above keeps the CryptoKey it already made.
  const wrapping = await importJwk(await exportJwk(original))
  const gcmWrapping = await generateSecret('A192GCMKW')
  withoutAes192(t)
  const keyWrap = AES_192_MESSAGE(
    'AES Key Wrap with a 192-bit key (A192KW, ECDH-ES+A192KW, PBES2-HS384+A192KW)',
  )
  await assert.rejects(
    encryptCompact(MESSAGE, wrapping, { enc: 'A128GCM' }),
    jotError('ALG_UNSUPPORTED', keyWrap),
  )
  // Unsupported is not a decryption failure, so it is reported as such, not as DECRYPTION_FAILED.
  await assert.rejects(decryptCompact(token, wrapping), jotError('ALG_UNSUPPORTED', keyWrap))
  await assert.rejects(
    encryptCompact(MESSAGE, gcmWrapping, { enc: 'A128GCM' }),
    jotError('ALG_UNSUPPORTED', AES_192_MESSAGE('A192GCMKW')),
  )
})

test('web X448 unsupported in runtime', async (t) => {
  useBackend('web')
  const { publicKey } = await generateKeyPair('ECDH-ES', { crv: 'X448' })
  const token = await encryptCompact(MESSAGE, publicKey, { enc: 'A128GCM' })
  const message =
    'The Web Crypto backend of this runtime does not support the curve X448; use the Node.js backend for it.'
  const unsupported = (name: unknown) =>
    (typeof name === 'string' ? name : (name as { name?: string }).name) === 'X448'
      ? new DOMException('Unrecognized algorithm name', 'NotSupportedError')
      : undefined
  simulateMissing(t, 'importKey', ([, , algorithm]) => unsupported(algorithm))
  simulateMissing(t, 'generateKey', ([algorithm]) => unsupported(algorithm))
  await assert.rejects(
    generateKeyPair('ECDH-ES', { crv: 'X448' }),
    jotError('KEY_UNSUPPORTED', message),
  )
  await assert.rejects(
    encryptCompact(MESSAGE, publicKey, { enc: 'A128GCM' }),
    jotError('KEY_UNSUPPORTED', message),
  )
  const recipient = await generateKeyPair('ECDH-ES', { crv: 'X25519' })
  await assert.rejects(
    decryptCompact(token, recipient.privateKey),
    jotError('KEY_UNSUPPORTED', message),
  )
})
