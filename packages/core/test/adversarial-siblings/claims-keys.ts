/** Siblings of the handed claims, JWE and key cases. */
import { generateKeyPairSync } from 'node:crypto'
import { deflateRawSync } from 'node:zlib'
import {
  decryptCompact,
  decryptJson,
  encryptCompact,
  importJwk,
  importSecret,
  localKeySet,
  signJwt,
  verifyJwt,
} from '../../src/index.js'
import type { JotKey, KeyAlgorithm } from '../../src/index.js'
import { withHeader } from '../jwe/craft.js'
import type { Sibling } from './table.js'
import {
  NOW,
  SECRET,
  ec,
  hmacToken,
  keyFor,
  random,
  rsa,
  sealDirect,
  segment,
  x25519,
} from './table.js'

const options = { now: NOW }
const hs256 = await keyFor(SECRET, 'HS256')
const DIR_SECRET = random(32)
const dirKey = await keyFor(DIR_SECRET, 'dir')
const pbes2 = await keyFor(random(20), 'PBES2-HS256+A128KW')
const ecdhP256 = await keyFor(ec.privateJwk, 'ECDH-ES')
const ecdhX25519 = await keyFor(x25519.privateJwk, 'ECDH-ES')

function claimsToken(payloadText: string): string {
  return hmacToken(segment({ alg: 'HS256', typ: 'JWT' }), segment(payloadText), SECRET)
}

const ISSUER = 'https://issuer.example.test'
const AUDIENCE = 'https://api.example.test'

function jwkOf(namedCurve: string): Record<string, string> {
  const { publicKey } = generateKeyPairSync('ec', { namedCurve })
  return publicKey.export({ format: 'jwk' }) as Record<string, string>
}

function tweak(value: string): string {
  const bytes = Buffer.from(value, 'base64url')
  bytes[bytes.length - 1]! ^= 0x01
  return bytes.toString('base64url')
}

const FIELD_PRIMES: Record<string, string> = {
  'P-256': 'ffffffff00000001000000000000000000000000ffffffffffffffffffffffff',
}

