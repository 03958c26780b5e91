/** Checks of the arguments and options objects that the key functions receive. */
import { JotError } from '../errors.js'
import { isJotKey } from './key.js'
import type { JotKey } from './key.js'

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  bigint: 'a bigint',
  boolean: 'a boolean',
  symbol: 'a symbol',
  undefined: 'undefined',
  function: 'a function',
  object: 'an object',
}

/** Names a value's type for an error message, so the value itself (maybe a secret) never shows. */
export function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (value instanceof Uint8Array) return 'a Uint8Array'
  if (isJotKey(value)) return 'a JotKey'
  if (typeof value === 'object' && !isPlainObject(value)) {
    const name = (value as { constructor?: { name?: unknown } }).constructor?.name
    if (typeof name === 'string' && name !== '') return `an instance of ${name.slice(0, 40)}`
  }
  return TYPE_NAMES[typeof value] ?? typeof value
}

/** Tells whether a value is a plain object, such as JSON.parse returns. */
export function isPlainObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return Object.prototype.toString.call(value) === '[object Object]' && !isJotKey(value)
}

/** Reads an own property only, so members inherited through a polluted prototype never count. */
export function ownMember(object: Readonly<Record<string, unknown>>, name: string): unknown {
  return Object.hasOwn(object, name) ? object[name] : undefined
}

/**
 * Checks an options object: absent, or a plain object with only the given option names.
 * @throws JotError `OPTION_INVALID`.
 */
export function readOptions(
  options: unknown,
  fn: string,
  names: readonly string[],
): Readonly<Record<string, unknown>> {
  if (options === undefined) return {}
  if (!isPlainObject(options)) {
    throw new JotError(
      'OPTION_INVALID',
      `The options of ${fn} must be an object, not ${describeType(options)}.`,
    )
  }
  for (const name of Object.keys(options)) {
    if (!names.includes(name)) {
      throw new JotError('OPTION_INVALID', `${fn} has no option "${name.slice(0, 40)}".`)
    }
  }
  return options
}

/** @throws JotError `OPTION_INVALID` when the option is present and not a string. */
export function stringOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fn: string,
): string | undefined {
  const value = ownMember(options, name)
  if (value === undefined || typeof value === 'string') return value
  throw new JotError(
    'OPTION_INVALID',
    `The ${name} option of ${fn} must be a string, not ${describeType(value)}.`,
  )
}

/** @throws JotError `OPTION_INVALID` when the option is present and not a boolean. */
export function booleanOption(
  options: Readonly<Record<string, unknown>>,
  name: string,
  fn: string,
): boolean | undefined {
  const value = ownMember(options, name)
  if (value === undefined || typeof value === 'boolean') return value
  throw new JotError(
    'OPTION_INVALID',
    `The ${name} option of ${fn} must be a boolean, not ${describeType(value)}.`,
  )
}

/** @throws JotError `OPTION_INVALID` when the alg option is missing or not a string. */
export function requiredAlgOption(options: Readonly<Record<string, unknown>>, fn: string): string {
  const alg = stringOption(options, 'alg', fn)
  if (alg !== undefined) return alg
  throw new JotError(
    'OPTION_INVALID',
    `${fn} needs the alg option to bind the key to, for example { alg: 'RS256' }.`,
  )
}

/** @throws JotError `ARGUMENT_INVALID` when the value is not a JotKey. */
export function assertJotKey(value: unknown, fn: string): asserts value is JotKey {
  if (isJotKey(value)) return
  throw new JotError(
    'ARGUMENT_INVALID',
    `${fn} expects a JotKey, not ${describeType(value)}; create one with importJwk, importPem, importSecret or a generate function.`,
  )
}

/**
 * Refuses to hand out the private or secret material of a key imported or generated with
 * `extractable: false`. Public material is always exportable.
 * @throws JotError `KEY_INVALID`.
 */
export function assertExtractable(key: JotKey, fn: string): void {
  if (key.kind === 'public' || key.extractable) return
  const hint = key.kind === 'private' ? '; exportPublicJwk returns its public part' : ''
  throw new JotError(
    'KEY_INVALID',
    `The ${key.kind} key is not extractable, so ${fn} cannot reveal its material${hint}.`,
  )
}
