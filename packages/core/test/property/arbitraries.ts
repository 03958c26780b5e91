/** fast-check arbitraries for hostile tokens and JSON, with the reference facts about each. */
import fc from 'fast-check'

/** The base64url alphabet (RFC 4648 section 5). */
export const BASE64URL_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** Characters that lenient decoders accept or that split a token: padding, base64, space, dot. */
export const FOREIGN_CHARACTERS = '.=+/ \n'

/**
 * Member names that reach prototypes when code merges or assigns untrusted objects. JSON that
 * uses them sets `polluted`, which helpers.assertPrototypesIntact then looks for.
 */
export const HOSTILE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  'polluted',
] as const

/** Registered JOSE header parameters and JWT claims, so random objects hit the checked names. */
export const REGISTERED_NAMES = [
  'alg',
  'enc',
  'zip',
  'kid',
  'typ',
  'cty',
  'crit',
  'b64',
  'jwk',
  'jku',
  'x5c',
  'x5u',
  'epk',
  'p2c',
  'p2s',
  'iss',
  'sub',
  'aud',
  'exp',
  'nbf',
  'iat',
  'jti',
] as const

/** Generates strings over the base64url alphabet and the foreign characters. */
export function tokenLikeString(maxLength: number): fc.Arbitrary<string> {
  return fc.string({
    unit: fc.constantFrom(...Array.from(BASE64URL_ALPHABET + FOREIGN_CHARACTERS)),
    maxLength,
  })
}

/** Unpadded base64url of random bytes. */
export function base64urlBytes(maxLength: number): fc.Arbitrary<string> {
  return fc.uint8Array({ maxLength }).map((bytes) => Buffer.from(bytes).toString('base64url'))
}

/** A member name: hostile, registered, or random (lone surrogates included). */
export const memberName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...HOSTILE_NAMES),
  fc.constantFrom(...REGISTERED_NAMES),
  fc.string({ unit: 'binary', maxLength: 6 }),
)

/** A JSON document as a tree, so the reference facts can be computed from its structure. */
export type JsonTree =
  | { readonly kind: 'scalar'; readonly text: string }
  | { readonly kind: 'array'; readonly items: readonly JsonTree[] }
  | { readonly kind: 'object'; readonly members: readonly JsonMember[] }

/** One object member: its decoded name, the name as written, and the white space around `:`. */
export interface JsonMember {
  readonly name: string
  readonly spelling: string
  readonly before: string
  readonly after: string
  readonly value: JsonTree
}

const whiteSpace = fc.constantFrom('', '', '', ' ', '\n', '\t', '\r\n')

// Scalars that stress the parser: signed zero, numbers beyond a double, strings holding `":`,
// quotes and backslashes, which the duplicate-name scan must not mistake for member names.
const scalarText: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'null',
    'true',
    'false',
    '0',
    '-0',
    '1e400',
    '-1e400',
    '1.5e-7',
    '9007199254740993',
    '""',
    JSON.stringify('":'),
    JSON.stringify('\\":'),
    JSON.stringify('\\'),
    JSON.stringify('{"a":1,"a":2}'),
  ),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => JSON.stringify(value)),
  fc.string({ unit: 'binary', maxLength: 12 }).map((value) => JSON.stringify(value)),
)

// A name written with its first UTF-16 unit as a \u escape, which JSON.parse reads as the
// same name. Surrogates stay unescaped: a lone escaped half next to a raw half would not
// survive UTF-8 encoding.
function escapedSpelling(name: string): string {
  const code = name.charCodeAt(0)
  if (name === '' || (code >= 0xd800 && code <= 0xdfff)) return JSON.stringify(name)
  return `"\\u${code.toString(16).padStart(4, '0')}${JSON.stringify(name).slice(2)}`
}

const member = (value: fc.Arbitrary<JsonTree>): fc.Arbitrary<JsonMember> =>
  fc
    .record({
      name: memberName,
      escaped: fc.boolean(),
      before: whiteSpace,
      after: whiteSpace,
      value,
    })
    .map(({ name, escaped, before, after, value: tree }) => ({
      name,
      spelling: escaped ? escapedSpelling(name) : JSON.stringify(name),
      before,
      after,
      value: tree,
    }))

