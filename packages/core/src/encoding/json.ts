/** Strict JSON object parsing: duplicate member names, depth and type limits. */
import { JotError } from '../errors.js'

/** Default maximum nesting depth of a JOSE header or JWT claims set. */
export const DEFAULT_MAX_JSON_DEPTH = 32

/**
 * Parses text that must be one JSON object. Duplicate member names are rejected at any depth,
 * as RFC 7515 section 5.2 and RFC 7519 section 4 allow, because two parsers that keep
 * different duplicates would disagree about what was signed. Nesting deeper than `maxDepth`
 * is rejected too. Members named `__proto__` stay plain own properties, as JSON.parse makes them.
 * @throws JotError `TOKEN_MALFORMED` or `INPUT_TOO_LARGE`.
 */
export function parseJsonObject(
  text: string,
  what: string,
  maxDepth = DEFAULT_MAX_JSON_DEPTH,
): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch (cause) {
    throw new JotError('TOKEN_MALFORMED', `The ${what} is not valid JSON.`, { cause })
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new JotError('TOKEN_MALFORMED', `The ${what} must be a JSON object.`)
  }
  // Fast path: every member name in the text ends in `"` followed directly by `:`, and each
  // distinct name becomes one key, so equal counts prove there is no duplicate. Text with
  // white space before a colon, or counts that differ, takes the full scan, which also names
  // the duplicate.
  const keys = countKeys(value, 1, maxDepth, what)
  if (!hasDirectNameEnds(text, keys)) checkMembers(text, what, maxDepth)
  return value as Record<string, unknown>
}

/**
 * Tells whether no white space precedes a colon and the text has `keys` unescaped `":` pairs,
 * counted as countNameEnds counts them. It visits each colon, which for the usual claims costs less than a pattern test over the
 * whole text. Text with many more colons than keys, such as a string value full of them, is
 * checked with the pattern test instead, since each visit has a fixed cost.
 */
function hasDirectNameEnds(text: string, keys: number): boolean {
  let nameEnds = 0
  let colons = 0
  for (let i = text.indexOf(':'); i !== -1; i = text.indexOf(':', i + 1)) {
    colons++
    if (colons > keys + MAX_EXTRA_COLONS) {
      return !SPACE_BEFORE_COLON.test(text) && countNameEnds(text) === keys
    }
    const before = text.charCodeAt(i - 1)
    if (before === QUOTE && !isEscaped(text, i - 1)) nameEnds++
    else if (before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) return false
  }
  return nameEnds === keys
}

const MAX_EXTRA_COLONS = 64
const SPACE_BEFORE_COLON = /"[ \t\n\r]+:/

/** Tells whether an odd number of backslashes precedes the character at `index`. */
function isEscaped(text: string, index: number): boolean {
  let backslashes = 0
  for (let j = index - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++
  return backslashes % 2 === 1
}

/** Counts the keys of every object in a parsed value, enforcing the depth limit on the way. */
function countKeys(value: unknown, depth: number, maxDepth: number, what: string): number {
  if (depth > maxDepth) {
    throw new JotError('INPUT_TOO_LARGE', `The ${what} nests deeper than ${maxDepth} levels.`)
  }
  let count = 0
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item === 'object' && item !== null)
        count += countKeys(item, depth + 1, maxDepth, what)
    }
    return count
  }
  for (const key in value as Record<string, unknown>) {
    count++
    const item = (value as Record<string, unknown>)[key]
    if (typeof item === 'object' && item !== null)
      count += countKeys(item, depth + 1, maxDepth, what)
  }
  return count
}

/**
 * Counts `":` pairs whose quote is not escaped. Inside a JSON string every quote is escaped,
 * so each counted pair ends a member name or opens a string value that starts with a colon.
 * Such a value only makes the count too high, which sends the text to the full scan.
 */
function countNameEnds(text: string): number {
  let count = 0
  for (let i = text.indexOf('":'); i !== -1; i = text.indexOf('":', i + 2)) {
    if (!isEscaped(text, i)) count++
  }
  return count
}

const QUOTE = 0x22
const BACKSLASH = 0x5c
const OPEN_OBJECT = 0x7b
const CLOSE_OBJECT = 0x7d
const OPEN_ARRAY = 0x5b
const CLOSE_ARRAY = 0x5d
const COLON = 0x3a

/**
 * Scans text that JSON.parse has already accepted, so only structure needs tracking: which
 * strings are member names, and how deep the nesting goes.
 */
function checkMembers(text: string, what: string, maxDepth: number): void {
  // One name set per open container; arrays get null because their strings are values.
  const stack: (Set<string> | null)[] = []
  const length = text.length
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i)
    if (code === OPEN_OBJECT || code === OPEN_ARRAY) {
      stack.push(code === OPEN_OBJECT ? new Set() : null)
      if (stack.length > maxDepth) {
        throw new JotError('INPUT_TOO_LARGE', `The ${what} nests deeper than ${maxDepth} levels.`)
      }
    } else if (code === CLOSE_OBJECT || code === CLOSE_ARRAY) {
      stack.pop()
    } else if (code === QUOTE) {
      const end = findStringEnd(text, i)
      const names = stack[stack.length - 1]
      if (names != null && isFollowedByColon(text, end + 1)) {
        let name = text.slice(i + 1, end)
        // Escapes let "sub" and "\u0073ub" spell one name, so compare decoded names.
        if (name.includes('\\')) name = JSON.parse(text.slice(i, end + 1)) as string
        if (names.has(name)) {
          throw new JotError(
            'TOKEN_MALFORMED',
            `The ${what} has the member "${name.slice(0, 40)}" twice.`,
          )
        }
        names.add(name)
      }
      i = end
    }
  }
}

function findStringEnd(text: string, start: number): number {
  let i = start + 1
  for (;;) {
    const next = text.indexOf('"', i)
    let backslashes = 0
    for (let j = next - 1; text.charCodeAt(j) === BACKSLASH; j--) backslashes++
    if (backslashes % 2 === 0) return next
    i = next + 1
  }
}

function isFollowedByColon(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code === COLON) return true
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false
  }
  return false
}

/** Freezes a JSON value and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value)
    for (const item of Object.values(value)) deepFreeze(item)
  }
  return value
}
