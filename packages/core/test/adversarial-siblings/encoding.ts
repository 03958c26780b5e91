/** Siblings of the handed encoding cases: base64url, white space, nesting, UTF-8, crit, embedded keys. */
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto'
import {
  decodeUnverified,
  decryptCompact,
  decryptJson,
  encryptCompact,
  encryptJson,
  importPem,
  localKeySet,
  remoteKeySet,
  verifyCompact,
  verifyJson,
  verifyJwt,
} from '../../src/index.js'
import { readKeyFixture } from '../keys/helpers.js'
import { sealGcm } from '../jwe/craft.js'
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
const a128kw = await keyFor(random(16), 'A128KW')

/** Ways to spell a base64url segment that a lenient decoder would read as the same bytes. */
function spellings(text: string): Record<string, string> {
  const variants: Record<string, string> = {
    padding: text + '='.repeat((4 - (text.length % 4)) % 4 || 4),
    'space inside': `${text.slice(0, 4)} ${text.slice(4)}`,
    'line break inside': `${text.slice(0, 4)}\n${text.slice(4)}`,
    'CR LF inside': `${text.slice(0, 4)}\r\n${text.slice(4)}`,
    'tab inside': `${text.slice(0, 4)}\t${text.slice(4)}`,
  }
  const standard = text.replace(/-/g, '+').replace(/_/g, '/')
  if (standard !== text) variants['standard alphabet'] = standard
  if (text.length % 4 !== 0) variants['non-zero trailing bits'] = withTrailingBit(text)
  return variants
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

// The last character of a segment whose length is 2 or 3 modulo 4 carries 4 or 2 bits that
// encode nothing. Setting the lowest of them gives another spelling of the same bytes.
function withTrailingBit(text: string): string {
  const last = ALPHABET.indexOf(text.slice(-1))
  return text.slice(0, -1) + ALPHABET[last | 1]!
}

function hasUrlSafeCharacters(segments: readonly string[]): boolean {
  return segments.every((text) => /[-_]/.test(text))
}

// Claims whose segments contain "-" or "_" and trailing bits, so every spelling applies.
function canonicalHs256(): string {
  for (let filler = 0; ; filler++) {
    const header = segment({ alg: 'HS256', kid: '~~~???' + 'x'.repeat(filler % 3) })
    const payload = segment({ sub: '~~~???>>>' + 'y'.repeat(filler), exp: NOW + 3600 })
    const token = hmacToken(header, payload, SECRET)
    const parts = token.split('.')
    if (hasUrlSafeCharacters(parts) && parts.every((part) => part.length % 4 !== 0)) {
      return token
    }
  }
}

async function canonicalJwe(): Promise<string> {
  for (let filler = 0; ; filler++) {
    const token = await encryptCompact('~~~???' + 'z'.repeat(filler), a128kw, {
      enc: 'A128GCM',
      header: { kid: '~~~???' + 'x'.repeat(filler % 3) },
    })
    const parts = token.split('.')
    // The IV and the wrapped key have fixed lengths that are multiples of 4, so no spare bits.
    const [header = '', , , ciphertext = ''] = parts
    const spareBits = header.length % 4 !== 0 && ciphertext.length % 4 !== 0
    if (hasUrlSafeCharacters(parts) && spareBits) return token
  }
}

async function canonicalJsonJwe(): Promise<Record<string, string>> {
  for (let filler = 0; ; filler++) {
    const jwe = (await encryptJson('~~~???' + 'z'.repeat(filler), a128kw, {
      enc: 'A128GCM',
      serialization: 'flattened',
      protectedHeader: { kid: '~~~???' + 'x'.repeat(filler % 3) },
      aad: '~~~???' + 'a'.repeat(filler % 3),
    })) as unknown as Record<string, string>
    const members = ['protected', 'encrypted_key', 'iv', 'ciphertext', 'tag', 'aad']
    const spareBits = ['protected', 'ciphertext', 'aad'].every(
      (name) => jwe[name]!.length % 4 !== 0,
    )
    if (hasUrlSafeCharacters(members.map((name) => jwe[name]!)) && spareBits) return jwe
  }
}

const jws = canonicalHs256()
const jwe = await canonicalJwe()
const jsonJwe = await canonicalJsonJwe()

const JWS_SEGMENTS = ['header', 'payload', 'signature']
const JWE_SEGMENTS = ['header', 'encrypted key', 'IV', 'ciphertext', 'tag']

function replaceSegment(token: string, index: number, text: string): string {
  const parts = token.split('.')
  parts[index] = text
  return parts.join('.')
}

function flattenedJws(): Record<string, string> {
  const [protectedHeader = '', payload = '', signature = ''] = jws.split('.')
  return { protected: protectedHeader, payload, signature }
}

// A server on loopback that counts requests, standing in for a URL an attacker names in a header.
let attackerRequests = 0
const attacker = createServer((_request, response) => {
  attackerRequests++
  response.writeHead(200, { 'content-type': 'application/json' })
  response.end(JSON.stringify({ keys: [{ ...ec.publicJwk, kid: 'main', alg: 'ES256' }] }))
})
await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve))
const attackerUrl = `http://127.0.0.1:${(attacker.address() as AddressInfo).port}/jwks.json`