function rows(): Sibling[] {
  const result: Sibling[] = []
  const add = (caseId: string, name: string, run: () => unknown) =>
    result.push({ caseId, name, run })

  // NumericDate claims of every JSON type but a number, and numbers JSON cannot hold.
  const wrongTypes: Record<string, string> = {
    'string past': `"${NOW - 3600}"`,
    'string future': `"${NOW + 3600}"`,
    'ISO date': '"2030-01-01T00:00:00Z"',
    boolean: 'true',
    null: 'null',
    array: `[${NOW + 3600}]`,
    object: `{"t":${NOW + 3600}}`,
    'overflow to Infinity': '1e400',
    'negative overflow': '-1e400',
  }
  for (const claim of ['exp', 'nbf', 'iat']) {
    for (const [name, value] of Object.entries(wrongTypes)) {
      add('BUG-12', `${claim} ${name}`, () =>
        verifyJwt(claimsToken(`{"sub":"a","${claim}":${value}}`), hs256, options),
      )
    }
  }
  // Fractional dates still expire when their time has passed.
  add('BUG-13', 'fractional exp just past', () =>
    verifyJwt(claimsToken(`{"exp":${NOW - 0.25}}`), hs256, options),
  )
  add('BUG-13', 'fractional nbf just ahead', () =>
    verifyJwt(claimsToken(`{"nbf":${NOW + 0.25}}`), hs256, options),
  )
  // The aud values that must not pass as "no audience" or as a match.
  const audiences: Record<string, string> = {
    'empty string': '""',
    'array of empty string': '[""]',
    'array of number': '[1]',
    number: '1',
    null: 'null',
    object: `{"aud":"${AUDIENCE}"}`,
    'nested array': `[["${AUDIENCE}"]]`,
    'trailing space': `"${AUDIENCE} "`,
    'upper case': `"${AUDIENCE.toUpperCase()}"`,
    prefix: `"${AUDIENCE.slice(0, -1)}"`,
    'trailing slash': `"${AUDIENCE}/"`,
  }
  for (const [name, value] of Object.entries(audiences)) {
    add('BUG-15', `aud ${name}`, () =>
      verifyJwt(claimsToken(`{"aud":${value}}`), hs256, { ...options, audience: AUDIENCE }),
    )
  }
  add('BUG-16', 'aud array without ours', () =>
    verifyJwt(claimsToken(`{"aud":["https://billing.example.test","${AUDIENCE}x"]}`), hs256, {
      ...options,
      audience: AUDIENCE,
    }),
  )
  add('BUG-16', 'aud array, none of several expected', () =>
    verifyJwt(claimsToken(`{"aud":["https://billing.example.test"]}`), hs256, {
      ...options,
      audience: [AUDIENCE, 'https://other.example.test'],
    }),
  )
  add('BUG-15', 'aud missing', () =>
    verifyJwt(claimsToken('{"sub":"a"}'), hs256, { ...options, audience: AUDIENCE }),
  )
  // Issuer compared by exact string equality only.
  const issuers: Record<string, string> = {
    prefix: `"${ISSUER.slice(0, -4)}"`,
    superstring: `"${ISSUER}.evil"`,
    'upper case': `"${ISSUER.toUpperCase()}"`,
    'trailing slash': `"${ISSUER}/"`,
    'array holding issuer': `["${ISSUER}"]`,
    homoglyph: `"${ISSUER.replace('e', '\u0435')}"`,
    number: '1',
    null: 'null',
  }
  for (const [name, value] of Object.entries(issuers)) {
    add('BUG-17', `iss ${name}`, () =>
      verifyJwt(claimsToken(`{"iss":${value}}`), hs256, { ...options, issuer: ISSUER }),
    )
  }
  add('BUG-17', 'iss missing', () =>
    verifyJwt(claimsToken('{"sub":"a"}'), hs256, { ...options, issuer: ISSUER }),
  )

  // PBES2 counts and salts an unauthenticated header must not choose freely.
  const pbes2Headers: Record<string, Record<string, unknown>> = {
    'p2c 2^31-1': { p2c: 2 ** 31 - 1, p2s: 'AAAAAAAAAAA' },
    'p2c above default cap': { p2c: 1_000_001, p2s: 'AAAAAAAAAAA' },
    'p2c zero': { p2c: 0, p2s: 'AAAAAAAAAAA' },
    'p2c negative': { p2c: -1, p2s: 'AAAAAAAAAAA' },
    'p2c fractional': { p2c: 1000.5, p2s: 'AAAAAAAAAAA' },
    'p2c string': { p2c: '1000', p2s: 'AAAAAAAAAAA' },
    'p2c missing': { p2s: 'AAAAAAAAAAA' },
    'p2s missing': { p2c: 1000 },
    'p2s short': { p2c: 1000, p2s: 'AAAA' },
    'p2s padded': { p2c: 1000, p2s: 'AAAAAAAAAAA=' },
  }
  for (const [name, header] of Object.entries(pbes2Headers)) {
    add('BUG-26', name, () =>
      decryptCompact(
        withHeader({ alg: 'PBES2-HS256+A128KW', enc: 'A128GCM', ...header }, Buffer.alloc(24)),
        pbes2,
      ),
    )
  }

  // Compression only as registered, integrity-protected and bounded.
  const bomb = deflateRawSync(Buffer.alloc(2_000_000, 0x20))
  add('BUG-27', 'zip bomb under lower cap', () =>
    decryptCompact(sealDirectRaw({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' }, bomb), dirKey, {
      maxDecompressedBytes: 1_000_000,
    }),
  )
  add('BUG-27', 'zip GZIP', () =>
    decryptCompact(
      sealDirect(segment({ alg: 'dir', enc: 'A256GCM', zip: 'GZIP' }), DIR_SECRET, '{}'),
      dirKey,
    ),
  )
  add('BUG-27', 'zip lower case', () =>
    decryptCompact(
      sealDirect(segment({ alg: 'dir', enc: 'A256GCM', zip: 'def' }), DIR_SECRET, '{}'),
      dirKey,
    ),
  )
  add('BUG-27', 'zip not deflate data', () =>
    decryptCompact(
      sealDirect(segment({ alg: 'dir', enc: 'A256GCM', zip: 'DEF' }), DIR_SECRET, 'not deflate'),
      dirKey,
    ),
  )
  add('BUG-27', 'zip in unprotected header', async () => {
    const token = await encryptCompact('{}', dirKey, { enc: 'A256GCM' })
    const [protectedHeader, encryptedKey, iv, ciphertext, tag] = token.split('.')
    return decryptJson(
      {
        protected: protectedHeader,
        unprotected: { zip: 'DEF' },
        encrypted_key: encryptedKey,
        iv,
        ciphertext,
        tag,
      },
      dirKey,
    )
  })
  // NOTE: a "zip" parameter in a JWS header is ignored, as RFC 7515 defines none: jot never
  // inflates a JWS payload, so no sibling exists there.

  // Ephemeral keys off the curve, on another curve, or of low order.
  const epkOffCurve = { ...ec.publicJwk, y: tweak(String(ec.publicJwk.y)) }
  const epks: Record<string, [JotKey, unknown]> = {
    'P-256 point off curve': [ecdhP256, epkOffCurve],
    'P-256 x above field prime': [
      ecdhP256,
      { ...ec.publicJwk, x: Buffer.from(FIELD_PRIMES['P-256']!, 'hex').toString('base64url') },
    ],
    'P-384 point for P-256 key': [ecdhP256, jwkOf('P-384')],
    'RSA key as epk': [ecdhP256, { kty: 'RSA', n: rsa.publicJwk.n, e: rsa.publicJwk.e }],
    'epk with private d': [ecdhP256, ec.privateJwk],
    'epk missing y': [ecdhP256, { kty: 'EC', crv: 'P-256', x: ec.publicJwk.x }],
    'epk not an object': [ecdhP256, 'AAAA'],
    'X25519 all-zero point': [
      ecdhX25519,
      { kty: 'OKP', crv: 'X25519', x: Buffer.alloc(32).toString('base64url') },
    ],
    'X25519 point one': [
      ecdhX25519,
      {
        kty: 'OKP',
        crv: 'X25519',
        x: Buffer.from([1, ...Array<number>(31).fill(0)]).toString('base64url'),
      },
    ],
    'X25519 short point': [ecdhX25519, { kty: 'OKP', crv: 'X25519', x: 'AAAA' }],
  }
  for (const [name, [key, epk]] of Object.entries(epks)) {
    add('BUG-28', name, () =>
      decryptCompact(withHeader({ alg: 'ECDH-ES', enc: 'A128GCM', epk }), key),
    )
  }

  // Weak keys refused for every algorithm, on sign and on verify.
  const rsa1024 = generateKeyPairSync('rsa', { modulusLength: 1024 })
  const rsa2047 = generateKeyPairSync('rsa', { modulusLength: 2047 })
  for (const alg of ['RS256', 'PS384', 'RSA-OAEP', 'RSA-OAEP-256'] as KeyAlgorithm[]) {
    add('BUG-30', `${alg} 1024-bit private`, () =>
      importJwk(rsa1024.privateKey.export({ format: 'jwk' }), { alg }),
    )
    add('BUG-36', `${alg} 1024-bit public`, () =>
      importJwk(rsa1024.publicKey.export({ format: 'jwk' }), { alg }),
    )
    add('BUG-36', `${alg} 2047-bit public`, () =>
      importJwk(rsa2047.publicKey.export({ format: 'jwk' }), { alg }),
    )
  }
  for (const [alg, bytes] of [
    ['HS256', 31],
    ['HS384', 47],
    ['HS512', 63],
    ['HS256', 8],
    ['HS256', 0],
  ] as const) {
    add('BUG-31', `${alg} ${bytes}-byte secret`, () =>
      importSecret(new Uint8Array(bytes).fill(7), { alg }),
    )
    add('BUG-31', `${alg} ${bytes}-byte oct JWK`, () =>
      importJwk({ kty: 'oct', k: Buffer.alloc(bytes, 7).toString('base64url') }, { alg }),
    )
  }

  // Public keys checked on import for every curve.
  for (const [crv, namedCurve, alg] of [
    ['P-256', 'P-256', 'ES256'],
    ['P-384', 'P-384', 'ES384'],
    ['P-521', 'P-521', 'ES512'],
    ['secp256k1', 'secp256k1', 'ES256K'],
  ] as const) {
    const jwk = jwkOf(namedCurve)
    add('BUG-33', `${crv} y off curve`, () => importJwk({ ...jwk, y: tweak(jwk['y']!) }, { alg }))
    add('BUG-33', `${crv} x off curve`, () => importJwk({ ...jwk, x: tweak(jwk['x']!) }, { alg }))
    add('BUG-33', `${crv} short x`, () => importJwk({ ...jwk, x: jwk['x']!.slice(4) }, { alg }))
    add('BUG-33', `${crv} ECDH-ES off curve`, () =>
      importJwk({ ...jwk, y: tweak(jwk['y']!) }, { alg: 'ECDH-ES' }),
    )
  }
  add('BUG-33', 'P-256 point at infinity', () =>
    importJwk({ ...ec.publicJwk, x: 'A'.repeat(43), y: 'A'.repeat(43) }, { alg: 'ES256' }),
  )
  add('BUG-33', 'P-256 d zero', () =>
    importJwk({ ...ec.privateJwk, d: 'A'.repeat(43) }, { alg: 'ES256' }),
  )
  add('BUG-33', 'Ed25519 short x', () =>
    importJwk({ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }, { alg: 'EdDSA' }),
  )
  add('BUG-33', 'X25519 long x', () =>
    importJwk(
      { kty: 'OKP', crv: 'X25519', x: Buffer.alloc(33, 9).toString('base64url') },
      { alg: 'ECDH-ES' },
    ),
  )

  // A kid that matches no key fails at once, without trying other keys.
  add('BUG-34', 'local set unknown kid', async () =>
    verifyJwt(
      await signJwt({}, hs256, { kid: 'unknown' }),
      await localKeySet({
        keys: [
          { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), alg: 'HS256', kid: 'main' },
        ],
      }),
      options,
    ),
  )
  add('BUG-34', 'kid not a string', () =>
    verifyJwt(hmacToken(segment({ alg: 'HS256', kid: 7 }), segment({}), SECRET), hs256, options),
  )

  // use and key_ops that do not permit the operation.
  add('use-key_ops', 'use enc signs', async () =>
    signJwt({}, await importJwk({ ...rsa.privateJwk, use: 'enc' }, { alg: 'RS256' })),
  )
  add('use-key_ops', 'use enc verifies', async () =>
    verifyJwt(
      await signJwt({}, await keyFor(rsa.privateJwk, 'RS256')),
      await importJwk({ ...rsa.publicJwk, use: 'enc' }, { alg: 'RS256' }),
      options,
    ),
  )
  add('use-key_ops', 'use sig encrypts', async () =>
    encryptCompact(
      'x',
      await importJwk({ ...rsa.publicJwk, use: 'sig' }, { alg: 'RSA-OAEP-256' }),
      { enc: 'A128GCM' },
    ),
  )
  add('use-key_ops', 'use sig decrypts', async () =>
    decryptCompact(
      await encryptCompact('x', await keyFor(rsa.publicJwk, 'RSA-OAEP-256'), { enc: 'A128GCM' }),
      await importJwk({ ...rsa.privateJwk, use: 'sig' }, { alg: 'RSA-OAEP-256' }),
    ),
  )
  add('use-key_ops', 'key_ops verify signs', async () =>
    signJwt({}, await importJwk({ ...rsa.privateJwk, key_ops: ['verify'] }, { alg: 'RS256' })),
  )
  add('use-key_ops', 'key_ops sign verifies', async () =>
    verifyJwt(
      await signJwt({}, await keyFor(rsa.privateJwk, 'RS256')),
      await importJwk({ ...rsa.publicJwk, key_ops: ['sign'] }, { alg: 'RS256' }),
      options,
    ),
  )
  add('use-key_ops', 'key_ops sign HMAC verifies', async () =>
    verifyJwt(
      await signJwt({}, hs256),
      await importJwk(
        { kty: 'oct', k: Buffer.from(SECRET).toString('base64url'), key_ops: ['sign'] },
        { alg: 'HS256' },
      ),
      options,
    ),
  )
  add('use-key_ops', 'key_ops decrypt encrypts', async () =>
    encryptCompact(
      'x',
      await importJwk(
        { ...rsa.publicJwk, key_ops: ['decrypt', 'unwrapKey'] },
        { alg: 'RSA-OAEP-256' },
      ),
      { enc: 'A128GCM' },
    ),
  )
  add('use-key_ops', 'key_ops encrypt decrypts', async () =>
    decryptCompact(
      await encryptCompact('x', await keyFor(rsa.publicJwk, 'RSA-OAEP-256'), { enc: 'A128GCM' }),
      await importJwk(
        { ...rsa.privateJwk, key_ops: ['encrypt', 'wrapKey'] },
        { alg: 'RSA-OAEP-256' },
      ),
    ),
  )
  add('use-key_ops', 'key_ops unwrapKey A128KW encrypts', async () =>
    encryptCompact(
      'x',
      await importJwk(
        { kty: 'oct', k: Buffer.alloc(16, 1).toString('base64url'), key_ops: ['unwrapKey'] },
        { alg: 'A128KW' },
      ),
      { enc: 'A128GCM' },
    ),
  )
  add('use-key_ops', 'key_ops sign ECDH-ES decrypts', async () =>
    decryptCompact(
      await encryptCompact('x', await keyFor(ec.publicJwk, 'ECDH-ES'), { enc: 'A128GCM' }),
      await importJwk({ ...ec.privateJwk, key_ops: ['sign'] }, { alg: 'ECDH-ES' }),
    ),
  )
  return result
}

function sealDirectRaw(header: Record<string, unknown>, content: Buffer): string {
  return sealDirect(segment(header), DIR_SECRET, content)
}

export const claimsKeySiblings = rows()
