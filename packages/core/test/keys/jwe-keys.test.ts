import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import {
  exportJwk,
  exportPem,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  importPem,
  importSecret,
  signJwt,
  toPublicKey,
} from '../../src/index.js'
import type { JweKeyManagementAlgorithm, Jwk, KeyAlgorithm } from '../../src/index.js'
import { describeKey, jotError, readKeyFixture } from './helpers.js'

const bytes = (length: number) => new Uint8Array(length).fill(7)

// An exported JWK names its algorithm, which importJwk would hold against a different option.
const withoutAlg = (jwk: Jwk): Jwk =>
  Object.fromEntries(Object.entries(jwk).filter(([name]) => name !== 'alg')) as unknown as Jwk

const secretSizes: [JweKeyManagementAlgorithm, number][] = [
  ['A128KW', 16],
  ['A192KW', 24],
  ['A256KW', 32],
  ['A128GCMKW', 16],
  ['A192GCMKW', 24],
  ['A256GCMKW', 32],
]

for (const [alg, size] of secretSizes) {
  test(`importSecret ${alg} needs ${size} bytes`, async () => {
    const key = await importSecret(bytes(size), { alg, kid: 'w' })
    assert.deepEqual(describeKey(key), {
      kind: 'secret',
      kty: 'oct',
      crv: undefined,
      bits: size * 8,
      alg,
      kid: 'w',
      use: undefined,
      keyOps: undefined,
      extractable: true,
    })
    await assert.rejects(
      importSecret(bytes(size + 8), { alg }),
      jotError(
        'KEY_INVALID',
        `The AES key is ${size + 8} bytes long; ${alg} needs exactly ${size} bytes.`,
      ),
    )
  })

  test(`generateSecret ${alg} makes ${size} bytes`, async () => {
    const key = await generateSecret(alg)
    assert.equal(key.bits, size * 8)
    const jwk = await exportJwk(key)
    assert.equal(Buffer.from(jwk.k!, 'base64url').length, size)
    assert.equal(jwk.alg, alg)
  })
}

test('dir keys take any CEK length', async () => {
  for (const size of [16, 24, 32, 48, 64]) {
    assert.equal((await importSecret(bytes(size), { alg: 'dir' })).bits, size * 8)
  }
  await assert.rejects(
    importSecret(bytes(20), { alg: 'dir' }),
    jotError(
      'KEY_INVALID',
      'The direct encryption key is 20 bytes long; dir needs 16, 24, 32, 48 or 64 bytes, the CEK length of an enc algorithm.',
    ),
  )
  await assert.rejects(
    importJwk({ kty: 'oct', k: Buffer.from(bytes(8)).toString('base64url') }, { alg: 'dir' }),
    jotError(
      'KEY_INVALID',
      'The direct encryption key is 8 bytes long; dir needs 16, 24, 32, 48 or 64 bytes, the CEK length of an enc algorithm.',
    ),
  )
})

test('generateSecret dir follows enc', async () => {
  assert.equal((await generateSecret('dir', { enc: 'A128CBC-HS256' })).bits, 256)
  assert.equal((await generateSecret('dir', { enc: 'A256CBC-HS512' })).bits, 512)
  assert.equal((await generateSecret('dir', { enc: 'A192GCM' })).bits, 192)
  await assert.rejects(
    generateSecret('dir'),
    jotError(
      'OPTION_INVALID',
      "generateSecret needs the enc option for dir, because the key is the CEK, for example { enc: 'A256GCM' }.",
    ),
  )
  await assert.rejects(
    generateSecret('A128KW', { enc: 'A128GCM' }),
    jotError('OPTION_INVALID', 'The enc option of generateSecret applies to dir only.'),
  )
  await assert.rejects(
    generateSecret('dir', { enc: 'A512GCM' as 'A128GCM' }),
    jotError(
      'OPTION_INVALID',
      'The enc option of generateSecret names "A512GCM", which is not a supported content encryption algorithm.',
    ),
  )
})

