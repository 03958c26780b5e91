/** Signing keys: generating a stored key record, and opening one for use. */
import {
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  importJwk,
  isJwsAlgorithm,
  thumbprint,
} from '@jot/core'
import type { JotKey, Jwk, JwsAlgorithm } from '@jot/core'
import { ServerError } from '../errors.js'
import type { MasterKey } from '../master-key.js'
import type { SigningKeyRecord } from '../store/store.js'
import { decryptPrivateJwk, encryptPrivateJwk } from './encryption.js'

/** A signing key ready for use. */
export interface SigningKey {
  /** RFC 7638 thumbprint of the public key. */
  readonly kid: string
  readonly alg: JwsAlgorithm
  readonly privateKey: JotKey
  readonly publicKey: JotKey
  /** The public JWK as published in the JWKS, with `kid`, `alg` and `use: "sig"`. */
  readonly publicJwk: Readonly<Record<string, unknown>>
  readonly generation: number
  readonly activatesAt: number
}

const NEW_KEY_ALG: JwsAlgorithm = 'ES256'

/** Generates an ES256 key pair and returns it as a record, the private key encrypted. */
export async function createSigningKeyRecord(
  masterKey: MasterKey,
  times: { readonly generation: number; readonly createdAt: number; readonly activatesAt: number },
): Promise<SigningKeyRecord> {
  const pair = await generateKeyPair(NEW_KEY_ALG)
  const kid = await thumbprint(pair.publicKey)
  const privateJwk = { ...(await exportJwk(pair.privateKey)), kid, alg: NEW_KEY_ALG }
  const publicJwk = {
    ...(await exportPublicJwk(pair.publicKey)),
    kid,
    alg: NEW_KEY_ALG,
    use: 'sig',
  }
  return {
    kid,
    alg: NEW_KEY_ALG,
    publicJwk,
    encryptedPrivateKey: await encryptPrivateJwk(privateJwk, masterKey, kid),
    generation: times.generation,
    createdAt: times.createdAt,
    activatesAt: times.activatesAt,
  }
}

/**
 * Decrypts and imports a stored key.
 * @throws ServerError `MASTER_KEY_MISMATCH` when the private key does not decrypt,
 *   `STORE_INVALID` when the record is corrupt.
 */
export async function openSigningKey(
  record: SigningKeyRecord,
  masterKey: MasterKey,
): Promise<SigningKey> {
  if (!isJwsAlgorithm(record.alg)) {
    throw new ServerError('STORE_INVALID', `Signing key ${record.kid} has an unknown alg.`)
  }
  const alg = record.alg
  const privateJwk = await decryptPrivateJwk(record.encryptedPrivateKey, masterKey, record.kid)
  const privateKey = await importJwk(toJwk(privateJwk, record.kid), { alg })
  const publicKey = await importJwk(toJwk(record.publicJwk, record.kid), { alg })
  // The kid is the thumbprint of the public key. Checking both halves against it catches a row
  // whose public JWK and private key were swapped or edited by hand.
  const privateThumbprint = await thumbprint(privateKey)
  const publicThumbprint = await thumbprint(publicKey)
  if (privateThumbprint !== record.kid || publicThumbprint !== record.kid) {
    throw new ServerError(
      'STORE_INVALID',
      `Signing key ${record.kid} does not match its kid; the stored key pair is corrupt.`,
    )
  }
  return {
    kid: record.kid,
    alg,
    privateKey,
    publicKey,
    publicJwk: record.publicJwk,
    generation: record.generation,
    activatesAt: record.activatesAt,
  }
}

// importJwk checks every member at run time; this only gives the stored object the JWK shape.
function toJwk(members: Readonly<Record<string, unknown>>, kid: string): Jwk {
  const kty = members['kty']
  if (typeof kty !== 'string') {
    throw new ServerError('STORE_INVALID', `Signing key ${kid} is stored without a key type.`)
  }
  return { ...members, kty, kid }
}
