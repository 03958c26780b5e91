import { test } from 'node:test'
import assert from 'node:assert/strict'
import { deflateRawSync } from 'node:zlib'
import {
  decryptCompact,
  encryptCompact,
  exportJwk,
  generateKeyPair,
  importJwk,
  importSecret,
} from '../../src/index.js'
import type { JweHeader, JotKey } from '../../src/index.js'
import { sealGcm, segment, withHeader } from './craft.js'
import { PASSWORD, jotError } from './helpers.js'

const DIR_KEY = Buffer.alloc(32, 7)
const dirKey = await importSecret(DIR_KEY, { alg: 'dir' })

/** A resolver that records every call, to show that a check ran before any key was needed. */
function spyResolver(key: JotKey) {
  const headers: JweHeader[] = []
  const resolver = (header: JweHeader) => {
    headers.push(header)
    return key
  }
  return { resolver, headers }
}

test('p2c of ten million rejected before key work', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
  const { resolver, headers } = spyResolver(password)
  const token = withHeader(
    {
      alg: 'PBES2-HS256+A128KW',
      enc: 'A128GCM',
      p2s: segment('saltsalt16bytes!'),
      p2c: 10_000_000,
    },
    Buffer.alloc(24, 1),
  )
  await assert.rejects(
    decryptCompact(token, resolver),
    jotError(
      'INPUT_TOO_LARGE',
      'The PBES2 iteration count p2c 10000000 exceeds the maximum of 1000000; raise maxPbes2Count to accept it.',
    ),
  )
  // No key was asked for, so no PBKDF2 iteration can have run.
  assert.deepEqual(headers, [])
})

test('p2c cap follows maxPbes2Count', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS512+A256KW' })
  const token = await encryptCompact('capped', password, { enc: 'A256GCM', pbes2Count: 2000 })
  const accepted = await decryptCompact(token, password, { maxPbes2Count: 2000 })
  assert.equal(Buffer.from(accepted.plaintext).toString(), 'capped')
  await assert.rejects(
    decryptCompact(token, password, { maxPbes2Count: 1999 }),
    jotError(
      'INPUT_TOO_LARGE',
      'The PBES2 iteration count p2c 2000 exceeds the maximum of 1999; raise maxPbes2Count to accept it.',
    ),
  )
})

const badCounts: [string, unknown][] = [
  ['zero', 0],
  ['negative', -5],
  ['fraction', 1000.5],
  ['null', null],
]

for (const [label, p2c] of badCounts) {
  test(`p2c ${label} rejected`, async () => {
    const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
    const token = withHeader(
      { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: segment('saltsalt'), p2c },
      Buffer.alloc(24, 1),
    )
    const message =
      p2c === null
        ? 'The header parameter "p2c" must be a number.'
        : 'The header parameter "p2c" must be a positive integer.'
    await assert.rejects(decryptCompact(token, password), jotError('TOKEN_MALFORMED', message))
  })
}

test('p2s shorter than 8 bytes rejected', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
  const token = withHeader(
    { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: segment('7 bytes'), p2c: 1000 },
    Buffer.alloc(24, 1),
  )
  await assert.rejects(
    decryptCompact(token, password),
    jotError('TOKEN_MALFORMED', 'The header parameter "p2s" must be at least 8 bytes, not 7.'),
  )
})

test('p2s and p2c missing rejected', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
  await assert.rejects(
    decryptCompact(
      withHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2c: 1000 }, Buffer.alloc(24)),
      password,
    ),
    jotError('TOKEN_MALFORMED', 'The header has no "p2s" parameter.'),
  )
  await assert.rejects(
    decryptCompact(
      withHeader(
        { alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', p2s: segment('saltsalt') },
        Buffer.alloc(24),
      ),
      password,
    ),
    jotError('TOKEN_MALFORMED', 'The header has no "p2c" parameter.'),
  )
})

test('pbes2Count below 1000 refused', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
  await assert.rejects(
    encryptCompact('x', password, { enc: 'A128GCM', pbes2Count: 999 }),
    jotError(
      'OPTION_INVALID',
      'The "pbes2Count" option must be a whole number of at least 1000; fewer PBKDF2 iterations make the password cheap to guess.',
    ),
  )
})

test('pbes2Count defaults to 600000', async () => {
  const password = await importSecret(PASSWORD, { alg: 'PBES2-HS256+A128KW' })
  const token = await encryptCompact('x', password, { enc: 'A128GCM' })
  const header = JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as {
    p2c: number
    p2s: string
  }
  assert.equal(header.p2c, 600_000)
  assert.equal(Buffer.from(header.p2s, 'base64url').length, 16)
})

const ZIP_HEADER = { alg: 'dir', enc: 'A256GCM', zip: 'DEF' }

test('zip bomb stops at 1 MiB', async () => {
  // 2 MiB of zeros deflate to about 2 KiB: far below every token limit.
  const bomb = deflateRawSync(Buffer.alloc(2 * 1_048_576))
  const token = sealGcm(ZIP_HEADER, DIR_KEY, bomb)
  assert.ok(token.length < 16_384)
  await assert.rejects(
    decryptCompact(token, dirKey),
    jotError(
      'INPUT_TOO_LARGE',
      'The decompressed content is larger than 1048576 bytes; raise maxDecompressedBytes to accept it.',
    ),
  )
})

test('zip content at 1 MiB accepted', async () => {
  const token = sealGcm(ZIP_HEADER, DIR_KEY, deflateRawSync(Buffer.alloc(1_048_576, 0x61)))
  const { plaintext } = await decryptCompact(token, dirKey)
  assert.equal(plaintext.length, 1_048_576)
})

