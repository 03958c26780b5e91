/** Signing of the flattened and general JWS JSON serializations (RFC 7515 section 7.2). */
import { JotError } from '../errors.js'
import { signatureBackend } from '../backend/index.js'
import { encodeBase64url, encodeBase64urlString } from '../encoding/base64url.js'
import type { JotKey } from '../keys/key.js'
import { describeType } from '../keys/options.js'
import { booleanOption, signingEntry } from './compact-sign.js'
import { joinHeaders } from './json-header.js'
import type { JwsHeaderParameters } from './json-header.js'
import { encodePayload, signingInput } from './payload.js'

/** One signer of a JSON-serialized JWS: its key and the two halves of its JOSE header. */
export interface JsonSigner {
  readonly key: JotKey
  /**
   * Integrity-protected header parameters. `alg` defaults to the key's algorithm, and `kid` to
   * the key's when neither half sets it; an `alg` given here must be the key's. `crit` may list
   * extension parameters; `b64` is set with the `b64` option.
   */
  readonly protectedHeader?: Readonly<Record<string, unknown>> | undefined
  /**
   * Header parameters sent without integrity protection. Their names may not repeat those of
   * the protected header (RFC 7515 section 7.2.1), and `crit` and `b64` may not appear here.
   */
  readonly unprotectedHeader?: Readonly<Record<string, unknown>> | undefined
}

/** Options for signing a JSON-serialized JWS. */
export interface SignJsonOptions {
  /** 'general' (a `signatures` array) or 'flattened' (exactly one signer). Default 'general'. */
  readonly serialization?: 'general' | 'flattened' | undefined
  /**
   * Whether the payload is base64url-encoded. False signs it unencoded (RFC 7797): every
   * protected header gets `b64: false` and `b64` in `crit`, and the payload member is the
   * payload text, so a payload given as bytes must be valid UTF-8 unless detached. Default true.
   */
  readonly b64?: boolean | undefined
  /** Whether to leave the `payload` member out (RFC 7515 appendix F). Default false. */
  readonly detached?: boolean | undefined
}

/** One entry of the `signatures` array of a general JWS. */
export interface GeneralJwsSignature {
  /** The base64url-encoded protected header; absent when it would be empty. */
  readonly protected?: string
  /** The unprotected header; absent when it would be empty. */
  readonly header?: JwsHeaderParameters
  readonly signature: string
}

/** A JWS in the general JSON serialization (RFC 7515 section 7.2.1). */
export interface GeneralJws {
  /** The payload, base64url-encoded unless `b64` is false; absent when detached. */
  readonly payload?: string
  readonly signatures: GeneralJwsSignature[]
}

/** A JWS in the flattened JSON serialization (RFC 7515 section 7.2.2): one signature. */
export interface FlattenedJws extends GeneralJwsSignature {
  /** The payload, base64url-encoded unless `b64` is false; absent when detached. */
  readonly payload?: string
}

/**
 * Signs a payload once per signer and returns the JWS as a JSON object, in the general
 * serialization unless `serialization` is 'flattened'. `JSON.stringify` gives its text.
 * @throws JotError `ARGUMENT_INVALID`, `OPTION_INVALID`, `ALG_NOT_ALLOWED` or `KEY_INVALID`.
 * @example
 * const jws = await signJson('hello', [
 *   { key: rsaKey, unprotectedHeader: { kid: 'rsa-2026' } },
 *   { key: ecKey, protectedHeader: { typ: 'example' } },
 * ])
 */
export async function signJson(
  payload: string | Uint8Array,
  signers: readonly JsonSigner[],
  options: SignJsonOptions & { readonly serialization: 'flattened' },
): Promise<FlattenedJws>
export async function signJson(
  payload: string | Uint8Array,
  signers: readonly JsonSigner[],
  options?: SignJsonOptions & { readonly serialization?: 'general' | undefined },
): Promise<GeneralJws>
export async function signJson(
  payload: string | Uint8Array,
  signers: readonly JsonSigner[],
  options?: SignJsonOptions,
): Promise<FlattenedJws | GeneralJws>
export async function signJson(
  payload: string | Uint8Array,
  signers: readonly JsonSigner[],
  options?: SignJsonOptions,
): Promise<FlattenedJws | GeneralJws> {
  const flattened = serializationOption(options?.serialization) === 'flattened'
  const b64 = booleanOption(options?.b64, 'b64', true)
  const detached = booleanOption(options?.detached, 'detached', false)
  checkSigners(signers, flattened)
  const encoded = encodePayload(payload, b64, detached, 'json')

  const pending = signers.map((signer, index) => signOne(signer, index, b64, encoded.signed))
  // Only the Web Crypto backend returns promises; the Node.js path does not await.
  const signatures = pending.some((item) => item instanceof Promise)
    ? await Promise.all(pending.map((item) => Promise.resolve(item)))
    : (pending as GeneralJwsSignature[])
  const payloadMember = detached ? {} : { payload: encoded.serialized }
  // The cast is sound: checkSigners has made sure a flattened JWS has exactly one signer.
  if (flattened)
    return Promise.resolve({ ...payloadMember, ...(signatures[0] as GeneralJwsSignature) })
  return Promise.resolve({ ...payloadMember, signatures })
}

function serializationOption(value: unknown): 'general' | 'flattened' {
  if (value === undefined || value === 'general' || value === 'flattened') return value ?? 'general'
  throw new JotError(
    'OPTION_INVALID',
    'The "serialization" option must be "general" or "flattened".',
  )
}

