import assert from 'node:assert/strict'
import { join } from 'node:path'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { verifyPassword } from '../src/passwords.js'
import { openSqliteStore } from '../src/store/sqlite.js'
import { addUser } from '../src/users.js'
import type { AddUserInput } from '../src/users.js'
import { makeTempDir, TEST_PASSWORD_COST } from './fixtures/temp.js'

const NOW = 1_700_000_000
const options = { now: () => NOW, passwordCost: TEST_PASSWORD_COST }
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

async function openTempStore(t: TestContext) {
  const store = await openSqliteStore(join(makeTempDir(t), 'jot.db'))
  t.after(() => store.close())
  return store
}

test('addUser stores hashed user', async (t) => {
  const store = await openTempStore(t)

  const user = await addUser(
    store,
    {
      username: 'alice',
      password: 'correct horse',
      roles: ['admin', 'admin'],
      scopes: ['orders:read', 'orders:write'],
    },
    options,
  )

  assert.match(user.id, UUID)
  assert.deepEqual(user, {
    id: user.id,
    username: 'alice',
    roles: ['admin'],
    scopes: ['orders:read', 'orders:write'],
    createdAt: NOW,
  })
  const stored = await store.findUserById(user.id)
  assert.deepEqual(stored, { ...user, passwordHash: stored?.passwordHash })
  assert.equal(stored?.passwordHash.startsWith('$scrypt$ln=10,r=8,p=1$'), true)
  assert.equal(await verifyPassword('correct horse', stored?.passwordHash ?? ''), true)
})

test('addUser defaults roles and scopes to none', async (t) => {
  const store = await openTempStore(t)

  const user = await addUser(store, { username: 'bob', password: 'password1' }, options)

  assert.deepEqual(user, { id: user.id, username: 'bob', roles: [], scopes: [], createdAt: NOW })
})

test('addUser rejects duplicate username', async (t) => {
  const store = await openTempStore(t)
  await addUser(store, { username: 'alice', password: 'correct horse' }, options)

  await assert.rejects(addUser(store, { username: 'ALICE', password: 'other password' }, options), {
    name: 'ServerError',
    code: 'USERNAME_TAKEN',
    message: 'The username "ALICE" is taken.',
  })
})

const USERNAME_MESSAGE = 'A username must be 1 to 64 characters from letters, digits and . _ - @ +.'
const TOKEN_RULE =
  'is invalid; use 1 to 128 printable ASCII characters without spaces, quotes or backslashes.'

const invalidInputs: { name: string; input: unknown; code: string; message: string }[] = [
  {
    name: 'empty username',
    input: { username: '', password: 'password1' },
    code: 'USERNAME_INVALID',
    message: USERNAME_MESSAGE,
  },
  {
    name: 'long username',
    input: { username: 'a'.repeat(65), password: 'password1' },
    code: 'USERNAME_INVALID',
    message: USERNAME_MESSAGE,
  },
  {
    name: 'username with space',
    input: { username: 'al ice', password: 'password1' },
    code: 'USERNAME_INVALID',
    message: USERNAME_MESSAGE,
  },
  {
    name: 'username not a string',
    input: { username: 42, password: 'password1' },
    code: 'USERNAME_INVALID',
    message: USERNAME_MESSAGE,
  },
  {
    name: 'username __proto__',
    input: { username: '__proto__!', password: 'password1' },
    code: 'USERNAME_INVALID',
    message: USERNAME_MESSAGE,
  },
  {
    name: 'short password',
    input: { username: 'alice', password: 'seven77' },
    code: 'PASSWORD_INVALID',
    message: 'A password must have at least 8 characters.',
  },
  {
    name: 'password of astral characters',
    input: { username: 'alice', password: '\u{1f512}'.repeat(7) },
    code: 'PASSWORD_INVALID',
    message: 'A password must have at least 8 characters.',
  },
  {
    name: 'long password',
    input: { username: 'alice', password: 'p'.repeat(1025) },
    code: 'PASSWORD_INVALID',
    message: 'A password must have at most 1024 characters.',
  },
  {
    name: 'password not a string',
    input: { username: 'alice', password: 12345678 },
    code: 'PASSWORD_INVALID',
    message: 'A password must have at least 8 characters.',
  },
  {
    name: 'role with space',
    input: { username: 'alice', password: 'password1', roles: ['super admin'] },
    code: 'ROLES_INVALID',
    message: `The roles entry "super admin" ${TOKEN_RULE}`,
  },
  {
    name: 'role not a string',
    input: { username: 'alice', password: 'password1', roles: [null] },
    code: 'ROLES_INVALID',
    message: `The roles entry object ${TOKEN_RULE}`,
  },
  {
    name: 'roles not a list',
    input: { username: 'alice', password: 'password1', roles: 'admin' },
    code: 'ROLES_INVALID',
    message: 'The roles must be a list of at most 100 names.',
  },
  {
    name: 'scope with quote',
    input: { username: 'alice', password: 'password1', scopes: ['a"b'] },
    code: 'SCOPES_INVALID',
    message: `The scopes entry "a"b" ${TOKEN_RULE}`,
  },
  {
    name: 'empty scope',
    input: { username: 'alice', password: 'password1', scopes: [''] },
    code: 'SCOPES_INVALID',
    message: `The scopes entry "" ${TOKEN_RULE}`,
  },
  {
    name: 'too many scopes',
    input: {
      username: 'alice',
      password: 'password1',
      scopes: Array.from({ length: 101 }, (_, i) => `s${i}`),
    },
    code: 'SCOPES_INVALID',
    message: 'The scopes must be a list of at most 100 names.',
  },
]

for (const { name, input, code, message } of invalidInputs) {
  test(`addUser rejects ${name}`, async (t) => {
    const store = await openTempStore(t)

    await assert.rejects(addUser(store, input as AddUserInput, options), {
      name: 'ServerError',
      code,
      message,
    })
    assert.equal(await store.findUserByUsername('alice'), undefined)
  })
}