test('PBES2 password of any length', async () => {
  const password = await importSecret(new TextEncoder().encode('pw'), {
    alg: 'PBES2-HS256+A128KW',
  })
  assert.equal(password.bits, 16)
  await assert.rejects(
    importSecret(new Uint8Array(0), { alg: 'PBES2-HS512+A256KW' }),
    jotError('KEY_INVALID', 'The PBES2 password is empty.'),
  )
  await assert.rejects(
    generateSecret('PBES2-HS256+A128KW'),
    jotError(
      'ARGUMENT_INVALID',
      'generateSecret does not make PBES2-HS256+A128KW keys: PBES2 protects content with a password a person chose, so import that password with importSecret, or generate an A256KW key instead.',
    ),
  )
})

test('RSA-OAEP key pair and limits', async () => {
  const { privateKey, publicKey } = await generateKeyPair('RSA-OAEP-512', { kid: 'r' })
  assert.equal(privateKey.alg, 'RSA-OAEP-512')
  assert.equal(publicKey.bits, 2048)
  const jwk = await exportJwk(privateKey)
  const again = await importJwk(jwk)
  assert.equal(again.alg, 'RSA-OAEP-512')
  const pem = await importPem(await exportPem(publicKey), { alg: 'RSA-OAEP' })
  assert.equal(pem.kind, 'public')

  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey
  await assert.rejects(
    importPem(weak.export({ format: 'pem', type: 'spki' }).toString(), { alg: 'RSA-OAEP-256' }),
    jotError(
      'KEY_INVALID',
      'The RSA key has a 1024-bit modulus; RSA-OAEP-256 needs at least 2048 bits.',
    ),
  )
  await assert.rejects(
    generateKeyPair('RSA-OAEP', { crv: 'P-256' }),
    jotError('OPTION_INVALID', 'The crv option does not apply to RSA-OAEP.'),
  )
})

const curves = ['P-256', 'P-384', 'P-521', 'X25519', 'X448'] as const

for (const crv of curves) {
  test(`ECDH-ES key pair on ${crv}`, async () => {
    const { privateKey, publicKey } = await generateKeyPair('ECDH-ES+A128KW', { crv })
    assert.equal(privateKey.crv, crv)
    assert.equal(publicKey.kty, crv.startsWith('P-') ? 'EC' : 'OKP')
    const privateJwk = await exportJwk(privateKey)
    const imported = await importJwk(privateJwk)
    assert.deepEqual(describeKey(imported), { ...describeKey(privateKey) })
    const publicJwk = await exportPublicJwk(privateKey)
    assert.deepEqual(describeKey(await importJwk(publicJwk)), describeKey(publicKey))
  })
}

test('ECDH-ES default curve is P-256', async () => {
  const { publicKey } = await generateKeyPair('ECDH-ES')
  assert.equal(publicKey.crv, 'P-256')
})

test('X25519 PEM imports for ECDH-ES', async () => {
  const key = await importPem(readKeyFixture('x25519-pkcs8.pem'), { alg: 'ECDH-ES' })
  assert.deepEqual(describeKey(key), {
    kind: 'private',
    kty: 'OKP',
    crv: 'X25519',
    bits: 255,
    alg: 'ECDH-ES',
    kid: undefined,
    use: undefined,
    keyOps: undefined,
    extractable: true,
  })
})

test('X25519 private JWK must match x', async () => {
  const first = await exportJwk((await generateKeyPair('ECDH-ES', { crv: 'X25519' })).privateKey)
  const second = await exportJwk((await generateKeyPair('ECDH-ES', { crv: 'X25519' })).privateKey)
  await assert.rejects(
    importJwk({ ...first, x: second.x }),
    jotError('KEY_INVALID', 'The private JWK\'s public members do not match its private key "d".'),
  )
})

