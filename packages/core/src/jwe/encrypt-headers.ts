/** Placement of a new JWE's parameters in the protected, shared or per-recipient header. */
import { JotError } from '../errors.js'
import { isPlainObject } from '../keys/options.js'
import { STRING_PARAMETERS, isRegisteredParameter } from './header.js'

type Header = Readonly<Record<string, unknown>>
type Location = 'protected' | 'shared' | 'recipient'

/** The parameters jot sets for one recipient. */
export interface RecipientParameters {
  readonly alg: string
  /** The key's `kid`, set unless the caller's headers already name one. */
  readonly kid: string | undefined
  /** Key management parameters: epk; iv and tag; or p2s and p2c. */
  readonly parameters: Header
}

/** The caller's headers, before jot adds its parameters. */
export interface HeaderTemplates {
  readonly protectedHeader: Header | undefined
  readonly sharedHeader: Header | undefined
  readonly recipientHeaders: readonly (Header | undefined)[]
}

/** The headers of a new JWE, each undefined when empty. */
export interface PlacedHeaders {
  readonly protectedHeader: Header | undefined
  readonly sharedHeader: Header | undefined
  readonly recipientHeaders: readonly (Header | undefined)[]
}

/**
 * Checks a header option: absent, or a plain object. Members set to undefined are dropped.
 * @throws JotError `OPTION_INVALID`.
 */
export function readHeaderOption(value: unknown, name: string): Header | undefined {
  if (value === undefined) return undefined
  if (!isPlainObject(value)) {
    throw new JotError('OPTION_INVALID', `The "${name}" option must be an object.`)
  }
  const header: Record<string, unknown> = {}
  for (const [member, item] of Object.entries(value)) {
    if (item !== undefined) defineMember(header, member, item)
  }
  return header
}

// defineProperty keeps a member named __proto__ an own property instead of a prototype change.
function defineMember(object: Record<string, unknown>, name: string, value: unknown): void {
  Object.defineProperty(object, name, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  })
}

/**
 * Checks the caller's headers: `zip` and `crit` only in the protected header, and no name in
 * two of them (RFC 7516 section 7.2.1).
 * @throws JotError `OPTION_INVALID`.
 */
export function checkHeaderTemplates(templates: HeaderTemplates): void {
  const all = [templates.protectedHeader, templates.sharedHeader, ...templates.recipientHeaders]
  // A recipient rejects these when they are not strings, jot included, so an encrypter that
  // wrote one would issue tokens that no recipient can decrypt.
  for (const header of all) {
    for (const name of STRING_PARAMETERS) {
      if (header?.[name] !== undefined && typeof header[name] !== 'string') {
        throw new JotError('OPTION_INVALID', `The header parameter "${name}" must be a string.`)
      }
    }
  }
  for (const header of [templates.sharedHeader, ...templates.recipientHeaders]) {
    for (const name of ['zip', 'crit']) {
      // RFC 7516 section 4.1.3 and RFC 7515 section 4.1.11: both must be integrity protected.
      if (header !== undefined && Object.hasOwn(header, name)) {
        throw new JotError(
          'OPTION_INVALID',
          `The header parameter "${name}" must be in the protected header.`,
        )
      }
    }
  }
  for (const recipient of templates.recipientHeaders) {
    const seen = new Set<string>()
    for (const header of [templates.protectedHeader, templates.sharedHeader, recipient]) {
      for (const name of Object.keys(header ?? {})) {
        if (seen.has(name)) {
          throw new JotError(
            'OPTION_INVALID',
            `The header parameter "${name.slice(0, 40)}" is set in more than one header; each name may appear once.`,
          )
        }
        seen.add(name)
      }
    }
  }
}

/**
 * Adds jot's parameters to the caller's headers. A parameter the caller already set must have
 * the value jot would set, and keeps its place, which lets a caller fix the order of the
 * encoded header. Otherwise `enc` and `zip` go to the protected header. `alg`, the key's `kid`
 * and the key management parameters go to the protected header for a single recipient, and to
 * each recipient's header for several. When the caller put `alg` in the shared header, the
 * rest goes to the recipient's header. jot's additions come before the caller's parameters.
 * @throws JotError `OPTION_INVALID` when a caller's value differs from jot's.
 */
