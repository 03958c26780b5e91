import assert from 'node:assert/strict'
import { scryptSync } from 'node:crypto'
import { test } from 'node:test'
import {
  createPasswordChecker,
  DEFAULT_SCRYPT_COST,
  hashPassword,
  verifyPassword,
} from '../src/passwords.js'
import { TEST_PASSWORD_COST } from './fixtures/temp.js'

const ENCODED = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/

test('hashPassword default cost is OWASP level', async () => {
  assert.deepEqual(DEFAULT_SCRYPT_COST, { log2N: 17, r: 8, p: 1 })

  const encoded = await hashPassword('correct horse battery staple')

  assert.match(encoded, ENCODED)
  assert.equal(encoded.startsWith('$scrypt$ln=17,r=8,p=1$'), true)
  assert.equal(await verifyPassword('correct horse battery staple', encoded), true)
  assert.equal(await verifyPassword('correct horse battery stapler', encoded), false)
})

test('hashPassword records injected cost', async () => {
  const encoded = await hashPassword('hunter22', { cost: TEST_PASSWORD_COST })

  assert.match(encoded, ENCODED)
  assert.equal(encoded.startsWith('$scrypt$ln=10,r=8,p=1$'), true)
})

test('hashPassword salts every hash', async () => {
  const first = await hashPassword('hunter22', { cost: TEST_PASSWORD_COST })
  const second = await hashPassword('hunter22', { cost: TEST_PASSWORD_COST })

  assert.notEqual(first, second)
  assert.equal(await verifyPassword('hunter22', first), true)
  assert.equal(await verifyPassword('hunter22', second), true)
})

test('hashPassword output is scrypt of salt', async () => {
  const encoded = await hashPassword('hunter22', { cost: TEST_PASSWORD_COST })
  const [, , , , salt, hash] = ENCODED.exec(encoded)!

  const expected = scryptSync('hunter22', Buffer.from(salt!, 'base64'), 32, { N: 1024, r: 8, p: 1 })

  assert.equal(hash, expected.toString('base64').replace(/=+$/, ''))
})

test('verifyPassword uses cost from hash', async () => {
  const salt = Buffer.alloc(16, 7)
  const hash = scryptSync('hunter22', salt, 32, { N: 2048, r: 4, p: 2 })
  const encoded = `$scrypt$ln=11,r=4,p=2$${unpadded(salt)}$${unpadded(hash)}`

  assert.equal(await verifyPassword('hunter22', encoded), true)
  assert.equal(await verifyPassword('hunter23', encoded), false)
})

test('verifyPassword normalizes to NFKC', async () => {
  const encoded = await hashPassword('caf\u00e9 au lait', { cost: TEST_PASSWORD_COST })

  assert.equal(await verifyPassword('cafe\u0301 au lait', encoded), true)
})

const malformed: { name: string; encoded: string }[] = [
  { name: 'empty', encoded: '' },
  { name: 'other algorithm', encoded: '$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHRzYWx0$aGFzaA' },
  { name: 'cost too high', encoded: `$scrypt$ln=30,r=8,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}` },
  { name: 'cost too low', encoded: `$scrypt$ln=4,r=8,p=1$${'A'.repeat(22)}$${'A'.repeat(43)}` },
  { name: 'short salt', encoded: `$scrypt$ln=10,r=8,p=1$AAAA$${'A'.repeat(43)}` },
  { name: 'padded salt', encoded: `$scrypt$ln=10,r=8,p=1$${'A'.repeat(22)}==$${'A'.repeat(43)}` },
  {
    name: 'non-canonical hash',
    encoded: `$scrypt$ln=10,r=8,p=1$${'A'.repeat(22)}$${'A'.repeat(42)}B`,
  },
  { name: 'missing hash', encoded: `$scrypt$ln=10,r=8,p=1$${'A'.repeat(22)}` },
]

for (const { name, encoded } of malformed) {
  test(`verifyPassword rejects ${name} hash`, async () => {
    await assert.rejects(verifyPassword('hunter22', encoded), {
      name: 'ServerError',
      code: 'STORE_INVALID',
      message: 'The stored password hash is malformed.',
    })
  })
}

test('hashPassword rejects out-of-range cost', async () => {
  for (const cost of [
    { log2N: 9, r: 8, p: 1 },
    { log2N: 21, r: 8, p: 1 },
    { log2N: 10, r: 0, p: 1 },
    { log2N: 10, r: 8, p: 17 },
    { log2N: 10.5, r: 8, p: 1 },
    { log2N: Number.NaN, r: 8, p: 1 },
  ]) {
    await assert.rejects(hashPassword('hunter22', { cost }), {
      name: 'ServerError',
      code: 'OPTION_INVALID',
      message: 'The scrypt cost must have log2N 10 to 20, r 1 to 32 and p 1 to 16.',
    })
  }
})

test('password checker refuses unknown user', async () => {
  const check = await createPasswordChecker({ cost: TEST_PASSWORD_COST })
  const encoded = await hashPassword('hunter22', { cost: TEST_PASSWORD_COST })

  assert.equal(await check('hunter22', undefined), false)
  assert.equal(await check('hunter22', encoded), true)
  assert.equal(await check('hunter23', encoded), false)
})

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '')
}
