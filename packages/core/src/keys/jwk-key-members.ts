/** The key material members of a JWK: their presence, encoding, length and consistency. */
import { JotError } from '../errors.js'
import { decodeBase64url, isBase64url } from '../encoding/base64url.js'
import type { Curve, KeyType } from '../jwa/jws-algorithms.js'
import { CURVES, isCurveOf } from './curves.js'
import type { CheckedJwk } from './jwk.js'
import { MAX_RSA_BITS } from './key-checks.js'
import { ownMember } from './options.js'

/** A JWK as a plain object, before its members are checked. */
export type JwkObject = Readonly<Record<string, unknown>>

type KeyMembers = Pick<CheckedJwk, 'crv' | 'kind' | 'members' | 'secret'>

/** Registered members whose values are JSON strings. */
export const STRING_MEMBERS = [
  'kty',
  'use',
  'alg',
  'kid',
  'x5u',
  'x5t',
  'x5t#S256',
  'crv',
  'x',
  'y',
  'd',
  'n',
  'e',
  'p',
  'q',
  'dp',
  'dq',
  'qi',
  'k',
] as const
type MemberName = (typeof STRING_MEMBERS)[number]

const RSA_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const

/**
 * Reads a registered string member. Sound only once checkJwk has checked the member types, so
 * that each one is a string or absent.
 */
export function stringMember(jwk: JwkObject, name: MemberName): string | undefined {
  return ownMember(jwk, name) as string | undefined
}

/** Reads and checks the key material members of a JWK whose member types are checked. */
export function readKeyMembers(jwk: JwkObject, kty: KeyType): KeyMembers {
  switch (kty) {
    case 'RSA':
      return readRsaMembers(jwk)
    case 'EC':
    case 'OKP':
      return readCurveMembers(jwk, kty)
    case 'oct':
      return readSecretMembers(jwk)
  }
}

/** A base64url member as written and as decoded. */
interface EncodedMember {
  readonly text: string
  readonly bytes: Uint8Array
}

/** Reads a base64url member, which must be canonical. */
export function readEncoded(jwk: JwkObject, name: MemberName): EncodedMember | undefined {
  const text = stringMember(jwk, name)
  if (text === undefined) return undefined
  // Lenient decoders accept padding, white space and stray bits, so one key could be
  // written many ways; only the canonical spelling is accepted.
  if (!isBase64url(text)) {
    throw new JotError(
      'KEY_INVALID',
      `The JWK member "${name}" is not canonical unpadded base64url.`,
    )
  }
  return { text, bytes: decodeBase64url(text, `JWK member "${name}"`) }
}

function requireEncoded(jwk: JwkObject, name: MemberName, kty: KeyType): EncodedMember {
  const member = readEncoded(jwk, name)
  if (member !== undefined) return member
  throw new JotError('KEY_INVALID', `The ${kty} JWK has no "${name}" member.`)
}

function readRsaMembers(jwk: JwkObject): KeyMembers {
  const n = requireEncoded(jwk, 'n', 'RSA')
  const e = requireEncoded(jwk, 'e', 'RSA')
  checkUnsignedInteger('n', n.bytes)
  checkUnsignedInteger('e', e.bytes)
  if (n.bytes.length > MAX_RSA_BITS / 8) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `RSA keys larger than ${MAX_RSA_BITS} bits are not supported.`,
    )
  }
  if (ownMember(jwk, 'oth') !== undefined) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      'Multi-prime RSA keys (the "oth" member) are not supported.',
    )
  }
  const members: Record<string, string> = { kty: 'RSA', n: n.text, e: e.text }
  const present = RSA_PRIVATE_MEMBERS.filter((name) => ownMember(jwk, name) !== undefined)
  if (present.length === 0) return { kind: 'public', crv: undefined, members, secret: undefined }
  checkRsaPrivateMembers(present)
  for (const name of RSA_PRIVATE_MEMBERS) members[name] = requireEncoded(jwk, name, 'RSA').text
  checkRsaFactors(n.bytes, e.bytes, (name) => toBigInt(requireEncoded(jwk, name, 'RSA').bytes))
  return { kind: 'private', crv: undefined, members, secret: undefined }
}

