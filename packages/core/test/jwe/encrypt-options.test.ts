import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  decryptCompact,
  encryptCompact,
  encryptJson,
  generateKeyPair,
  generateSecret,
  importSecret,
} from '../../src/index.js'
import type { EncryptCompactOptions, JotKey } from '../../src/index.js'
import { jotError } from './helpers.js'

const aesKw = await generateSecret('A128KW', { kid: 'wrap-1' })
const dir = await generateSecret('dir', { enc: 'A128GCM' })
const ecdh = await generateKeyPair('ECDH-ES', { crv: 'P-256' })
const es256 = await generateKeyPair('ES256')

function header(token: string): unknown {
  return JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())
}

test('encryptCompact header order and kid', async () => {
  const token = await encryptCompact('x', aesKw, { enc: 'A128GCM', header: { typ: 'note' } })
  assert.equal(
    Buffer.from(token.split('.')[0]!, 'base64url').toString(),
    '{"alg":"A128KW","kid":"wrap-1","enc":"A128GCM","typ":"note"}',
  )
  const own = await encryptCompact('x', aesKw, { enc: 'A128GCM', header: { kid: 'other' } })
  assert.deepEqual(header(own), { alg: 'A128KW', enc: 'A128GCM', kid: 'other' })
})

test('header may fix parameter order', async () => {
  const token = await encryptCompact('x', aesKw, {
    enc: 'A128GCM',
    header: { enc: 'A128GCM', typ: 'note', alg: 'A128KW' },
  })
  assert.equal(
    Buffer.from(token.split('.')[0]!, 'base64url').toString(),
    '{"kid":"wrap-1","enc":"A128GCM","typ":"note","alg":"A128KW"}',
  )
})

test('ECDH-ES apu and apv feed the key', async () => {
  const apu = Buffer.from('Alice').toString('base64url')
  const token = await encryptCompact('agreed', ecdh.publicKey, {
    enc: 'A128GCM',
    header: { apu, apv: Buffer.from('Bob').toString('base64url') },
  })
  assert.equal(
    Buffer.from((await decryptCompact(token, ecdh.privateKey)).plaintext).toString(),
    'agreed',
  )
  // The same token with another apu derives another CEK.
  const [encoded = '', ...rest] = token.split('.')
  const altered = {
    ...(header(token) as object),
    apu: Buffer.from('Mallory').toString('base64url'),
  }
  const forged = [Buffer.from(JSON.stringify(altered)).toString('base64url'), ...rest].join('.')
  assert.notEqual(forged.split('.')[0], encoded)
  await assert.rejects(
    decryptCompact(forged, ecdh.privateKey),
    jotError('DECRYPTION_FAILED', 'The JWE could not be decrypted.'),
  )
})

