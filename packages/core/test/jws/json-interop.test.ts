import { test } from 'node:test'
import assert from 'node:assert/strict'
import * as jose from 'jose'
import {
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  signCompact,
  signJson,
  verifyCompact,
  verifyJson,
} from '../../src/index.js'
import type { JotKey, JwsAlgorithm } from '../../src/index.js'
import { bytes } from './helpers.js'

// jose 6 dropped ES256K and Ed448, so those two are left out.
const ALGS: JwsAlgorithm[] = [
  'HS256',
  'HS512',
  'RS256',
  'PS384',
  'ES256',
  'ES512',
  'EdDSA',
  'Ed25519',
]

interface Pair {
  readonly signKey: JotKey
  readonly verifyKey: JotKey
  readonly joseSignKey: jose.CryptoKey | Uint8Array
  readonly joseVerifyKey: jose.CryptoKey | Uint8Array
}

async function pairFor(alg: JwsAlgorithm, kid: string): Promise<Pair> {
  if (alg.startsWith('HS')) {
    const secret = await generateSecret(alg, { kid })
    const joseKey = await jose.importJWK((await exportJwk(secret)) as jose.JWK, alg)
    return { signKey: secret, verifyKey: secret, joseSignKey: joseKey, joseVerifyKey: joseKey }
  }
  const { privateKey, publicKey } = await generateKeyPair(alg, { kid })
  return {
    signKey: privateKey,
    verifyKey: publicKey,
    joseSignKey: await jose.importJWK((await exportJwk(privateKey)) as jose.JWK, alg),
    joseVerifyKey: await jose.importJWK((await exportPublicJwk(publicKey)) as jose.JWK, alg),
  }
}

/** Passes a jot JWS to jose the way it would travel: as JSON text, parsed again. */
function overTheWire(value: unknown): jose.FlattenedJWSInput & jose.GeneralJWSInput {
  return JSON.parse(JSON.stringify(value)) as jose.FlattenedJWSInput & jose.GeneralJWSInput
}

const PAYLOAD = 'interop payload: ünïcode.'

for (const alg of ALGS) {
  test(`jose flattened interop ${alg}`, async () => {
    const pair = await pairFor(alg, `${alg}-kid`)

    const fromJot = await signJson(
      PAYLOAD,
      [{ key: pair.signKey, protectedHeader: { typ: 'x' }, unprotectedHeader: { note: 1 } }],
      { serialization: 'flattened' },
    )
    const verified = await jose.flattenedVerify(overTheWire(fromJot), pair.joseVerifyKey)
    assert.deepEqual(new TextDecoder().decode(verified.payload), PAYLOAD)
    assert.deepEqual(verified.protectedHeader, { alg, kid: `${alg}-kid`, typ: 'x' })
    assert.deepEqual(verified.unprotectedHeader, { note: 1 })

    const fromJose = await new jose.FlattenedSign(bytes(PAYLOAD))
      .setProtectedHeader({ alg, typ: 'x' })
      .setUnprotectedHeader({ kid: `${alg}-kid` })
      .sign(pair.joseSignKey)
    const result = await verifyJson(fromJose, pair.verifyKey)
    assert.deepEqual(result, {
      payload: bytes(PAYLOAD),
      header: { alg, typ: 'x', kid: `${alg}-kid` },
      protectedHeader: { alg, typ: 'x' },
      unprotectedHeader: { kid: `${alg}-kid` },
      signatureIndex: 0,
    })
  })
}

test('jose general interop', async () => {
  const ec = await pairFor('ES256', 'ec')
  const rsa = await pairFor('PS384', 'rsa')
  const hs = await pairFor('HS256', 'hs')

  const fromJot = await signJson(PAYLOAD, [
    { key: ec.signKey },
    { key: rsa.signKey, unprotectedHeader: { role: 'witness' } },
    { key: hs.signKey },
  ])
  const wire = overTheWire(fromJot)
  for (const [pair, alg] of [
    [ec, 'ES256'],
    [rsa, 'PS384'],
    [hs, 'HS256'],
  ] as const) {
    const verified = await jose.generalVerify(wire, pair.joseVerifyKey, { algorithms: [alg] })
    assert.equal(new TextDecoder().decode(verified.payload), PAYLOAD)
    assert.equal(verified.protectedHeader?.alg, alg)
  }

  const fromJose = await new jose.GeneralSign(bytes(PAYLOAD))
    .addSignature(ec.joseSignKey)
    .setProtectedHeader({ alg: 'ES256', kid: 'ec' })
    .addSignature(rsa.joseSignKey)
    .setProtectedHeader({ alg: 'PS384' })
    .setUnprotectedHeader({ kid: 'rsa' })
    .addSignature(hs.joseSignKey)
    .setProtectedHeader({ alg: 'HS256', kid: 'hs' })
    .sign()
  const expected: [JotKey, number, Record<string, unknown>][] = [
    [ec.verifyKey, 0, { alg: 'ES256', kid: 'ec' }],
    [rsa.verifyKey, 1, { alg: 'PS384', kid: 'rsa' }],
    [hs.verifyKey, 2, { alg: 'HS256', kid: 'hs' }],
  ]
  for (const [key, index, header] of expected) {
    const result = await verifyJson(fromJose, key)
    assert.equal(result.signatureIndex, index)
    assert.deepEqual(result.header, header)
    assert.deepEqual(result.payload, bytes(PAYLOAD))
  }
})