export function placeHeaders(
  templates: HeaderTemplates,
  recipients: readonly RecipientParameters[],
  shared: Header,
): PlacedHeaders {
  const protectedAdded: Record<string, unknown> = {}
  const recipientAdded = recipients.map((): Record<string, unknown> => ({}))
  const single = recipients.length === 1

  recipients.forEach((recipient, index) => {
    const added = recipientAdded[index] ?? {}
    const algLocation = place(templates, index, 'alg', recipient.alg)
    const algTarget = algLocation ?? (single ? 'protected' : 'recipient')
    if (algLocation === undefined) {
      defineMember(algTarget === 'protected' ? protectedAdded : added, 'alg', recipient.alg)
    }
    // Parameters of one recipient follow alg into the protected header only for a single
    // recipient. With several, they go to each recipient's own header.
    const target = single && algTarget === 'protected' ? protectedAdded : added
    if (recipient.kid !== undefined && !namesKid(templates, index)) {
      defineMember(target, 'kid', recipient.kid)
    }
    for (const [name, value] of Object.entries(recipient.parameters)) {
      if (place(templates, index, name, value) === undefined) defineMember(target, name, value)
    }
  })
  for (const [name, value] of Object.entries(shared)) {
    const placed = recipients.map((_, index) => place(templates, index, name, value) !== undefined)
    if (placed.every((isPlaced) => !isPlaced)) defineMember(protectedAdded, name, value)
    else if (!placed.every((isPlaced) => isPlaced)) {
      throw new JotError(
        'OPTION_INVALID',
        `The header parameter "${name}" is shared by all recipients, so set it in every recipient's header or in a shared one.`,
      )
    }
  }

  return {
    protectedHeader: nonEmpty({ ...protectedAdded, ...templates.protectedHeader }),
    sharedHeader: templates.sharedHeader,
    recipientHeaders: recipientAdded.map((added, index) =>
      nonEmpty({ ...added, ...templates.recipientHeaders[index] }),
    ),
  }
}

function namesKid(templates: HeaderTemplates, index: number): boolean {
  return findLocation(templates, index, 'kid') !== undefined
}

function findLocation(
  templates: HeaderTemplates,
  index: number,
  name: string,
): Location | undefined {
  if (templates.protectedHeader !== undefined && Object.hasOwn(templates.protectedHeader, name)) {
    return 'protected'
  }
  if (templates.sharedHeader !== undefined && Object.hasOwn(templates.sharedHeader, name)) {
    return 'shared'
  }
  const recipient = templates.recipientHeaders[index]
  if (recipient !== undefined && Object.hasOwn(recipient, name)) return 'recipient'
  return undefined
}

// Finds where the caller set a parameter that jot sets, and checks that the values agree.
function place(
  templates: HeaderTemplates,
  index: number,
  name: string,
  value: unknown,
): Location | undefined {
  const location = findLocation(templates, index, name)
  if (location === undefined) return undefined
  const header =
    location === 'protected'
      ? templates.protectedHeader
      : location === 'shared'
        ? templates.sharedHeader
        : templates.recipientHeaders[index]
  if (!jsonEqual(header?.[name], value)) {
    throw new JotError(
      'OPTION_INVALID',
      `The header parameter "${name}" differs from the value jot sets; leave it out or give the same value.`,
    )
  }
  return location
}

function nonEmpty(header: Header): Header | undefined {
  return Object.keys(header).length === 0 ? undefined : header
}

/** Tells whether two JSON values are equal, ignoring the order of object members. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a) !== Array.isArray(b)) return false
  const aKeys = Object.keys(a)
  const bKeys = Object.keys(b)
  if (aKeys.length !== bKeys.length) return false
  const aRecord = a as Record<string, unknown>
  const bRecord = b as Record<string, unknown>
  return aKeys.every((key) => Object.hasOwn(bRecord, key) && jsonEqual(aRecord[key], bRecord[key]))
}

/**
 * Checks a `crit` the caller set (RFC 7515 section 4.1.11): a non-empty list of extension
 * parameters, each present in the header.
 * @throws JotError `OPTION_INVALID`.
 */
export function checkCritOption(
  protectedHeader: Header | undefined,
  headers: readonly Header[],
): void {
  const crit = protectedHeader?.['crit']
  if (crit === undefined) return
  if (
    !Array.isArray(crit) ||
    crit.length === 0 ||
    !crit.every((name) => typeof name === 'string' && name !== '')
  ) {
    throw new JotError(
      'OPTION_INVALID',
      'The header parameter "crit" must be a non-empty array of parameter names.',
    )
  }
  for (const name of crit as string[]) {
    if (isRegisteredParameter(name)) {
      throw new JotError(
        'OPTION_INVALID',
        `The "crit" header parameter must not list the registered parameter "${name}".`,
      )
    }
    if (!headers.every((header) => Object.hasOwn(header, name))) {
      throw new JotError(
        'OPTION_INVALID',
        `The "crit" header parameter lists "${name.slice(0, 40)}", which the header does not set.`,
      )
    }
  }
}
