/** exportJwk and exportPublicJwk: the JWK of a JotKey, with its alg, kid, use and key_ops. */
import { JotError } from '../errors.js'
import type { Jwk } from './jwk.js'
import { keyHandle } from './key.js'
import type { JotKey, KeyOperation } from './key.js'
import { keyBackend } from './key-backend.js'
import type { JwkMembers } from './key-backend.js'
import { assertExtractable, assertJotKey } from './options.js'
import { publicKeyOperations } from './to-public-key.js'

// RFC 7517 and RFC 7518 order, so exported JWKs read the same whatever the backend returns.
const MATERIAL_ORDER = ['kty', 'crv', 'x', 'y', 'n', 'e', 'd', 'p', 'q', 'dp', 'dq', 'qi', 'k']

/**
 * Exports a key as a JWK: a private JWK for a private key, an oct JWK for a secret, a public JWK
 * for a public key. `alg` is always set; `kid`, `use` and `key_ops` when the key has them.
 *
 * @example
 * const jwk = await exportJwk(key)
 * @throws JotError `ARGUMENT_INVALID` when `key` is not a JotKey; `KEY_INVALID` for the private
 *   or secret material of a key made with `extractable: false`.
 */
export async function exportJwk(key: JotKey): Promise<Jwk> {
  assertJotKey(key, 'exportJwk')
  assertExtractable(key, 'exportJwk')
  const members = await keyBackend.exportJwk(key[keyHandle])
  return buildJwk(members, key, key.keyOps)
}

/**
 * Exports the public JWK of a public or private key, for publishing in a JWK Set. Its `key_ops`
 * are the public counterparts of the key's (`sign` becomes `verify`).
 *
 * @example
 * const jwks = { keys: [await exportPublicJwk(privateKey)] }
 * @throws JotError `ARGUMENT_INVALID` when `key` is not a JotKey; `KEY_INVALID` for a secret key.
 */
export async function exportPublicJwk(key: JotKey): Promise<Jwk> {
  assertJotKey(key, 'exportPublicJwk')
  if (key.kind === 'secret') {
    throw new JotError(
      'KEY_INVALID',
      'exportPublicJwk needs a public or private key; a secret key has no public part.',
    )
  }
  const members = await keyBackend.exportPublicJwk(key[keyHandle])
  return buildJwk(members, key, publicKeyOperations(key.keyOps))
}

function buildJwk(
  members: JwkMembers,
  key: JotKey,
  keyOps: readonly KeyOperation[] | undefined,
): Jwk {
  const jwk: Record<string, unknown> = {}
  for (const name of MATERIAL_ORDER) {
    const value = members[name]
    if (value !== undefined) jwk[name] = value
  }
  if (key.use !== undefined) jwk['use'] = key.use
  if (keyOps !== undefined) jwk['key_ops'] = [...keyOps]
  jwk['alg'] = key.alg
  if (key.kid !== undefined) jwk['kid'] = key.kid
  // Sound: kty and the material come from the backend, the rest from the key's typed fields.
  return jwk as unknown as Jwk
}