// node:crypto takes the members as given, and OpenSSL signs with p, q, dp, dq and qi alone, so
// a wrong d, or a p and q from another key, would go unnoticed and be exported again as is.
// RFC 8017 section 3.2 gives the relations every member must satisfy.
function checkRsaFactors(
  nBytes: Uint8Array,
  eBytes: Uint8Array,
  member: (name: (typeof RSA_PRIVATE_MEMBERS)[number]) => bigint,
): void {
  const [p, q, d] = [member('p'), member('q'), member('d')]
  if (p * q !== toBigInt(nBytes)) {
    throw new JotError('KEY_INVALID', 'The RSA private JWK is inconsistent: p times q is not n.')
  }
  const lambda = leastCommonMultiple(p - 1n, q - 1n)
  const consistent =
    (toBigInt(eBytes) * d) % lambda === 1n &&
    member('dp') === d % (p - 1n) &&
    member('dq') === d % (q - 1n) &&
    member('qi') < p &&
    (member('qi') * q) % p === 1n
  if (!consistent) {
    throw new JotError(
      'KEY_INVALID',
      'The RSA private JWK is inconsistent: d, dp, dq or qi does not match p, q and e.',
    )
  }
}

function leastCommonMultiple(a: bigint, b: bigint): bigint {
  let [x, y] = [a, b]
  while (y !== 0n) [x, y] = [y, x % y]
  return (a / x) * b
}

function checkRsaPrivateMembers(present: readonly string[]): void {
  if (!present.includes('d')) {
    throw new JotError('KEY_INVALID', `The RSA JWK has "${present[0] ?? ''}" but no "d" member.`)
  }
  if (present.length === 1) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      'RSA private JWKs without p, q, dp, dq and qi are not supported.',
    )
  }
  // RFC 7518 section 6.3.2: once one of the CRT members is present, all must be.
  const missing = RSA_PRIVATE_MEMBERS.find((name) => !present.includes(name))
  if (missing !== undefined) {
    throw new JotError('KEY_INVALID', `The RSA private JWK has no "${missing}" member.`)
  }
}

// RFC 7518 section 2: a Base64urlUInt uses the fewest octets, so it has no leading zero octet.
function checkUnsignedInteger(name: string, bytes: Uint8Array): void {
  if (bytes.length === 0 || bytes[0] === 0) {
    throw new JotError(
      'KEY_INVALID',
      `The JWK member "${name}" must be a positive integer without leading zero octets.`,
    )
  }
}

/** Reads big-endian unsigned integer bytes, such as a JWK Base64urlUInt member. */
export function toBigInt(bytes: Uint8Array): bigint {
  let hex = '0x0'
  for (const byte of bytes) hex += byte.toString(16).padStart(2, '0')
  return BigInt(hex)
}

function readCurveMembers(jwk: JwkObject, kty: 'EC' | 'OKP'): KeyMembers {
  const crv = stringMember(jwk, 'crv')
  if (crv === undefined) throw new JotError('KEY_INVALID', `The ${kty} JWK has no "crv" member.`)
  if (!isCurveOf(kty, crv)) {
    throw new JotError(
      'KEY_UNSUPPORTED',
      `The ${kty} curve "${crv.slice(0, 32)}" is not supported.`,
    )
  }
  const members: Record<string, string> = { kty, crv }
  const names = kty === 'EC' ? (['x', 'y'] as const) : (['x'] as const)
  for (const name of names) {
    members[name] = checkCoordinate(name, requireEncoded(jwk, name, kty), crv)
  }
  const d = readEncoded(jwk, 'd')
  if (d === undefined) return { kind: 'public', crv, members, secret: undefined }
  members['d'] = checkCoordinate('d', d, crv)
  return { kind: 'private', crv, members, secret: undefined }
}

// RFC 7518 section 6.2.1.2 and RFC 8037 section 2: values have the curve's full length.
function checkCoordinate(name: string, member: EncodedMember, crv: Curve): string {
  const expected = CURVES[crv].bytes
  if (member.bytes.length === expected) return member.text
  throw new JotError(
    'KEY_INVALID',
    `The JWK member "${name}" must be ${expected} bytes for ${crv}, not ${member.bytes.length}.`,
  )
}

function readSecretMembers(jwk: JwkObject): KeyMembers {
  const k = requireEncoded(jwk, 'k', 'oct')
  if (k.bytes.length === 0) {
    throw new JotError('KEY_INVALID', 'The oct JWK has an empty "k" member.')
  }
  return { kind: 'secret', crv: undefined, members: { kty: 'oct', k: k.text }, secret: k.bytes }
}
