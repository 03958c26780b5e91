/** The ephemeral public key (`epk`) of ECDH-ES: strict checks before it meets a private key. */
import { JotError, isJotError } from '../errors.js'
import type { JweKeyManagementEntry } from '../jwa/jwe-key-management.js'
import type { Curve } from '../jwa/jws-algorithms.js'
import { checkJwk } from '../keys/jwk.js'
import type { CheckedJwk } from '../keys/jwk.js'
import type { Awaitable } from './awaitable.js'
import { isJsonObject } from './header.js'
import { jweBackend } from './jwe-backend.js'

/** An `epk` that passed every check, imported for key agreement. */
export interface EphemeralPublicKey {
  readonly crv: Curve
  readonly handle: unknown
}

/**
 * Checks and imports the `epk` of an ECDH-ES header: a public EC or OKP JWK with canonical
 * members of the curve's length, on a curve ECDH-ES supports, and for EC a point on the curve.
 * Without the point check, a crafted point on a weaker curve makes the recipient's ECDH
 * result leak bits of its private key over repeated queries (the invalid-curve attack, as in
 * GHSA-rvj9-8cvx-3vq9). On Web Crypto the import, and so the point check, completes later,
 * which is why the result may be a promise.
 * @throws JotError `TOKEN_MALFORMED`; `KEY_UNSUPPORTED` when the runtime lacks the curve.
 */
export function readEphemeralPublicKey(
  entry: JweKeyManagementEntry,
  epk: unknown,
): Awaitable<EphemeralPublicKey> {
  if (epk === undefined) {
    throw new JotError('TOKEN_MALFORMED', `The header of an ${entry.alg} JWE has no "epk".`)
  }
  if (!isJsonObject(epk)) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "epk" must be an object.')
  }
  let checked: CheckedJwk
  try {
    checked = checkJwk(epk, 'epk')
  } catch (cause) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "epk" is not a valid public JWK.', {
      cause,
    })
  }
  const crv = checked.crv
  if (checked.kind !== 'public' || crv === undefined || !entry.curves.includes(crv)) {
    throw new JotError(
      'TOKEN_MALFORMED',
      `The header parameter "epk" must be a public EC or OKP key on P-256, P-384, P-521, X25519 or X448.`,
    )
  }
  let imported: unknown
  try {
    imported = jweBackend.importAgreementPublicKey(checked.members)
  } catch (cause) {
    throw invalidEpk(crv, cause)
  }
  if (!(imported instanceof Promise)) return { crv, handle: imported }
  return imported.then(
    (handle: unknown) => ({ crv, handle }),
    (cause: unknown) => {
      throw invalidEpk(crv, cause)
    },
  )
}

function invalidEpk(crv: Curve, cause: unknown): JotError {
  // A curve the runtime lacks is the runtime's limit, not a fault of the token.
  if (isJotError(cause, 'KEY_UNSUPPORTED')) return cause
  return new JotError(
    'TOKEN_MALFORMED',
    `The header parameter "epk" is not a valid public key on ${crv}.`,
    { cause },
  )
}
