/** Compile-time checks of the JWE API's public types; tsc runs this file, the test runner does not. */
import {
  decryptAndVerifyJwt,
  decryptCompact,
  decryptJson,
  decryptJwt,
  encryptCompact,
  encryptJson,
  encryptJwt,
  generateSecret,
} from '../../src/index.js'
import type {
  DecryptCompactResult,
  DecryptJsonResult,
  FlattenedJwe,
  GeneralJwe,
  JotKey,
  JweHeader,
} from '../../src/index.js'

export async function checkJweTypes(key: JotKey, other: JotKey, token: string) {
  const compact: string = await encryptCompact('x', key, { enc: 'A256GCM', zip: 'DEF' })
  const general: GeneralJwe = await encryptJson('x', [{ key }, { key: other }], { enc: 'A128GCM' })
  const flattened: FlattenedJwe = await encryptJson('x', key, {
    enc: 'A128GCM',
    serialization: 'flattened',
  })
  const opened: DecryptCompactResult = await decryptCompact(token, [key, other], {
    keyManagementAlgorithms: ['ECDH-ES+A256KW'],
    maxPbes2Count: 10_000,
  })
  const header: JweHeader = opened.protectedHeader
  const fromJson: DecryptJsonResult = await decryptJson(flattened, (jweHeader) =>
    jweHeader.kid === 'a' ? key : undefined,
  )
  const index: number = fromJson.recipientIndex
  const jwt = await encryptJwt({ sub: 'a' }, key, { enc: 'A256GCM', expiresInSec: 60 })
  const { claims } = await decryptJwt(jwt, key, { contentEncryptionAlgorithms: ['A256GCM'] })
  await decryptAndVerifyJwt(
    token,
    { decryptionKeys: key, verificationKeys: other },
    {
      verification: { algorithms: ['ES256'] },
    },
  )
  await generateSecret('dir', { enc: 'A192CBC-HS384' })

  // @ts-expect-error enc is required
  await encryptCompact('x', key, {})
  // @ts-expect-error enc names a content encryption algorithm
  await encryptCompact('x', key, { enc: 'A256KW' })
  // @ts-expect-error only DEF compression exists
  await encryptCompact('x', key, { enc: 'A256GCM', zip: 'GZIP' })
  // @ts-expect-error RSA1_5 is not a supported algorithm
  await decryptCompact(token, key, { keyManagementAlgorithms: ['RSA1_5'] })
  // @ts-expect-error the CEK is not in the result unless asked for, and then optional
  const cek: Uint8Array = opened.contentEncryptionKey
  // @ts-expect-error decryptJwt takes the JWE allowlists, not the JWS one
  await decryptJwt(jwt, key, { algorithms: ['ES256'] })

  return [compact, general, header, index, claims, cek]
}