test('jose unencoded flattened interop', async () => {
  const { signKey, verifyKey, joseSignKey, joseVerifyKey } = await pairFor('ES256', 'ec')

  const fromJot = await signJson(PAYLOAD, [{ key: signKey }], {
    serialization: 'flattened',
    b64: false,
  })
  assert.equal(fromJot.payload, PAYLOAD)
  const verified = await jose.flattenedVerify(overTheWire(fromJot), joseVerifyKey)
  assert.equal(new TextDecoder().decode(verified.payload), PAYLOAD)
  assert.deepEqual(verified.protectedHeader, {
    alg: 'ES256',
    kid: 'ec',
    b64: false,
    crit: ['b64'],
  })

  const fromJose = await new jose.FlattenedSign(bytes(PAYLOAD))
    .setProtectedHeader({ alg: 'ES256', b64: false, crit: ['b64'] })
    .sign(joseSignKey)
  // jose 6 leaves an unencoded payload out of its output, for the caller to attach or send apart.
  assert.equal(fromJose.payload, '')
  const expected = {
    payload: bytes(PAYLOAD),
    header: { alg: 'ES256', b64: false, crit: ['b64'] },
    protectedHeader: { alg: 'ES256', b64: false, crit: ['b64'] },
    unprotectedHeader: undefined,
    signatureIndex: 0,
  }
  assert.deepEqual(await verifyJson({ ...fromJose, payload: PAYLOAD }, verifyKey), expected)
  assert.deepEqual(await verifyJson(fromJose, verifyKey, { detachedPayload: PAYLOAD }), expected)
})

test('jose unencoded general interop', async () => {
  const ec = await pairFor('ES256', 'ec')
  const hs = await pairFor('HS384', 'hs')

  const fromJot = await signJson(PAYLOAD, [{ key: ec.signKey }, { key: hs.signKey }], {
    b64: false,
  })
  const wire = overTheWire(fromJot)
  const verified = await jose.generalVerify(wire, hs.joseVerifyKey, { algorithms: ['HS384'] })
  assert.equal(new TextDecoder().decode(verified.payload), PAYLOAD)

  const fromJose = await new jose.GeneralSign(bytes(PAYLOAD))
    .addSignature(ec.joseSignKey)
    .setProtectedHeader({ alg: 'ES256', b64: false, crit: ['b64'] })
    .addSignature(hs.joseSignKey)
    .setProtectedHeader({ alg: 'HS384', b64: false, crit: ['b64'] })
    .sign()
  const result = await verifyJson({ ...fromJose, payload: PAYLOAD }, hs.verifyKey)
  assert.equal(result.signatureIndex, 1)
  assert.deepEqual(result.payload, bytes(PAYLOAD))
})

test('jose unencoded detached compact interop', async () => {
  const { signKey, verifyKey, joseSignKey, joseVerifyKey } = await pairFor('EdDSA', 'ed')

  const fromJot = await signCompact(PAYLOAD, signKey, { b64: false, detached: true })
  const [protectedMember, , signature] = fromJot.split('.')
  const verified = await jose.flattenedVerify(
    { protected: protectedMember!, payload: PAYLOAD, signature: signature! },
    joseVerifyKey,
  )
  assert.equal(new TextDecoder().decode(verified.payload), PAYLOAD)

  const fromJose = await new jose.FlattenedSign(bytes(PAYLOAD))
    .setProtectedHeader({ alg: 'EdDSA', b64: false, crit: ['b64'] })
    .sign(joseSignKey)
  const detached = `${fromJose.protected!}..${fromJose.signature}`
  const result = await verifyCompact(detached, verifyKey, { detachedPayload: PAYLOAD })
  assert.deepEqual(result, {
    header: { alg: 'EdDSA', b64: false, crit: ['b64'] },
    payload: bytes(PAYLOAD),
  })
})

test('jose rejects what jot rejects', async () => {
  const { signKey, verifyKey, joseVerifyKey } = await pairFor('HS256', 'hs')
  const jws = await signJson(PAYLOAD, [{ key: signKey }], { serialization: 'flattened' })
  const payload = jws.payload!
  const tampered = {
    ...jws,
    payload: `${payload.slice(0, -1)}${payload.endsWith('A') ? 'B' : 'A'}`,
  }
  await assert.rejects(jose.flattenedVerify(overTheWire(tampered), joseVerifyKey), {
    code: 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED',
  })
  await assert.rejects(verifyJson(tampered, verifyKey), {
    code: 'SIGNATURE_INVALID',
    message: 'The signature is invalid.',
  })
})