/** Generates JSON documents up to `maxDepth` containers deep, small enough for one token. */
export function jsonTree(maxDepth = 3): fc.Arbitrary<JsonTree> {
  const { tree } = fc.letrec<{ tree: JsonTree; array: JsonTree; object: JsonTree }>((tie) => ({
    tree: fc.oneof(
      { maxDepth, depthSize: 'small' },
      scalarText.map((text): JsonTree => ({ kind: 'scalar', text })),
      tie('array'),
      tie('object'),
    ),
    array: fc
      .array(tie('tree'), { maxLength: 3 })
      .map((items): JsonTree => ({ kind: 'array', items })),
    object: fc
      .array(member(tie('tree')), { maxLength: 4 })
      .map((members): JsonTree => ({ kind: 'object', members })),
  }))
  return tree
}

/** Generates JSON objects whose members may nest further. */
export function jsonObjectTree(maxDepth = 3): fc.Arbitrary<JsonTree> {
  return fc
    .array(member(jsonTree(maxDepth - 1)), { maxLength: 5 })
    .map((members): JsonTree => ({ kind: 'object', members }))
}

/** Writes a tree as JSON text. */
export function renderJson(tree: JsonTree): string {
  switch (tree.kind) {
    case 'scalar':
      return tree.text
    case 'array':
      return `[${tree.items.map(renderJson).join(',')}]`
    case 'object':
      return `{${tree.members
        .map((item) => `${item.spelling}${item.before}:${item.after}${renderJson(item.value)}`)
        .join(',')}}`
  }
}

/** Counts the containers on the deepest path; the outermost object or array is level 1. */
export function jsonDepth(tree: JsonTree): number {
  switch (tree.kind) {
    case 'scalar':
      return 0
    case 'array':
      return 1 + Math.max(0, ...tree.items.map(jsonDepth))
    case 'object':
      return 1 + Math.max(0, ...tree.members.map((item) => jsonDepth(item.value)))
  }
}

/**
 * Returns the first member name, in document order, that repeats an earlier name of the same
 * object. Names compare after decoding escapes. Returns undefined when no object repeats one.
 */
export function firstDuplicateName(tree: JsonTree): string | undefined {
  if (tree.kind === 'scalar') return undefined
  if (tree.kind === 'array') {
    for (const item of tree.items) {
      const found = firstDuplicateName(item)
      if (found !== undefined) return found
    }
    return undefined
  }
  const seen = new Set<string>()
  for (const item of tree.members) {
    if (seen.has(item.name)) return item.name
    seen.add(item.name)
    const found = firstDuplicateName(item.value)
    if (found !== undefined) return found
  }
  return undefined
}

/** Wraps a tree in containers, outermost first: 'array' for `[...]`, a name for `{"name":...}`. */
export function wrapJson(tree: JsonTree, levels: readonly string[]): JsonTree {
  return levels.reduceRight<JsonTree>(
    (inner, level) =>
      level === 'array'
        ? { kind: 'array', items: [inner] }
        : {
            kind: 'object',
            members: [
              { name: level, spelling: JSON.stringify(level), before: '', after: '', value: inner },
            ],
          },
    tree,
  )
}

/**
 * JSON text that tries to pollute prototypes: `__proto__`, `constructor` and `prototype`
 * members holding `polluted`, at a random depth inside an object.
 */
export const pollutingJson: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '{"__proto__":{"polluted":"yes"}}',
      '{"constructor":{"prototype":{"polluted":"yes"}}}',
      '{"__proto__":{"__proto__":{"polluted":"yes"}}}',
      '{"prototype":{"polluted":"yes"},"__proto__":[{"polluted":"yes"}]}',
      '{"toString":"polluted","valueOf":{"polluted":"yes"},"hasOwnProperty":1}',
    ),
    fc.array(fc.constantFrom('__proto__', 'constructor', 'prototype', 'alg', 'array'), {
      maxLength: 4,
    }),
  )
  .map(([core, path]) =>
    path.reduceRight<string>(
      (inner, name) => (name === 'array' ? `{"a":[${inner}]}` : `{"${name}":${inner}}`),
      core,
    ),
  )