function checkSigners(signers: unknown, flattened: boolean): asserts signers is JsonSigner[] {
  if (!Array.isArray(signers) || signers.length === 0) {
    throw new JotError(
      'ARGUMENT_INVALID',
      'The signers must be a non-empty array of { key, protectedHeader, unprotectedHeader } objects.',
    )
  }
  if (flattened && signers.length !== 1) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The flattened serialization takes exactly one signer, not ${signers.length}; use "general".`,
    )
  }
  for (const [index, signer] of signers.entries()) {
    if (typeof signer !== 'object' || signer === null || Array.isArray(signer)) {
      throw new JotError('ARGUMENT_INVALID', `Signer ${index} must be an object with a "key".`)
    }
  }
}

function signOne(
  signer: JsonSigner,
  index: number,
  b64: boolean,
  signedPayload: string | Uint8Array,
): GeneralJwsSignature | Promise<GeneralJwsSignature> {
  const entry = signingEntry(signer.key)
  const { protectedHeader, unprotectedHeader } = signerHeaders(signer, index, b64)

  const encodedProtected =
    protectedHeader === undefined ? '' : encodeBase64urlString(JSON.stringify(protectedHeader))
  const input = signingInput(encodedProtected, signedPayload)
  const members = {
    ...(protectedHeader === undefined ? {} : { protected: encodedProtected }),
    ...(unprotectedHeader === undefined ? {} : { header: unprotectedHeader }),
  }
  const signature = signatureBackend.sign(entry, signer.key, input)
  if (signature instanceof Uint8Array) return { ...members, signature: encodeBase64url(signature) }
  return signature.then((bytes) => ({ ...members, signature: encodeBase64url(bytes) }))
}

interface SignerHeaders {
  readonly protectedHeader: Record<string, unknown> | undefined
  readonly unprotectedHeader: Record<string, unknown> | undefined
}

/**
 * Builds a signer's two header halves: `alg` and `kid` from the key unless given, `b64` and
 * `crit` from the b64 option, then the same checks a verifier makes.
 * @throws JotError `ARGUMENT_INVALID`.
 */
function signerHeaders(signer: JsonSigner, index: number, b64: boolean): SignerHeaders {
  const given = copyHeader(signer.protectedHeader, 'protectedHeader', index)
  const unprotected = copyHeader(signer.unprotectedHeader, 'unprotectedHeader', index)
  const key = signer.key
  for (const half of [given, unprotected]) {
    if (half !== undefined && Object.hasOwn(half, 'b64')) {
      throw new JotError(
        'ARGUMENT_INVALID',
        `Signer ${index} sets the header parameter "b64"; use the "b64" option instead.`,
      )
    }
  }
  const alg = given?.['alg'] ?? unprotected?.['alg']
  if (alg !== undefined && alg !== key.alg) {
    const shown = typeof alg === 'string' ? `"${alg.slice(0, 32)}"` : describeType(alg)
    throw new JotError(
      'ARGUMENT_INVALID',
      `Signer ${index} sets alg to ${shown}, but its key is bound to ${key.alg}.`,
    )
  }

  // Spreading defines own properties, so a "__proto__" member stays data and never becomes the
  // prototype. The key's alg and kid come first, and a caller's value replaces them in place.
  const defaults: Record<string, unknown> = {}
  if (unprotected?.['alg'] === undefined) defaults['alg'] = key.alg
  if (given?.['kid'] === undefined && unprotected?.['kid'] === undefined && key.kid !== undefined)
    defaults['kid'] = key.kid
  const protectedHeader: Record<string, unknown> = { ...defaults, ...given }
  if (!b64) {
    protectedHeader['b64'] = false
    const crit = protectedHeader['crit']
    if (crit === undefined) protectedHeader['crit'] = ['b64']
    else if (Array.isArray(crit) && !crit.includes('b64'))
      protectedHeader['crit'] = [...(crit as unknown[]), 'b64']
  }

  const protectedOrNone = Object.keys(protectedHeader).length === 0 ? undefined : protectedHeader
  const unprotectedOrNone =
    unprotected === undefined || Object.keys(unprotected).length === 0 ? undefined : unprotected
  try {
    joinHeaders(protectedOrNone, unprotectedOrNone, 'any')
  } catch (cause) {
    const message = cause instanceof Error ? cause.message : String(cause)
    throw new JotError(
      'ARGUMENT_INVALID',
      `The headers of signer ${index} are invalid: ${message.charAt(0).toLowerCase()}${message.slice(1)}`,
      { cause },
    )
  }
  return { protectedHeader: protectedOrNone, unprotectedHeader: unprotectedOrNone }
}

/** Copies a header argument through JSON, so the JWS holds only JSON values the caller cannot change later. */
function copyHeader(
  value: unknown,
  name: string,
  index: number,
): Record<string, unknown> | undefined {
  if (value === undefined) return undefined
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JotError('ARGUMENT_INVALID', `The ${name} of signer ${index} must be an object.`)
  }
  let copy: unknown
  try {
    copy = JSON.parse(JSON.stringify(value))
  } catch (cause) {
    throw new JotError(
      'ARGUMENT_INVALID',
      `The ${name} of signer ${index} cannot be serialized as JSON.`,
      { cause },
    )
  }
  // A toJSON method can turn an object into a string or an array.
  if (typeof copy !== 'object' || copy === null || Array.isArray(copy)) {
    throw new JotError('ARGUMENT_INVALID', `The ${name} of signer ${index} must be an object.`)
  }
  return copy as Record<string, unknown>
}
