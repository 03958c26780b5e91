import { test } from 'node:test'
import assert from 'node:assert/strict'
import {
  checkPrimeSync,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
} from 'node:crypto'
import type { JsonWebKey } from 'node:crypto'
import { importJwk, importPem } from '../../src/index.js'
import { hasRocaFingerprint } from '../../src/keys/roca.js'
import { expectedJwks, jotError, jwsVectors, publicPart } from './helpers.js'

const ROCA_MESSAGE =
  'The RSA modulus has the ROCA fingerprint of the Infineon RSALib generator (CVE-2017-15361), so its private key can be computed from the public key; generate a new key pair.'

const E = 65537n

function primesUpTo(limit: number): bigint[] {
  const primes: bigint[] = []
  for (let candidate = 2n; candidate <= BigInt(limit); candidate++) {
    if (primes.every((prime) => candidate % prime !== 0n)) primes.push(candidate)
  }
  return primes
}

// RSALib's M for 512-bit primes: the product of the first 39 primes, 2 to 167 (about 2^219).
const M = primesUpTo(167).reduce((product, prime) => product * prime, 1n)

function modPow(base: bigint, exponent: bigint, modulus: bigint): bigint {
  let result = 1n
  let power = base % modulus
  for (let rest = exponent; rest > 0n; rest >>= 1n) {
    if (rest & 1n) result = (result * power) % modulus
    power = (power * power) % modulus
  }
  return result
}

function modInverse(value: bigint, modulus: bigint): bigint {
  let [oldR, r] = [value % modulus, modulus]
  let [oldS, s] = [1n, 0n]
  while (r !== 0n) {
    const quotient = oldR / r
    ;[oldR, r] = [r, oldR - quotient * r]
    ;[oldS, s] = [s, oldS - quotient * s]
  }
  return ((oldS % modulus) + modulus) % modulus
}

function randomBigInt(bytes: number): bigint {
  return BigInt('0x' + randomBytes(bytes).toString('hex'))
}

/** Builds a 1024-bit prime of RSALib's form k·M + (65537^a mod M), usable with e = 65537. */
function rocaPrime(): bigint {
  for (;;) {
    const residue = modPow(E, randomBigInt(4), M)
    // The two top bits set make the product of two such primes exactly 2048 bits long.
    const target = randomBigInt(128) | (3n << 1022n)
    const prime = (target / M) * M + residue
    if (prime >> 1024n !== 0n || prime % E === 1n) continue
    if (checkPrimeSync(prime)) return prime
  }
}

function toBase64url(value: bigint): string {
  const hex = value.toString(16)
  return Buffer.from(hex.length % 2 === 0 ? hex : '0' + hex, 'hex').toString('base64url')
}

function rocaPrivateJwk(): Record<string, string> {
  const [p, q] = [rocaPrime(), rocaPrime()]
  const lambda = ((p - 1n) * (q - 1n)) / gcd(p - 1n, q - 1n)
  const d = modInverse(E, lambda)
  const members = {
    n: p * q,
    e: E,
    d,
    p,
    q,
    dp: d % (p - 1n),
    dq: d % (q - 1n),
    qi: modInverse(q, p),
  }
  return {
    kty: 'RSA',
    ...Object.fromEntries(
      Object.entries(members).map(([name, value]) => [name, toBase64url(value)]),
    ),
  }
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b)
}

const rocaJwk = rocaPrivateJwk()
const rocaKeyObject = createPrivateKey({ key: rocaJwk as JsonWebKey, format: 'jwk' })
const rocaPkcs8 = rocaKeyObject.export({ format: 'pem', type: 'pkcs8' }) as string
const rocaSpki = createPublicKey(rocaKeyObject).export({ format: 'pem', type: 'spki' }).toString()

function modulusBytes(jwk: { readonly n?: string | undefined }): Uint8Array {
  return Buffer.from(jwk.n ?? '', 'base64url')
}

