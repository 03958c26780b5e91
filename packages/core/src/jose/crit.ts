/** The `crit` header check shared by JWS and JWE (RFC 7515 section 4.1.11, RFC 7516 4.1.13). */
import { JotError } from '../errors.js'

/**
 * Checks a header's `crit` list. It must be a non-empty array of distinct, non-empty names that
 * the specification does not register and that the caller processes. Each name must be an own
 * member of the header, so a name such as "constructor" never counts through inheritance.
 * @param understood the extension names the caller processes, or 'any' where nothing is
 *   processed and `crit` is only shown (decoding without verifying).
 * @throws JotError `TOKEN_MALFORMED` or `CRIT_UNSUPPORTED`.
 */
export function checkCritNames(
  header: Readonly<Record<string, unknown>>,
  registered: ReadonlySet<string>,
  understood: ReadonlySet<string> | 'any',
): void {
  const crit = header['crit']
  if (!Array.isArray(crit) || crit.length === 0) {
    throw new JotError('TOKEN_MALFORMED', 'The header parameter "crit" must be a non-empty array.')
  }
  const seen = new Set<string>()
  for (const name of crit as unknown[]) {
    if (typeof name !== 'string' || name === '') {
      throw new JotError('TOKEN_MALFORMED', 'The "crit" array must hold non-empty strings.')
    }
    if (seen.has(name)) {
      throw new JotError('TOKEN_MALFORMED', `The "crit" array lists "${name.slice(0, 40)}" twice.`)
    }
    seen.add(name)
    if (registered.has(name)) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The "crit" array must not list the registered parameter "${name}".`,
      )
    }
    if (understood !== 'any' && !understood.has(name)) {
      throw new JotError(
        'CRIT_UNSUPPORTED',
        `The critical header parameter "${name.slice(0, 40)}" is not supported.`,
      )
    }
    if (!Object.hasOwn(header, name) || header[name] === undefined) {
      throw new JotError(
        'TOKEN_MALFORMED',
        `The critical header parameter "${name.slice(0, 40)}" is missing.`,
      )
    }
  }
}
