import { test } from 'node:test'
import assert from 'node:assert/strict'
import { parseJsonObject } from '../../src/encoding/json.js'

test('parseJsonObject returns the object', () => {
  assert.deepEqual(parseJsonObject('{"a":1,"b":{"c":[1,{"d":"x"}]}}', 'payload'), {
    a: 1,
    b: { c: [1, { d: 'x' }] },
  })
})

test('parseJsonObject rejects duplicate names', () => {
  const cases = [
    '{"sub":"a","sub":"b"}',
    '{"sub":"a", "sub" :"b"}',
    '{"sub":"a","\\u0073ub":"b"}',
    '{"a":{"x":1,"x":2}}',
    '{"a":[{"x":1,"x":2}]}',
  ]
  for (const text of cases) {
    assert.throws(() => parseJsonObject(text, 'payload'), { code: 'TOKEN_MALFORMED' }, text)
  }
})

test('parseJsonObject names the duplicate', () => {
  assert.throws(() => parseJsonObject('{"alg":"HS256","alg":"none"}', 'header'), {
    code: 'TOKEN_MALFORMED',
    message: 'The header has the member "alg" twice.',
  })
})

test('parseJsonObject allows equal names in sibling objects', () => {
  assert.deepEqual(parseJsonObject('{"a":{"x":1},"b":{"x":2},"c":["x","x"]}', 'payload'), {
    a: { x: 1 },
    b: { x: 2 },
    c: ['x', 'x'],
  })
})

test('parseJsonObject handles escaped quotes', () => {
  assert.deepEqual(parseJsonObject('{"a":"say \\"a\\":1","b":"\\\\","a2":1}', 'payload'), {
    a: 'say "a":1',
    b: '\\',
    a2: 1,
  })
})

test('parseJsonObject rejects non-objects', () => {
  for (const text of ['[]', '"x"', '1', 'null', 'true']) {
    assert.throws(() => parseJsonObject(text, 'payload'), {
      code: 'TOKEN_MALFORMED',
      message: 'The payload must be a JSON object.',
    })
  }
  assert.throws(() => parseJsonObject('{"a":', 'payload'), {
    code: 'TOKEN_MALFORMED',
    message: 'The payload is not valid JSON.',
  })
})

test('parseJsonObject limits depth', () => {
  const deep = '{"a":'.repeat(40) + '1' + '}'.repeat(40)
  assert.throws(() => parseJsonObject(deep, 'payload'), {
    code: 'INPUT_TOO_LARGE',
    message: 'The payload nests deeper than 32 levels.',
  })
  const ok = '{"a":'.repeat(31) + '1' + '}'.repeat(31)
  assert.equal(typeof parseJsonObject(ok, 'payload'), 'object')
})

test('parseJsonObject keeps __proto__ an own property', () => {
  const parsed = parseJsonObject('{"__proto__":{"admin":true}}', 'payload')
  assert.equal(Object.getPrototypeOf(parsed), Object.prototype)
  assert.deepEqual(Object.keys(parsed), ['__proto__'])
  assert.equal(({} as Record<string, unknown>)['admin'], undefined)
})

test('parseJsonObject counts names in nested values', () => {
  const text = '{"a":[{"x":1},{"x":2}],"b":"\\":","c":{"d":{"e":null}}}'
  assert.deepEqual(parseJsonObject(text, 'payload'), {
    a: [{ x: 1 }, { x: 2 }],
    b: '":',
    c: { d: { e: null } },
  })
  assert.throws(() => parseJsonObject('{"a":1,"b":"\\":","a" :2}', 'payload'), {
    code: 'TOKEN_MALFORMED',
    message: 'The payload has the member "a" twice.',
  })
})

test('parseJsonObject with many colons in values', () => {
  const colons = 'x:'.repeat(100)
  const text = `{"a":"${colons}","b":{"c":"${colons}"}}`
  assert.deepEqual(parseJsonObject(text, 'payload'), { a: colons, b: { c: colons } })
  const cases = [
    [`{"a":"${colons}","a":2}`, 'a'],
    [`{"a":"${colons}","a" :2}`, 'a'],
    [`{"a":1,"b":"${colons}","a" :2}`, 'a'],
    [`{"a":"${colons}","b":{"c":1,"c"\n:2}}`, 'c'],
    [`{"a":"\\":${colons}","a":2}`, 'a'],
  ] as const
  for (const [duplicate, name] of cases) {
    assert.throws(() => parseJsonObject(duplicate, 'payload'), {
      code: 'TOKEN_MALFORMED',
      message: `The payload has the member "${name}" twice.`,
    })
  }
})

test('parseJsonObject with white space before colons', () => {
  const text = '{"a" :"x : y","b"\t:{"c"\r\n: 1}}'
  assert.deepEqual(parseJsonObject(text, 'payload'), { a: 'x : y', b: { c: 1 } })
  assert.throws(() => parseJsonObject('{"a":"x : y","a":1}', 'payload'), {
    code: 'TOKEN_MALFORMED',
    message: 'The payload has the member "a" twice.',
  })
})