const rejections: [string, () => Promise<unknown>, string, string][] = [
  [
    'secp256k1 for ECDH-ES',
    async () =>
      importJwk(withoutAlg(await exportJwk((await generateKeyPair('ES256K')).publicKey)), {
        alg: 'ECDH-ES',
      }),
    'KEY_INVALID',
    'The algorithm ECDH-ES needs a key on curve P-256, P-384, P-521, X25519 or X448, not secp256k1.',
  ],
  [
    'Ed25519 for ECDH-ES',
    async () =>
      importJwk(withoutAlg(await exportJwk((await generateKeyPair('Ed25519')).publicKey)), {
        alg: 'ECDH-ES',
      }),
    'KEY_INVALID',
    'The algorithm ECDH-ES needs a key on curve P-256, P-384, P-521, X25519 or X448, not Ed25519.',
  ],
  [
    'RSA for ECDH-ES',
    async () =>
      importJwk(withoutAlg(await exportJwk((await generateKeyPair('RS256')).publicKey)), {
        alg: 'ECDH-ES',
      }),
    'KEY_INVALID',
    'The algorithm ECDH-ES needs an EC or OKP key, not an RSA key.',
  ],
  [
    'EC for RSA-OAEP',
    async () =>
      importJwk(withoutAlg(await exportJwk((await generateKeyPair('ES256')).publicKey)), {
        alg: 'RSA-OAEP',
      }),
    'KEY_INVALID',
    'The algorithm RSA-OAEP needs an RSA key, not an EC key.',
  ],
  [
    'secp256k1 ECDH curve option',
    () => generateKeyPair('ECDH-ES', { crv: 'secp256k1' }),
    'OPTION_INVALID',
    'The crv option of generateKeyPair must be P-256, P-384, P-521, X25519 or X448 for ECDH-ES, not "secp256k1".',
  ],
  [
    'PEM as AES key',
    () => importPem(readKeyFixture('rsa-2048-spki.pem'), { alg: 'A128KW' }),
    'KEY_INVALID',
    'A PEM key cannot serve as a secret key for A128KW; import secret keys with importSecret or an oct JWK.',
  ],
  [
    'enc name as algorithm',
    () => importSecret(bytes(16), { alg: 'A128GCM' as KeyAlgorithm }),
    'ALG_UNSUPPORTED',
    '"A128GCM" is a JWE content encryption algorithm (enc), not a key algorithm; bind a key for direct encryption to "dir".',
  ],
  [
    'key pair for AES',
    () => generateKeyPair('A256KW'),
    'ARGUMENT_INVALID',
    'generateKeyPair makes asymmetric keys; use generateSecret for A256KW.',
  ],
  [
    'secret for ECDH-ES',
    () => generateSecret('ECDH-ES'),
    'ARGUMENT_INVALID',
    'generateSecret makes secret keys; use generateKeyPair for ECDH-ES.',
  ],
]

for (const [label, run, code, message] of rejections) {
  test(`JWE key rejects ${label}`, async () => {
    await assert.rejects(run(), jotError(code as 'KEY_INVALID', message))
  })
}

test('enc key refuses signing', async () => {
  const key = await importJwk(
    { kty: 'oct', k: Buffer.from(bytes(32)).toString('base64url'), use: 'enc' },
    { alg: 'HS256' },
  )
  await assert.rejects(
    signJwt({}, key),
    jotError('KEY_INVALID', 'The key is marked use "enc" and cannot sign.'),
  )
})

test('ECDH public key keeps deriveKey', async () => {
  const { privateKey } = await generateKeyPair('ECDH-ES')
  const jwk = await exportJwk(privateKey)
  const restricted = await importJwk({ ...jwk, key_ops: ['deriveKey'] })
  const publicKey = await toPublicKey(restricted)
  assert.deepEqual(publicKey.keyOps, ['deriveKey'])
  assert.deepEqual((await exportPublicJwk(restricted)).key_ops, ['deriveKey'])
})
