import assert from 'node:assert/strict'
import { test } from 'node:test'
import { readClientCredentials } from '../../src/http/client-auth.js'

function basic(text: string): string {
  return `Basic ${Buffer.from(text, 'utf8').toString('base64')}`
}

const INVALID_CLIENT = {
  name: 'HttpError',
  status: 401,
  error: 'invalid_client',
  message: 'Client authentication failed.',
  headers: { 'www-authenticate': 'Basic realm="jot"' },
}

test('readClientCredentials reads Basic header', () => {
  assert.deepEqual(readClientCredentials(basic('svc:s3cret'), {}), {
    method: 'client_secret_basic',
    clientId: 'svc',
    secret: 's3cret',
  })
})

test('readClientCredentials form-decodes Basic parts', () => {
  // RFC 6749 section 2.3.1: both parts are form-encoded before base64.
  assert.deepEqual(readClientCredentials(basic('my+app:p%3Aw%2Bd+x'), { client_id: 'my app' }), {
    method: 'client_secret_basic',
    clientId: 'my app',
    secret: 'p:w+d x',
  })
})

test('readClientCredentials reads body credentials', () => {
  assert.deepEqual(readClientCredentials(undefined, { client_id: 'svc', client_secret: 'x' }), {
    method: 'client_secret_post',
    clientId: 'svc',
    secret: 'x',
  })
})

test('readClientCredentials defaults to public jot', () => {
  assert.deepEqual(readClientCredentials(undefined, {}), {
    method: 'none',
    clientId: 'jot',
    secret: undefined,
  })
  assert.deepEqual(readClientCredentials(undefined, { client_id: 'spa' }), {
    method: 'none',
    clientId: 'spa',
    secret: undefined,
  })
})

const badHeaders: { name: string; header: string }[] = [
  { name: 'Bearer scheme', header: 'Bearer abc' },
  { name: 'Basic without value', header: 'Basic' },
  { name: 'non-canonical base64', header: 'Basic c3ZjOnMzY3JldA=x' },
  { name: 'no colon', header: basic('svc') },
  { name: 'empty client id', header: basic(':secret') },
  { name: 'empty secret', header: basic('svc:') },
  { name: 'malformed percent escape', header: basic('svc:%zz') },
  { name: 'invalid UTF-8', header: `Basic ${Buffer.from([0x73, 0x3a, 0xff]).toString('base64')}` },
  { name: 'control character in id', header: basic('s%0Avc:secret') },
]

for (const { name, header } of badHeaders) {
  test(`readClientCredentials rejects ${name}`, () => {
    assert.throws(() => readClientCredentials(header, {}), INVALID_CLIENT)
  })
}

test('readClientCredentials rejects two methods', () => {
  assert.throws(() => readClientCredentials(basic('svc:a'), { client_secret: 'b' }), {
    name: 'HttpError',
    status: 400,
    error: 'invalid_request',
    message: 'The request uses more than one client authentication method; use one.',
  })
})

test('readClientCredentials rejects differing client ids', () => {
  assert.throws(() => readClientCredentials(basic('svc:a'), { client_id: 'other' }), {
    name: 'HttpError',
    status: 400,
    error: 'invalid_request',
    message: 'The client_id parameter differs from the client in the Authorization header.',
  })
})

test('readClientCredentials rejects secret without id', () => {
  assert.throws(() => readClientCredentials(undefined, { client_secret: 'x' }), {
    name: 'HttpError',
    status: 400,
    error: 'invalid_request',
    message: 'The client_id parameter is missing.',
  })
})
