import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { addClient, authenticateClient, hashClientSecret } from '../src/clients.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import type { Store } from '../src/store/store.js'
import { makeTempDir } from './fixtures/temp.js'

const NOW = 1_700_000_000

async function openTempStore(t: TestContext): Promise<Store> {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  return store
}

test('addClient stores hashed secret', async (t) => {
  const store = await openTempStore(t)

  const added = await addClient(
    store,
    { clientId: 'reports', scopes: ['orders:read', 'orders:read'] },
    { now: () => NOW },
  )

  assert.match(added.clientSecret, /^[A-Za-z0-9_-]{43}$/)
  assert.deepEqual(added, {
    clientId: 'reports',
    clientSecret: added.clientSecret,
    scopes: ['orders:read'],
    grantTypes: ['client_credentials'],
    createdAt: NOW,
  })
  assert.deepEqual(await store.findClient('reports'), {
    id: 'reports',
    secretHash: hashClientSecret(added.clientSecret),
    scopes: ['orders:read'],
    grantTypes: ['client_credentials'],
    createdAt: NOW,
  })
})

test('addClient keeps chosen grant types', async (t) => {
  const store = await openTempStore(t)

  const added = await addClient(store, {
    clientId: 'web',
    grantTypes: ['password', 'refresh_token', 'password'],
  })

  assert.deepEqual(added.grantTypes, ['password', 'refresh_token'])
})

test('hashClientSecret is SHA-256 base64url', () => {
  assert.equal(hashClientSecret('abc'), '$sha256$ungWv48Bz-pBQUDeXa4iI7ADYaOWF3qctBD_YfIAFa0')
})

const invalidInputs: { name: string; input: unknown; code: string; message: string }[] = [
  {
    name: 'empty id',
    input: { clientId: '' },
    code: 'CLIENT_ID_INVALID',
    message: 'A client id must be 1 to 64 characters from letters, digits and . _ ~ -.',
  },
  {
    name: 'id with colon',
    input: { clientId: 'a:b' },
    code: 'CLIENT_ID_INVALID',
    message: 'A client id must be 1 to 64 characters from letters, digits and . _ ~ -.',
  },
  {
    name: 'id too long',
    input: { clientId: 'c'.repeat(65) },
    code: 'CLIENT_ID_INVALID',
    message: 'A client id must be 1 to 64 characters from letters, digits and . _ ~ -.',
  },
  {
    name: 'id not a string',
    input: { clientId: 42 },
    code: 'CLIENT_ID_INVALID',
    message: 'A client id must be 1 to 64 characters from letters, digits and . _ ~ -.',
  },
  {
    name: 'reserved id',
    input: { clientId: 'jot' },
    code: 'CLIENT_ID_INVALID',
    message: 'The client id "jot" is reserved for requests that name no client.',
  },
  {
    name: 'scope with space',
    input: { clientId: 'svc', scopes: ['a b'] },
    code: 'SCOPES_INVALID',
    message:
      'The scopes entry "a b" is invalid; use 1 to 128 printable ASCII characters without ' +
      'spaces, quotes or backslashes.',
  },
  {
    name: 'unknown grant type',
    input: { clientId: 'svc', grantTypes: ['implicit'] },
    code: 'GRANT_TYPES_INVALID',
    message:
      'The grant types must be a non-empty list of client_credentials, password, refresh_token.',
  },
  {
    name: 'empty grant types',
    input: { clientId: 'svc', grantTypes: [] },
    code: 'GRANT_TYPES_INVALID',
    message:
      'The grant types must be a non-empty list of client_credentials, password, refresh_token.',
  },
  {
    name: '__proto__ grant type',
    input: { clientId: 'svc', grantTypes: ['__proto__'] },
    code: 'GRANT_TYPES_INVALID',
    message:
      'The grant types must be a non-empty list of client_credentials, password, refresh_token.',
  },
]

for (const { name, input, code, message } of invalidInputs) {
  test(`addClient rejects ${name}`, async (t) => {
    const store = await openTempStore(t)

    await assert.rejects(addClient(store, input as never), { name: 'ServerError', code, message })
    assert.equal(await store.findClient('svc'), undefined)
  })
}

test('addClient rejects taken id', async (t) => {
  const store = await openTempStore(t)
  await addClient(store, { clientId: 'svc' })

  await assert.rejects(addClient(store, { clientId: 'svc' }), {
    name: 'ServerError',
    code: 'CLIENT_ID_TAKEN',
    message: 'The client id "svc" is taken.',
  })
})

test('authenticateClient checks secret', async (t) => {
  const store = await openTempStore(t)
  const { clientSecret } = await addClient(store, { clientId: 'svc' }, { now: () => NOW })
  const record = await store.findClient('svc')

  const client = await authenticateClient(store, {
    method: 'client_secret_post',
    clientId: 'svc',
    secret: clientSecret,
  })

  assert.deepEqual(client, { id: 'svc', record })
})

const failedAuthentications = [
  { name: 'wrong secret', clientId: 'svc', secret: 'wrong' },
  { name: 'unknown client', clientId: 'other', secret: 'anything' },
  { name: 'registered client without secret', clientId: 'svc', secret: undefined },
]

for (const { name, clientId, secret } of failedAuthentications) {
  test(`authenticateClient rejects ${name}`, async (t) => {
    const store = await openTempStore(t)
    await addClient(store, { clientId: 'svc' })

    await assert.rejects(
      authenticateClient(store, {
        method: secret === undefined ? 'none' : 'client_secret_basic',
        clientId,
        secret,
      }),
      {
        name: 'HttpError',
        status: 401,
        error: 'invalid_client',
        message: 'Client authentication failed.',
        headers: { 'www-authenticate': 'Basic realm="jot"' },
      },
    )
  })
}

test('authenticateClient accepts public client', async (t) => {
  const store = await openTempStore(t)

  const client = await authenticateClient(store, {
    method: 'none',
    clientId: 'spa',
    secret: undefined,
  })

  assert.deepEqual(client, { id: 'spa', record: undefined })
})