test('ROCA test modulus has 2048 bits', () => {
  assert.equal(modulusBytes(rocaJwk).length, 256)
  assert.ok(modulusBytes(rocaJwk)[0]! >= 0x80)
})

test('hasRocaFingerprint matches constructed modulus', () => {
  assert.equal(hasRocaFingerprint(modulusBytes(rocaJwk)), true)
})

test('hasRocaFingerprint misses power plus two', () => {
  // 65537^2 lies in every subgroup. Adding 2 makes it divisible by 3, and 0 lies in none.
  const square = Buffer.from((E * E).toString(16).padStart(10, '0'), 'hex')
  const shifted = Buffer.from((E * E + 2n).toString(16).padStart(10, '0'), 'hex')
  assert.equal(hasRocaFingerprint(square), true)
  assert.equal(hasRocaFingerprint(shifted), false)
})

test('importJwk rejects ROCA public key', async () => {
  await assert.rejects(
    importJwk(publicPart(rocaJwk), { alg: 'RS256' }),
    jotError('KEY_INVALID', ROCA_MESSAGE),
  )
})

test('importJwk rejects ROCA private key', async () => {
  await assert.rejects(importJwk(rocaJwk, { alg: 'PS256' }), jotError('KEY_INVALID', ROCA_MESSAGE))
})

test('importJwk rejects ROCA encryption key', async () => {
  await assert.rejects(
    importJwk(publicPart(rocaJwk), { alg: 'RSA-OAEP-256' }),
    jotError('KEY_INVALID', ROCA_MESSAGE),
  )
})

test('importPem rejects ROCA SPKI', async () => {
  await assert.rejects(importPem(rocaSpki, { alg: 'RS256' }), jotError('KEY_INVALID', ROCA_MESSAGE))
})

test('importPem rejects ROCA PKCS8', async () => {
  await assert.rejects(
    importPem(rocaPkcs8, { alg: 'RS512' }),
    jotError('KEY_INVALID', ROCA_MESSAGE),
  )
})

for (const modulusLength of [2048, 3072, 4096]) {
  test(`generated ${modulusLength}-bit RSA imports`, async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength })
    const jwk = privateKey.export({ format: 'jwk' })
    const spki = publicKey.export({ format: 'pem', type: 'spki' }).toString()
    const pkcs8 = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString()

    assert.equal(hasRocaFingerprint(modulusBytes(jwk)), false)
    assert.equal((await importJwk(jwk, { alg: 'RS256' })).bits, modulusLength)
    assert.equal(
      (await importJwk(publicPart(jwk as Record<string, string>), { alg: 'RS256' })).bits,
      modulusLength,
    )
    assert.equal((await importPem(spki, { alg: 'PS256' })).bits, modulusLength)
    assert.equal((await importPem(pkcs8, { alg: 'PS256' })).bits, modulusLength)
  })
}

test('RFC 7520 RSA key imports', async () => {
  const rfcKey = jwsVectors.find((vector) => vector.alg === 'RS256')!.key
  assert.equal(hasRocaFingerprint(modulusBytes(rfcKey)), false)
  assert.equal((await importJwk(rfcKey, { alg: 'RS256' })).bits, 2048)
})

test('RSA fixture key imports', async () => {
  assert.equal(hasRocaFingerprint(modulusBytes(expectedJwks['rsa-2048'])), false)
  assert.equal((await importJwk(expectedJwks['rsa-2048'], { alg: 'RS256' })).bits, 2048)
})

test('importJwk rejects even modulus', async () => {
  const modulus = modulusBytes(expectedJwks['rsa-2048'])
  modulus[modulus.length - 1] = modulus.at(-1)! & 0xfe
  const even = {
    ...publicPart(expectedJwks['rsa-2048']),
    n: Buffer.from(modulus).toString('base64url'),
  }

  await assert.rejects(
    importJwk(even, { alg: 'RS256' }),
    jotError(
      'KEY_INVALID',
      'The RSA modulus is even, so it is not the product of two odd primes; the key is invalid.',
    ),
  )
})