test('zip cap follows maxDecompressedBytes', async () => {
  const token = sealGcm(ZIP_HEADER, DIR_KEY, deflateRawSync(Buffer.alloc(101, 0x62)))
  await assert.rejects(
    decryptCompact(token, dirKey, { maxDecompressedBytes: 100 }),
    jotError(
      'INPUT_TOO_LARGE',
      'The decompressed content is larger than 100 bytes; raise maxDecompressedBytes to accept it.',
    ),
  )
  const { plaintext } = await decryptCompact(token, dirKey, { maxDecompressedBytes: 101 })
  assert.deepEqual(Buffer.from(plaintext), Buffer.alloc(101, 0x62))
})

test('zip with invalid DEFLATE rejected', async () => {
  const token = sealGcm(ZIP_HEADER, DIR_KEY, Buffer.from([0xff, 0xff, 0xff, 0xff]))
  await assert.rejects(
    decryptCompact(token, dirKey),
    jotError('TOKEN_MALFORMED', 'The decrypted content is not valid DEFLATE data.'),
  )
})

test('zip GZIP rejected', async () => {
  const token = sealGcm({ alg: 'dir', enc: 'A256GCM', zip: 'GZIP' }, DIR_KEY, Buffer.from('x'))
  await assert.rejects(
    decryptCompact(token, dirKey),
    jotError('ALG_UNSUPPORTED', 'The JWE compression algorithm "GZIP" is not supported.'),
  )
})

// Two P-256 points: the recipient's key, and a point moved off the curve by changing y.
const p256 = await generateKeyPair('ECDH-ES', { crv: 'P-256' })
const p256Public = (await exportJwk(p256.publicKey)) as { x: string; y: string }

function offCurve(jwk: { x: string; y: string }): Record<string, string> {
  const y = Buffer.from(jwk.y, 'base64url')
  y[31] = (y[31] as number) ^ 0x01
  return { kty: 'EC', crv: 'P-256', x: jwk.x, y: y.toString('base64url') }
}

test('off-curve epk rejected before key work', async () => {
  const { resolver, headers } = spyResolver(p256.privateKey)
  const token = withHeader({ alg: 'ECDH-ES', enc: 'A128GCM', epk: offCurve(p256Public) })
  await assert.rejects(
    decryptCompact(token, resolver),
    jotError('TOKEN_MALFORMED', 'The header parameter "epk" is not a valid public key on P-256.'),
  )
  assert.deepEqual(headers, [])
})

test('epk on another curve rejected', async () => {
  const other = await generateKeyPair('ECDH-ES', { crv: 'P-384' })
  const token = await encryptCompact('x', other.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(token, p256.privateKey),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
  await assert.rejects(
    decryptCompact(token, [p256.privateKey]),
    jotError('NO_MATCHING_KEY', 'No decryption key matches the JWE\'s alg "ECDH-ES" and no kid.'),
  )
})

test('epk of another key type rejected', async () => {
  const other = await generateKeyPair('ECDH-ES', { crv: 'X25519' })
  const token = await encryptCompact('x', other.publicKey, { enc: 'A128GCM' })
  await assert.rejects(
    decryptCompact(token, p256.privateKey),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
})

const badEpks: [string, unknown, string][] = [
  ['missing', undefined, 'The header of an ECDH-ES JWE has no "epk".'],
  ['string', 'key', 'The header parameter "epk" must be an object.'],
  [
    'private',
    { ...p256Public, kty: 'EC', crv: 'P-256', d: Buffer.alloc(32, 1).toString('base64url') },
    'The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.',
  ],
  [
    'secp256k1',
    { kty: 'EC', crv: 'secp256k1', x: p256Public.x, y: p256Public.y },
    'The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.',
  ],
  [
    'short x',
    { kty: 'EC', crv: 'P-256', x: p256Public.x.slice(0, 40), y: p256Public.y },
    'The header parameter "epk" is not a valid public JWK.',
  ],
  [
    'oct',
    { kty: 'oct', k: 'AAAA' },
    'The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.',
  ],
]

for (const [label, epk, message] of badEpks) {
  test(`epk ${label} rejected`, async () => {
    const token = withHeader({ alg: 'ECDH-ES', enc: 'A128GCM', epk })
    await assert.rejects(
      decryptCompact(token, p256.privateKey),
      jotError('TOKEN_MALFORMED', message),
    )
  })
}

test('low-order X25519 epk fails decryption', async () => {
  const x25519 = await generateKeyPair('ECDH-ES', { crv: 'X25519' })
  // The point u = 0 has order 4, so the ECDH result is all zeros for every private key.
  const token = withHeader({
    alg: 'ECDH-ES',
    enc: 'A128GCM',
    epk: { kty: 'OKP', crv: 'X25519', x: Buffer.alloc(32).toString('base64url') },
  })
  await assert.rejects(
    decryptCompact(token, x25519.privateKey),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
})

test('ECDH-ES key list picked by kid', async () => {
  const recipient = await importJwk(
    { ...(await exportJwk(p256.privateKey)), kid: 'recipient' },
    { alg: 'ECDH-ES' },
  )
  const token = await encryptCompact(
    'kept',
    await importJwk(
      { ...p256Public, kty: 'EC', crv: 'P-256', kid: 'recipient' },
      { alg: 'ECDH-ES' },
    ),
    {
      enc: 'A256GCM',
    },
  )
  const result = await decryptCompact(token, [recipient])
  assert.equal(Buffer.from(result.plaintext).toString(), 'kept')
  assert.equal(result.protectedHeader.kid, 'recipient')
})
