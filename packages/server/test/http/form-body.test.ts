import assert from 'node:assert/strict'
import { test } from 'node:test'
import { parseFormBody } from '../../src/http/form-body.js'

test('parseFormBody decodes fields', () => {
  const fields = parseFormBody(
    'grant_type=password&username=alice&password=p%40ss+w%C3%B6rd&scope=',
  )

  assert.deepEqual(
    { ...fields },
    {
      grant_type: 'password',
      username: 'alice',
      password: 'p@ss w\u00f6rd',
      scope: '',
    },
  )
  assert.equal(Object.getPrototypeOf(fields), null)
})

test('parseFormBody keeps __proto__ as data', () => {
  const fields = parseFormBody('__proto__=x&constructor=y')

  assert.equal(Object.getPrototypeOf(fields), null)
  assert.deepEqual(Object.entries(fields), [
    ['__proto__', 'x'],
    ['constructor', 'y'],
  ])
})

test('parseFormBody rejects repeated parameter', () => {
  assert.throws(() => parseFormBody('username=alice&username=bob'), {
    name: 'HttpError',
    status: 400,
    error: 'invalid_request',
    message: 'The parameter "username" appears more than once.',
  })
})

test('parseFormBody empty body', () => {
  assert.deepEqual(Object.entries(parseFormBody('')), [])
})
