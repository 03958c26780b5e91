/** Joining the protected and unprotected halves of a JSON-serialized JWS header (RFC 7515 section 7.2). */
import { JotError } from '../errors.js'
import { checkCrit, checkParameterTypes, readB64 } from './header.js'
import type { JwsHeader } from './header.js'

/** One half of the JOSE header of a JSON-serialized JWS: the protected or the unprotected header. */
export interface JwsHeaderParameters {
  readonly alg?: string
  readonly kid?: string
  readonly typ?: string
  readonly cty?: string
  readonly crit?: readonly string[]
  readonly b64?: boolean
  readonly [parameter: string]: unknown
}

/** The JOSE header of one signature: both halves and their union. */
export interface JoinedHeader {
  readonly protectedHeader: JwsHeaderParameters | undefined
  readonly unprotectedHeader: JwsHeaderParameters | undefined
  /** Both halves in one object. */
  readonly header: JwsHeader
  /** Whether the payload is base64url-encoded (RFC 7797 `b64`). */
  readonly b64: boolean
}

/**
 * Checks the two halves of a signature's JOSE header and joins them. The halves are returned as
 * given; the union is a new object that shares their values.
 * @param understood the extension parameters that `crit` may list, or 'any' to check only its
 *   form, as a signer does.
 * @throws JotError `TOKEN_MALFORMED` or `CRIT_UNSUPPORTED`.
 */
export function joinHeaders(
  protectedHeader: Readonly<Record<string, unknown>> | undefined,
  unprotectedHeader: Readonly<Record<string, unknown>> | undefined,
  understood: ReadonlySet<string> | 'any',
): JoinedHeader {
  const unprotected = unprotectedHeader ?? {}
  // RFC 7515 section 7.2.1: the names of the two halves must be disjoint, or a recipient could
  // read an unsigned value where the signer meant a signed one.
  for (const name of Object.keys(unprotected)) {
    if (protectedHeader !== undefined && Object.hasOwn(protectedHeader, name)) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The header parameter "${name.slice(0, 40)}" is in both the protected and the unprotected header.`,
      )
    }
  }
  // RFC 7515 section 4.1.11 and RFC 7797 section 3: both must be integrity protected.
  for (const name of ['crit', 'b64']) {
    if (Object.hasOwn(unprotected, name)) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The header parameter "${name}" must be in the protected header.`,
      )
    }
  }
  if (protectedHeader !== undefined) checkParameterTypes(protectedHeader)
  checkParameterTypes(unprotected)

  const header: Record<string, unknown> = { ...protectedHeader, ...unprotected }
  if (header['alg'] === undefined) {
    throw new JotError('TOKEN_MALFORMED', 'The header has no "alg" parameter.')
  }
  if (header['crit'] !== undefined) checkCrit(header, understood)
  const b64 = readB64(header)

  return {
    protectedHeader,
    unprotectedHeader,
    // The cast is sound: every typed name was checked above or by checkParameterTypes.
    header: header as JwsHeader,
    b64,
  }
}