/** Counts the requests the loopback server received; the tests expect none. */
export function countAttackerRequests(): number {
  return attackerRequests
}

/** Stops the loopback server. */
export function closeAttackerServer(): Promise<void> {
  return new Promise((resolve) =>
    attacker.close(() => {
      resolve()
    }),
  )
}

// The verifier trusts the RSA key; the attacker signs with the certificate's own P-256 key.
const certificatePem = readKeyFixture('certificate.pem')
const certificateKey = createPrivateKey(readKeyFixture('certificate-key.pem'))
const certificateDer = certificatePem.replace(/-----[^-]+-----|\s/g, '')
const trustedKey = await keyFor(rsa.publicJwk, 'RS256')
const trustedSet = localKeySet({ keys: [{ ...rsa.publicJwk, alg: 'RS256', kid: 'main' }] } as never)
const trustedEs256 = await importPem(readKeyFixture('ec-p256-pkcs8.pem'), { alg: 'ES256' })

function attackerToken(header: Record<string, unknown>): string {
  const input = `${segment({ alg: 'ES256', ...header })}.${segment({ sub: 'admin', exp: NOW + 60 })}`
  const signature = nodeSign('sha256', Buffer.from(input), {
    key: certificateKey,
    dsaEncoding: 'ieee-p1363',
  })
  return `${input}.${signature.toString('base64url')}`
}

const embeddedHeaders: Record<string, Record<string, unknown>> = {
  jwk: { jwk: createPublicKey(certificateKey).export({ format: 'jwk' }) },
  jku: { jku: attackerUrl, kid: 'main' },
  x5u: { x5u: attackerUrl },
  x5c: { x5c: [certificateDer] },
  'x5t#S256': { 'x5t#S256': 'A'.repeat(43) },
}

function deeplyNested(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth)
}

function rawSegment(bytes: number[] | string): string {
  return Buffer.from(typeof bytes === 'string' ? bytes : Uint8Array.from(bytes)).toString(
    'base64url',
  )
}

function withUtf8(prefix: string, bytes: number[], suffix: string): string {
  return Buffer.concat([Buffer.from(prefix), Uint8Array.from(bytes), Buffer.from(suffix)]).toString(
    'base64url',
  )
}

const INVALID_UTF8: Record<string, number[]> = {
  'byte FF': [0xff],
  'lone surrogate': [0xed, 0xa0, 0x80],
  'overlong slash': [0xc0, 0xaf],
  'truncated sequence': [0xe2, 0x82],
}

