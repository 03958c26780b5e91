import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync, randomBytes } from 'node:crypto'
import { exportJwk, exportPem, generateKeyPair, importSecret } from '../../src/index.js'

const encoder = new TextEncoder()

test('importSecret rejects PEM bytes', async () => {
  const { publicKey } = await generateKeyPair('RS256')
  const pem = await exportPem(publicKey)
  const expected = {
    code: 'KEY_INVALID',
    message:
      'The secret contains a PEM block; import PEM keys with importPem, which never makes an HMAC secret of them.',
  }
  await assert.rejects(importSecret(encoder.encode(pem), { alg: 'HS256' }), expected)
  await assert.rejects(importSecret(encoder.encode(`\n\n${pem}\n`), { alg: 'HS512' }), expected)
})

test('importSecret rejects JWK bytes', async () => {
  const { privateKey } = await generateKeyPair('ES256')
  const jwkText = JSON.stringify(await exportJwk(privateKey), null, 2)
  await assert.rejects(importSecret(encoder.encode(`${jwkText}\n`), { alg: 'HS256' }), {
    code: 'KEY_INVALID',
    message:
      'The secret is a JSON Web Key; import it with importJwk instead of using its text as a secret.',
  })
})

test('importSecret accepts binary and text secrets', async () => {
  const binary = Uint8Array.from({ length: 32 }, (_, i) => 0xf0 ^ i)
  assert.equal((await importSecret(binary, { alg: 'HS256' })).alg, 'HS256')
  const text = encoder.encode('{ a long shared secret with braces, 42 bytes }')
  assert.equal((await importSecret(text, { alg: 'HS256' })).kind, 'secret')
})

const DER_MESSAGE =
  'The secret is a DER-encoded key, or the base64 body of a PEM file; import keys with importPem, which never makes an HMAC secret of them.'

test('importSecret rejects DER key files', async () => {
  const pairs = [
    generateKeyPairSync('rsa', { modulusLength: 2048 }),
    generateKeyPairSync('ec', { namedCurve: 'P-256' }),
    generateKeyPairSync('ed25519'),
    generateKeyPairSync('x25519'),
  ]
  for (const pair of pairs) {
    const spki = pair.publicKey.export({ type: 'spki', format: 'der' })
    const pkcs8 = pair.privateKey.export({ type: 'pkcs8', format: 'der' })

    for (const der of [spki, pkcs8]) {
      await assert.rejects(importSecret(der, { alg: 'HS256' }), {
        code: 'KEY_INVALID',
        message: DER_MESSAGE,
      })
    }
  }
})

test('importSecret rejects PEM body without lines', async () => {
  const { publicKey } = await generateKeyPair('RS256')
  const pem = await exportPem(publicKey)
  const body = pem
    .split('\n')
    .filter((line) => !line.startsWith('-----'))
    .join('\n')

  await assert.rejects(importSecret(encoder.encode(body), { alg: 'HS256' }), {
    code: 'KEY_INVALID',
    message: DER_MESSAGE,
  })
})

test('importSecret rejects UTF-16 PEM', async () => {
  const { publicKey } = await generateKeyPair('ES256')
  const pem = await exportPem(publicKey)

  await assert.rejects(importSecret(Buffer.from(pem, 'utf16le'), { alg: 'HS256' }), {
    code: 'KEY_INVALID',
    message:
      'The secret contains a PEM block; import PEM keys with importPem, which never makes an HMAC secret of them.',
  })
})

test('importSecret accepts DER-like random secrets', async () => {
  // A SEQUENCE header that spans the bytes is not enough: a key file also names its key type.
  const sequence = Uint8Array.from({ length: 34 }, (_, i) => i * 7)
  sequence[0] = 0x30
  sequence[1] = 32
  const base64Text = encoder.encode(Buffer.from(randomBytes(48)).toString('base64'))

  assert.equal((await importSecret(sequence, { alg: 'HS256' })).kind, 'secret')
  assert.equal((await importSecret(base64Text, { alg: 'HS256' })).kind, 'secret')
})
