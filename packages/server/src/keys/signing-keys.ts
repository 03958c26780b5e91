/** Signing-key lifecycle: create the first ES256 key, store it encrypted, load it on later starts. */
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
import type { SigningKeyRecord, Store } from '../store/store.js'
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
}

/** The keys of the service: the one that signs, and every key a verifier may need. */
export interface KeyRing {
  readonly current: SigningKey
  readonly published: readonly SigningKey[]
  /** Whether this start created the current key. */
  readonly created: boolean
}

const NEW_KEY_ALG: JwsAlgorithm = 'ES256'

/**
 * Loads the active signing keys from the store, or creates, encrypts and stores an ES256 key
 * when there is none. The newest active key signs.
 * @throws ServerError `MASTER_KEY_MISMATCH` when a stored key does not decrypt, `STORE_INVALID`
 *   when a stored key is corrupt. Neither case creates a new key, because that would silently
 *   invalidate every token signed before.
 */
export async function loadOrCreateSigningKeys(
  store: Store,
  masterKey: MasterKey,
  now: () => number,
): Promise<KeyRing> {
  const existing = await loadActiveKeys(store, masterKey)
  if (existing !== undefined) return { ...existing, created: false }

  const record = await createSigningKeyRecord(masterKey, now())
  if (await store.insertFirstSigningKey(record)) {
    const key = await openSigningKey(record, masterKey)
    return { current: key, published: [key], created: true }
  }
  // Another instance on the same database stored its first key in the meantime.
  const raced = await loadActiveKeys(store, masterKey)
  if (raced === undefined) {
    throw new ServerError('STORE_INVALID', 'No active signing key is stored after creating one.')
  }
  return { ...raced, created: false }
}

async function loadActiveKeys(
  store: Store,
  masterKey: MasterKey,
): Promise<{ current: SigningKey; published: SigningKey[] } | undefined> {
  const records = await store.listSigningKeys('active')
  const keys: SigningKey[] = []
  for (const record of records) keys.push(await openSigningKey(record, masterKey))
  const current = keys.at(-1)
  return current === undefined ? undefined : { current, published: keys }
}

async function createSigningKeyRecord(
  masterKey: MasterKey,
  createdAt: number,
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
    encryptedPrivateKey: encryptPrivateJwk(privateJwk, masterKey, kid),
    status: 'active',
    createdAt,
  }
}

async function openSigningKey(record: SigningKeyRecord, masterKey: MasterKey): Promise<SigningKey> {
  if (!isJwsAlgorithm(record.alg)) {
    throw new ServerError('STORE_INVALID', `Signing key ${record.kid} has an unknown alg.`)
  }
  const alg = record.alg
  const privateJwk = decryptPrivateJwk(record.encryptedPrivateKey, masterKey, record.kid)
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
  return { kid: record.kid, alg, privateKey, publicKey, publicJwk: record.publicJwk }
}

// importJwk checks every member at run time; this only gives the stored object the JWK shape.
function toJwk(members: Readonly<Record<string, unknown>>, kid: string): Jwk {
  const kty = members['kty']
  if (typeof kty !== 'string') {
    throw new ServerError('STORE_INVALID', `Signing key ${kid} is stored without a key type.`)
  }
  return { ...members, kty, kid }
}