function rows(): Sibling[] {
  const result: Sibling[] = []
  const add = (caseId: string, name: string, run: () => unknown) =>
    result.push({ caseId, name, run })

  // Every non-canonical spelling in every segment of every serialization.
  jws.split('.').forEach((text, index) => {
    for (const [variant, spelled] of Object.entries(spellings(text))) {
      const token = replaceSegment(jws, index, spelled)
      add('BUG-20', `JWS compact ${JWS_SEGMENTS[index]!} ${variant}`, () =>
        verifyJwt(token, hs256, options),
      )
    }
  })
  for (const member of ['protected', 'payload', 'signature']) {
    const flattened = flattenedJws()
    for (const [variant, spelled] of Object.entries(spellings(flattened[member]!))) {
      add('BUG-20', `JWS JSON ${member} ${variant}`, () =>
        verifyJson({ ...flattened, [member]: spelled }, hs256),
      )
      const { payload, ...signature } = flattened
      add('BUG-20', `JWS general ${member} ${variant}`, () =>
        verifyJson(
          member === 'payload'
            ? { payload: spelled, signatures: [signature] }
            : { payload, signatures: [{ ...signature, [member]: spelled }] },
          hs256,
        ),
      )
    }
  }
  jwe.split('.').forEach((text, index) => {
    for (const [variant, spelled] of Object.entries(spellings(text))) {
      const token = replaceSegment(jwe, index, spelled)
      add('BUG-20', `JWE compact ${JWE_SEGMENTS[index]!} ${variant}`, () =>
        decryptCompact(token, a128kw),
      )
    }
  })
  for (const member of ['protected', 'encrypted_key', 'iv', 'ciphertext', 'tag', 'aad']) {
    for (const [variant, spelled] of Object.entries(spellings(jsonJwe[member]!))) {
      add('BUG-20', `JWE JSON ${member} ${variant}`, () =>
        decryptJson({ ...jsonJwe, [member]: spelled }, a128kw),
      )
      if (member !== 'encrypted_key') continue
      const shared = Object.fromEntries(
        Object.entries(jsonJwe).filter(([name]) => name !== 'encrypted_key'),
      )
      add('BUG-20', `JWE general encrypted_key ${variant}`, () =>
        decryptJson({ ...shared, recipients: [{ encrypted_key: spelled }] }, a128kw),
      )
    }
  }
  const jwkMembers: [string, Record<string, unknown>, 'RS256' | 'ES256' | 'ECDH-ES' | 'HS256'][] = [
    ['RSA public', rsa.publicJwk, 'RS256'],
    ['RSA private', rsa.privateJwk, 'RS256'],
    ['EC private', ec.privateJwk, 'ES256'],
    ['X25519 private', x25519.privateJwk, 'ECDH-ES'],
    ['oct', { kty: 'oct', k: Buffer.from(SECRET).toString('base64url') }, 'HS256'],
  ]
  for (const [label, jwk, alg] of jwkMembers) {
    for (const [name, value] of Object.entries(jwk)) {
      if (name === 'kty' || name === 'crv') continue
      for (const [variant, spelled] of Object.entries(spellings(String(value)))) {
        add('BUG-20', `JWK ${label} ${name} ${variant}`, () =>
          keyFor({ ...jwk, [name]: spelled }, alg),
        )
      }
    }
  }

  // White space and control characters around or between segments.
  const surroundings: Record<string, (token: string) => string> = {
    'trailing CR LF': (token) => token + '\r\n',
    'trailing LF': (token) => token + '\n',
    'trailing space': (token) => token + ' ',
    'leading space': (token) => ' ' + token,
    'leading tab': (token) => '\t' + token,
    'trailing NUL': (token) => token + '\0',
    'space after dot': (token) => token.replace('.', '. '),
    'LF after dot': (token) => token.replace('.', '.\n'),
    'Bearer prefix': (token) => 'Bearer ' + token,
  }
  for (const [name, change] of Object.entries(surroundings)) {
    add('BUG-21', `JWT ${name}`, () => verifyJwt(change(jws), hs256, options))
    add('BUG-21', `JWS compact ${name}`, () => verifyCompact(change(jws), hs256))
    add('BUG-21', `decodeUnverified ${name}`, () => decodeUnverified(change(jws)))
    add('BUG-21', `JWE compact ${name}`, () => decryptCompact(change(jwe), a128kw))
  }

  // Deep nesting in every JSON a verifier parses before the signature.
  const deep = deeplyNested(20_000)
  const deepPayload = `{"sub":"a","x":${deep}}`
  add('BUG-23', 'JWS header nested arrays', () =>
    verifyJwt(
      hmacToken(rawSegment(`{"alg":"HS256","x":${deep}}`), segment({}), SECRET),
      hs256,
      options,
    ),
  )
  add('BUG-23', 'JWS header nested objects', () =>
    verifyJwt(
      hmacToken(
        rawSegment(`{"alg":"HS256","x":${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}}`),
        segment({}),
        SECRET,
      ),
      hs256,
      options,
    ),
  )
  add('BUG-23', 'JWT claims nested arrays', () =>
    verifyJwt(
      hmacToken(segment({ alg: 'HS256' }), rawSegment(deepPayload), SECRET),
      hs256,
      options,
    ),
  )
  add('BUG-23', 'decodeUnverified nested claims', () =>
    decodeUnverified(hmacToken(segment({ alg: 'HS256' }), rawSegment(deepPayload), SECRET)),
  )
  add('BUG-23', 'JWT claims one level too deep', () =>
    verifyJwt(
      hmacToken(segment({ alg: 'HS256' }), rawSegment(`{"x":${deeplyNested(32)}}`), SECRET),
      hs256,
      options,
    ),
  )
  add('BUG-23', 'JWS JSON unprotected header', () =>
    verifyJson(`{"payload":"","header":{"alg":"HS256","x":${deep}},"signature":"AA"}`, hs256),
  )
  add('BUG-23', 'JWS JSON document', () => verifyJson(deep, hs256))
  add('BUG-23', 'JWE header nested arrays', () =>
    decryptCompact(
      sealGcm(`{"alg":"dir","enc":"A256GCM","x":${deep}}`, DIR_SECRET, Buffer.from('{}')),
      dirKey,
    ),
  )
  add('BUG-23', 'JWE JSON document', () => decryptJson(deep, dirKey))
  add('BUG-23', 'JWS header one level too deep', () =>
    verifyJwt(
      hmacToken(rawSegment(`{"alg":"HS256","x":${deeplyNested(32)}}`), segment({}), SECRET),
      hs256,
      options,
    ),
  )
  add('BUG-23', 'JWE header one level too deep', () =>
    decryptCompact(
      sealDirect(
        rawSegment(`{"alg":"dir","enc":"A256GCM","x":${deeplyNested(32)}}`),
        DIR_SECRET,
        '{}',
      ),
      dirKey,
    ),
  )
  add('BUG-23', 'JWS JSON header one level too deep', () =>
    verifyJson(
      `{"payload":"","header":{"alg":"HS256","x":${deeplyNested(31)}},"signature":"AA"}`,
      hs256,
    ),
  )
  add('BUG-23', 'remote JWK set nested', () => {
    const keySet = remoteKeySet('http://127.0.0.1:9/jwks.json', {
      fetch: () =>
        Promise.resolve(new Response(`{"keys":[{"kty":"oct","x":${deeplyNested(20_000)}}]}`)),
    })
    return verifyJwt(jws, keySet, options)
  })

  // Invalid UTF-8 in each decoded JSON text.
  for (const [name, bytes] of Object.entries(INVALID_UTF8)) {
    add('BUG-25', `JWS header ${name}`, () =>
      verifyJwt(
        hmacToken(withUtf8('{"alg":"HS256","x":"', bytes, '"}'), segment({}), SECRET),
        hs256,
        options,
      ),
    )
    add('BUG-25', `JWT claims ${name}`, () =>
      verifyJwt(
        hmacToken(segment({ alg: 'HS256' }), withUtf8('{"sub":"', bytes, '"}'), SECRET),
        hs256,
        options,
      ),
    )
    add('BUG-25', `decodeUnverified claims ${name}`, () =>
      decodeUnverified(
        hmacToken(segment({ alg: 'HS256' }), withUtf8('{"sub":"', bytes, '"}'), SECRET),
      ),
    )
    add('BUG-25', `JWE header ${name}`, () =>
      decryptCompact(
        sealDirect(withUtf8('{"alg":"dir","enc":"A256GCM","x":"', bytes, '"}'), DIR_SECRET, '{}'),
        dirKey,
      ),
    )
  }

  // Crit in every form a verifier might let through.
  const critHeaders: Record<string, Record<string, unknown>> = {
    'unknown extension': { crit: ['exp'], exp: NOW },
    'empty list': { crit: [] },
    'duplicate name': { crit: ['x', 'x'], x: 1 },
    'registered name': { crit: ['alg'] },
    'absent parameter': { crit: ['x'] },
    'string not list': { crit: 'x', x: 1 },
    'number entry': { crit: [1] },
  }
  for (const [name, header] of Object.entries(critHeaders)) {
    add('BUG-10', `JWS crit ${name}`, () =>
      verifyJwt(
        hmacToken(segment({ alg: 'HS256', ...header }), segment({}), SECRET),
        hs256,
        options,
      ),
    )
    add('BUG-10', `JWE crit ${name}`, () =>
      decryptCompact(
        sealGcm({ alg: 'dir', enc: 'A256GCM', ...header }, DIR_SECRET, Buffer.from('{}')),
        dirKey,
      ),
    )
  }
  add('BUG-10', 'JWS crit other extension allowed', () =>
    verifyJwt(hmacToken(segment({ alg: 'HS256', crit: ['y'], y: 1 }), segment({}), SECRET), hs256, {
      ...options,
      crit: ['x'],
    }),
  )
  add('BUG-10', 'JWS JSON crit unprotected', () => {
    const flattened = flattenedJws()
    return verifyJson({ ...flattened, header: { crit: ['x'], x: 1 } }, hs256, { crit: ['x'] })
  })

  // Keys and key URLs named in the header are never used or fetched.
  for (const [name, header] of Object.entries(embeddedHeaders)) {
    add('BUG-07', `embedded ${name} with trusted key`, () =>
      verifyJwt(attackerToken(header), trustedEs256, options),
    )
    add('BUG-07', `embedded ${name} with RSA key`, () =>
      verifyJwt(attackerToken(header), trustedKey, options),
    )
    add('BUG-08', `embedded ${name} with local set`, async () =>
      verifyJwt(attackerToken(header), await trustedSet, options),
    )
    add('BUG-08', `embedded ${name} with remote set`, () =>
      verifyJwt(
        attackerToken(header),
        remoteKeySet('http://127.0.0.1:9/jwks.json', {
          fetch: () =>
            Promise.resolve(
              Response.json({ keys: [{ ...rsa.publicJwk, alg: 'RS256', kid: 'main' }] }),
            ),
        }),
        options,
      ),
    )
  }
  add('BUG-07', 'embedded jwk in JWE header', async () => {
    const token = await encryptCompact('{}', dirKey, {
      enc: 'A256GCM',
      header: { jwk: ec.publicJwk },
    })
    return decryptCompact(token, await keyFor(random(32), 'dir'))
  })
  return result
}

export const encodingSiblings = rows()
