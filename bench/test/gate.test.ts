import { test } from 'node:test'
import assert from 'node:assert/strict'
import { createFloorDecrypter, createFloorEncrypter } from '../floor-jwe.js'
import { createFloorSigner, createFloorVerifier } from '../floor.js'
import { checkCreator, checkReader, tamperToken } from '../gate.js'
import { claimsOfSize } from '../growth.js'
import { jotCached, jotJwe } from '../jot.js'
import { JWE_ALGORITHMS, generateJweKeyMaterial } from '../jwe-keys.js'
import { generateKeyMaterial } from '../keys.js'
import { fastJwtCached, joseJwe } from '../peers.js'
import { CLAIMS } from '../token.js'

// The benchmark times nothing that fails this gate. These tests run the gate on the JWE
// contenders and the cached verifiers, so a broken contender shows up in npm test too.

for (const alg of JWE_ALGORITHMS) {
  test(`JWE floor round trip, ${alg}`, () => {
    const material = generateJweKeyMaterial(alg)
    const token = createFloorEncrypter(material)(CLAIMS)
    const decrypt = createFloorDecrypter(material)
    assert.deepEqual(decrypt(token), CLAIMS)
    assert.throws(() => decrypt(tamperToken(token)), {
      message: 'Unsupported state or unable to authenticate data',
    })
  })

  test(`JWE contenders pass gate, ${alg}`, async () => {
    const material = generateJweKeyMaterial(alg)
    const floorToken = createFloorEncrypter(material)(CLAIMS)
    const floorRead = createFloorDecrypter(material)
    for (const contender of [jotJwe, joseJwe]) {
      const implementation = await contender.prepare(material)
      const createToken = implementation.createToken!
      const readToken = implementation.readToken!
      assert.equal(await checkCreator((claims) => createToken(claims), floorRead), undefined)
      assert.equal(await checkReader((token) => readToken(token), floorToken), undefined)
    }
  })
}

test('cached verifiers pass gate', async () => {
  const material = generateKeyMaterial('HS256')
  const floorToken = createFloorSigner(material)(CLAIMS)
  for (const contender of [jotCached, fastJwtCached]) {
    const implementation = await contender.prepare(material)
    const readToken = implementation.readToken!
    assert.equal(implementation.createToken, undefined)
    assert.equal(await checkReader((token) => readToken(token), floorToken), undefined)
  }
})

test('gate rejects a lax decrypter', async () => {
  const material = generateJweKeyMaterial('dir')
  const floorToken = createFloorEncrypter(material)(CLAIMS)
  const decrypt = createFloorDecrypter(material)
  // Accepts the token whatever its tag, by decrypting the original each time.
  const lax = () => decrypt(floorToken)
  assert.equal(
    await checkReader(lax, floorToken),
    'it accepted a token with a flipped byte in its last segment',
  )
})

test('growth payloads have the requested size', () => {
  const material = generateKeyMaterial('HS256')
  const sign = createFloorSigner(material)
  const verify = createFloorVerifier(material)
  for (const bytes of [200, 1024, 4096, 65_536]) {
    const claims = claimsOfSize(bytes)
    assert.equal(JSON.stringify(claims).length, bytes)
    assert.deepEqual(verify(sign(claims)), claims)
  }
})