const rejections: [string, () => Promise<unknown>, string, string][] = [
  [
    'string key',
    () => encryptCompact('x', 'secret' as unknown as JotKey, { enc: 'A128GCM' }),
    'ARGUMENT_INVALID',
    'The encryption key must be a JotKey; import raw material with importJwk, importPem or importSecret first.',
  ],
  [
    'signing key',
    () => encryptCompact('x', es256.publicKey, { enc: 'A128GCM' }),
    'KEY_INVALID',
    'The key is bound to the JWS algorithm ES256 and cannot encrypt; import it for a JWE key management algorithm.',
  ],
  [
    'number plaintext',
    () => encryptCompact(5 as unknown as string, aesKw, { enc: 'A128GCM' }),
    'ARGUMENT_INVALID',
    'The plaintext must be a string or a Uint8Array.',
  ],
  [
    'missing enc',
    () => encryptCompact('x', aesKw, {} as EncryptCompactOptions),
    'OPTION_INVALID',
    "Encryption needs the enc option, the content encryption algorithm, for example { enc: 'A256GCM' }.",
  ],
  [
    'unknown enc',
    () => encryptCompact('x', aesKw, { enc: 'A512GCM' as 'A128GCM' }),
    'OPTION_INVALID',
    'The enc option "A512GCM" is not a supported content encryption algorithm.',
  ],
  [
    'unknown zip',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', zip: 'GZIP' as 'DEF' }),
    'OPTION_INVALID',
    'The zip option must be "DEF" when set.',
  ],
  [
    'zip only in header',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { zip: 'DEF' } }),
    'OPTION_INVALID',
    'Compression is set with the zip option; the header parameter "zip" alone would announce content that is not compressed.',
  ],
  [
    'header alg differs',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { alg: 'A256KW' } }),
    'OPTION_INVALID',
    'The header parameter "alg" differs from the value jot sets; leave it out or give the same value.',
  ],
  [
    'header enc differs',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { enc: 'A256GCM' } }),
    'OPTION_INVALID',
    'The header parameter "enc" differs from the value jot sets; leave it out or give the same value.',
  ],
  [
    'header kid not a string',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { kid: 5 } }),
    'OPTION_INVALID',
    'The header parameter "kid" must be a string.',
  ],
  [
    'header not object',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: [] as never }),
    'OPTION_INVALID',
    'The "header" option must be an object.',
  ],
  [
    'crit missing parameter',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { crit: ['exp-check'] } }),
    'OPTION_INVALID',
    'The "crit" header parameter lists "exp-check", which the header does not set.',
  ],
  [
    'crit registered',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', header: { crit: ['kid'] } }),
    'OPTION_INVALID',
    'The "crit" header parameter must not list the registered parameter "kid".',
  ],
  [
    'dir key for another enc',
    () => encryptCompact('x', dir, { enc: 'A256GCM' }),
    'KEY_INVALID',
    'The dir key is 16 bytes long, but A256GCM needs a 32-byte key.',
  ],
  [
    'fixed IV of wrong length',
    () =>
      encryptCompact('x', aesKw, { enc: 'A128GCM', fixedRandomness: { iv: new Uint8Array(16) } }),
    'OPTION_INVALID',
    'The "fixedRandomness.iv" option must be a Uint8Array of 12 bytes for A128GCM.',
  ],
  [
    'fixed CEK of wrong length',
    () =>
      encryptCompact('x', aesKw, {
        enc: 'A128CBC-HS256',
        fixedRandomness: { cek: new Uint8Array(16) },
      }),
    'OPTION_INVALID',
    'The "fixedRandomness.cek" option must be a Uint8Array of 32 bytes for A128CBC-HS256.',
  ],
  [
    'fixed CEK with dir',
    () =>
      encryptCompact('x', dir, { enc: 'A128GCM', fixedRandomness: { cek: new Uint8Array(16) } }),
    'OPTION_INVALID',
    'The "fixedRandomness.cek" option does not apply to dir or ECDH-ES, which determine the CEK.',
  ],
  [
    'fixed short p2s',
    () =>
      encryptCompact('x', aesKw, { enc: 'A128GCM', fixedRandomness: { p2s: new Uint8Array(7) } }),
    'OPTION_INVALID',
    'The "fixedRandomness.p2s" option must be a Uint8Array of at least 8 bytes.',
  ],
  [
    'fixed unknown member',
    () => encryptCompact('x', aesKw, { enc: 'A128GCM', fixedRandomness: { seed: 1 } as never }),
    'OPTION_INVALID',
    'The "fixedRandomness" option has no member "seed".',
  ],
  [
    'fixed public ephemeral key',
    () =>
      encryptCompact('x', ecdh.publicKey, {
        enc: 'A128GCM',
        fixedRandomness: { ephemeralPrivateKey: ecdh.publicKey },
      }),
    'OPTION_INVALID',
    'The "fixedRandomness.ephemeralPrivateKey" option must be a private JotKey.',
  ],
  [
    'apu not base64url',
    () => encryptCompact('x', ecdh.publicKey, { enc: 'A128GCM', header: { apu: 'Alice!' } }),
    'OPTION_INVALID',
    'The header parameter "apu" must be canonical base64url.',
  ],
]

for (const [label, run, code, message] of rejections) {
  test(`encryptCompact rejects ${label}`, async () => {
    await assert.rejects(run(), jotError(code as 'OPTION_INVALID', message))
  })
}

test('fixed ephemeral key on other curve refused', async () => {
  const other = await generateKeyPair('ECDH-ES', { crv: 'P-384' })
  await assert.rejects(
    encryptCompact('x', ecdh.publicKey, {
      enc: 'A128GCM',
      fixedRandomness: { ephemeralPrivateKey: other.privateKey },
    }),
    jotError(
      'OPTION_INVALID',
      'The "fixedRandomness.ephemeralPrivateKey" option must be a key on P-256, like the recipient\'s.',
    ),
  )
})

test('dir refuses several recipients', async () => {
  await assert.rejects(
    encryptJson('x', [{ key: dir }, { key: aesKw }], { enc: 'A128GCM' }),
    jotError(
      'ARGUMENT_INVALID',
      'dir and ECDH-ES determine the CEK themselves, so a JWE that uses them has exactly one recipient.',
    ),
  )
})

test('string plaintext encrypted as UTF-8', async () => {
  const key = await importSecret(new Uint8Array(16).fill(9), { alg: 'A128KW' })
  const token = await encryptCompact('grüße', key, { enc: 'A128GCM' })
  const { plaintext } = await decryptCompact(token, key)
  assert.deepEqual(Buffer.from(plaintext), Buffer.from('grüße', 'utf8'))
})
