/** Compile-time checks of the JWS JSON API's public types; tsc runs this file, the test runner does not. */
import { signCompact, signJson, verifyCompact, verifyJson } from '../../src/index.js'
import type {
  FlattenedJws,
  GeneralJws,
  JotKey,
  JwsHeader,
  JwsHeaderParameters,
  VerifyJsonResult,
} from '../../src/index.js'

export async function checkJsonTypes(key: JotKey, text: string) {
  const general: GeneralJws = await signJson('payload', [{ key }])
  const explicit: GeneralJws = await signJson('payload', [{ key }], { serialization: 'general' })
  const flattened: FlattenedJws = await signJson('payload', [{ key }], {
    serialization: 'flattened',
  })
  const either: FlattenedJws | GeneralJws = await signJson('payload', [{ key }], {
    b64: false,
    detached: true,
  })
  const signature: string = flattened.signature
  const count: number = general.signatures.length + explicit.signatures.length

  const result: VerifyJsonResult = await verifyJson(text, key, { maxSignatures: 2 })
  const fromObject = await verifyJson(general, [key], { detachedPayload: new Uint8Array() })
  const header: JwsHeader = fromObject.header
  const half: JwsHeaderParameters | undefined = result.protectedHeader
  const index: number = result.signatureIndex
  const bytes: Uint8Array = result.payload

  const token: string = await signCompact('payload', key, { b64: false, detached: true })
  const compact = await verifyCompact(token, key, { detachedPayload: 'payload' })

  // @ts-expect-error a flattened JWS has no signatures array
  const noArray: unknown = flattened.signatures
  // @ts-expect-error a general JWS has no top-level signature
  const noSignature: unknown = general.signature
  // @ts-expect-error compact is not a JSON serialization
  await signJson('payload', [{ key }], { serialization: 'compact' })
  // @ts-expect-error a signer needs a key
  await signJson('payload', [{ protectedHeader: { typ: 'x' } }])
  // @ts-expect-error b64 is a boolean
  await signJson('payload', [{ key }], { b64: 'false' })
  // @ts-expect-error a JWS is text or an object, never a number
  await verifyJson(42, key)
  // @ts-expect-error the detached payload is a string or bytes
  await verifyJson(text, key, { detachedPayload: 42 })
  // @ts-expect-error the header of a result cannot be changed
  result.header.alg = 'none'

  return { either, signature, count, header, half, index, bytes, compact, noArray, noSignature }
}
