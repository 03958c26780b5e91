/** ECDH on the Node.js backend: createECDH with raw points for the NIST curves. */
import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createECDH, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto'
import { EcPublicPoint, primeCurveOf } from '../../src/backend/node/ec-point.js'
import {
  deriveSharedSecret,
  generateAgreementKeyPair,
  importAgreementPublicKey,
} from '../../src/backend/node/key-agreement.js'
import { decryptCompact, generateKeyPair } from '../../src/index.js'
import { withHeader } from '../jwe/craft.js'
import { jotError } from '../jwe/helpers.js'

const CURVES = [
  { crv: 'P-256', name: 'prime256v1', bytes: 32 },
  { crv: 'P-384', name: 'secp384r1', bytes: 48 },
  { crv: 'P-521', name: 'secp521r1', bytes: 66 },
] as const

function members(crv: string, x: Buffer, y: Buffer): Record<string, string> {
  return { kty: 'EC', crv, x: x.toString('base64url'), y: y.toString('base64url') }
}

/** Returns a fresh point from OpenSSL, and the same point with the last bit of y flipped. */
function points(name: string, crv: string, bytes: number) {
  const point = createECDH(name).generateKeys()
  const x = point.subarray(1, 1 + bytes)
  const y = point.subarray(1 + bytes)
  const changed = Buffer.from(y)
  changed[bytes - 1] = (changed[bytes - 1] as number) ^ 1
  return { onCurve: members(crv, x, y), offCurve: members(crv, x, changed) }
}

function toBytes(value: bigint, length: number): Buffer {
  return Buffer.from(value.toString(16).padStart(length * 2, '0'), 'hex')
}

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let power = base % modulus
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * power) % modulus
    power = (power * power) % modulus
  }
  return result
}

// Finds the valid point with the smallest x. Because p is 3 mod 4 for all three curves, the
// square root of the right-hand side r is r^((p + 1) / 4) whenever one exists.
function smallestPoint(crv: string): { x: bigint; y: bigint; p: bigint } {
  const curve = primeCurveOf(crv)
  assert.ok(curve)
  const { p, b } = curve
  for (let x = 0n; ; x++) {
    const right = (((x * x * x - 3n * x + b) % p) + p) % p
    const y = modPow(right, (p + 1n) / 4n, p)
    if ((y * y) % p === right) return { x, y, p }
  }
}

for (const { crv, name, bytes } of CURVES) {
  test(`node import accepts ${crv} point`, () => {
    const { onCurve } = points(name, crv, bytes)
    assert.doesNotThrow(() => importAgreementPublicKey(onCurve))
  })

  test(`node import rejects off-curve ${crv}`, () => {
    const { offCurve } = points(name, crv, bytes)
    assert.throws(
      () => importAgreementPublicKey(offCurve),
      jotError('KEY_INVALID', 'The public key is not valid on its curve.'),
    )
  })

  test(`node import rejects ${crv} x above p`, () => {
    const { x, y, p } = smallestPoint(crv)
    assert.doesNotThrow(() =>
      importAgreementPublicKey(members(crv, toBytes(x, bytes), toBytes(y, bytes))),
    )
    // x + p names the same point modulo p, but is not a field element.
    assert.throws(
      () => importAgreementPublicKey(members(crv, toBytes(x + p, bytes), toBytes(y, bytes))),
      jotError('KEY_INVALID', 'The public key is not valid on its curve.'),
    )
  })

  test(`node ECDH ${crv} matches KeyObjects`, () => {
    const recipient = generateKeyPairSync('ec', { namedCurve: name })
    const ephemeral = generateAgreementKeyPair(crv)
    const epk = importAgreementPublicKey(ephemeral.publicMembers)
    const sent = deriveSharedSecret(ephemeral.privateKey, recipient.publicKey)
    const received = deriveSharedSecret(recipient.privateKey, epk)
    const expected = diffieHellman({
      privateKey: recipient.privateKey,
      publicKey: createPublicKey({ key: ephemeral.publicMembers, format: 'jwk' }),
    })
    assert.deepEqual(sent, expected)
    assert.deepEqual(received, expected)
  })

  test(`off-curve ${crv} epk rejected as malformed`, async () => {
    const { privateKey } = await generateKeyPair('ECDH-ES', { crv })
    const { offCurve } = points(name, crv, bytes)
    const token = withHeader({ alg: 'ECDH-ES', enc: 'A128GCM', epk: offCurve })
    await assert.rejects(
      decryptCompact(token, privateKey),
      jotError(
        'TOKEN_MALFORMED',
        `The header parameter "epk" is not a valid public key on ${crv}.`,
      ),
    )
  })
}

test('node ephemeral key agrees only once', () => {
  const recipient = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ephemeral = generateAgreementKeyPair('P-256')
  assert.ok(deriveSharedSecret(ephemeral.privateKey, recipient.publicKey))
  assert.equal(deriveSharedSecret(ephemeral.privateKey, recipient.publicKey), undefined)
})

// The second key pair reuses the first one's createECDH object, which must hold a new key.
test('node ephemeral keys stay distinct on reuse', () => {
  const recipient = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const first = generateAgreementKeyPair('P-256')
  const firstSecret = deriveSharedSecret(first.privateKey, recipient.publicKey)
  const second = generateAgreementKeyPair('P-256')
  const secondSecret = deriveSharedSecret(second.privateKey, recipient.publicKey)
  const expected = diffieHellman({
    privateKey: recipient.privateKey,
    publicKey: createPublicKey({ key: second.publicMembers, format: 'jwk' }),
  })
  assert.notDeepEqual(second.publicMembers, first.publicMembers)
  assert.notDeepEqual(secondSecret, firstSecret)
  assert.deepEqual(secondSecret, expected)
})

test('node ECDH across curves gives no secret', () => {
  const recipient = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const ephemeral = generateAgreementKeyPair('P-384')
  const epk = importAgreementPublicKey(ephemeral.publicMembers)
  assert.equal(deriveSharedSecret(ephemeral.privateKey, recipient.publicKey), undefined)
  assert.equal(deriveSharedSecret(recipient.privateKey, epk), undefined)
})

// The import check reports the error. This test shows that createECDH checks the point again.
test('node ECDH refuses unchecked off-curve point', () => {
  const curve = primeCurveOf('P-256')
  assert.ok(curve)
  const recipient = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const { onCurve, offCurve } = points('prime256v1', 'P-256', 32)
  const point = (jwk: Record<string, string>) =>
    new EcPublicPoint(
      curve,
      Buffer.concat([
        Buffer.from([4]),
        Buffer.from(jwk['x'] ?? '', 'base64url'),
        Buffer.from(jwk['y'] ?? '', 'base64url'),
      ]),
    )
  assert.ok(deriveSharedSecret(recipient.privateKey, point(onCurve)))
  assert.equal(deriveSharedSecret(recipient.privateKey, point(offCurve)), undefined)
})
