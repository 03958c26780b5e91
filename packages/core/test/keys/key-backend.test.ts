import { test } from 'node:test'
import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { keyBackend } from '../../src/keys/key-backend.js'

type NodeKeyType = 'rsa' | 'ec' | 'ed25519' | 'ed448' | 'x25519' | 'x448'

async function importPair(type: NodeKeyType) {
  const options = type === 'rsa' ? { modulusLength: 2048 } : { namedCurve: 'secp256k1' }
  const pair = generateKeyPairSync(type as 'rsa', options as { modulusLength: number })
  const privateJwk = pair.privateKey.export({ format: 'jwk' }) as Record<string, string>
  const publicJwk = pair.publicKey.export({ format: 'jwk' }) as Record<string, string>
  const privateKey = await keyBackend.importJwk(privateJwk, 'private')
  const publicKey = await keyBackend.importJwk(publicJwk, 'public')
  return { privateKey, publicKey }
}

for (const type of ['rsa', 'ec', 'ed25519', 'ed448', 'x25519', 'x448'] as const) {
  test(`key backend isKeyPair ${type}`, async () => {
    const first = await importPair(type)
    const second = await importPair(type)
    assert.equal(await keyBackend.isKeyPair(first.privateKey.handle, first.publicKey.handle), true)
    assert.equal(
      await keyBackend.isKeyPair(first.privateKey.handle, second.publicKey.handle),
      false,
    )
  })
}

test('key backend digest', async () => {
  const data = new TextEncoder().encode('abc')
  const digest = await keyBackend.digest('sha256', data)
  assert.equal(
    Buffer.from(digest).toString('hex'),
    'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
  )
})
