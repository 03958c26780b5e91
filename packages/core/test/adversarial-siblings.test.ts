import { after, test } from 'node:test'
import assert from 'node:assert/strict'
import { readShared } from './fixtures/shared.js'
import { claimsKeySiblings } from './adversarial-siblings/claims-keys.js'
import {
  closeAttackerServer,
  countAttackerRequests,
  encodingSiblings,
} from './adversarial-siblings/encoding.js'
import { EXPECTED } from './adversarial-siblings/expected.js'
import { jwsSiblings } from './adversarial-siblings/jws.js'

// Each handed adversarial case stands for a class of mistakes. These rows are the other members
// of each class, and every one must fail with its own code and message.
const siblings = [...jwsSiblings, ...encodingSiblings, ...claimsKeySiblings]
const { cases } = readShared('cases/adversarial.json') as { cases: { id: string }[] }

after(closeAttackerServer)

test('every handed case has siblings', () => {
  const covered = new Set(siblings.map((sibling) => sibling.caseId))
  for (const { id } of cases) assert.ok(covered.has(id), `no sibling for ${id}`)
})

test('every sibling has one expectation', () => {
  const names = siblings.map((sibling) => `${sibling.caseId} ${sibling.name}`)
  assert.equal(new Set(names).size, names.length)
  assert.deepEqual(new Set(Object.keys(EXPECTED)), new Set(names))
})

for (const sibling of siblings) {
  const name = `${sibling.caseId} ${sibling.name}`
  test(`sibling ${name}`, async () => {
    const [code, message] = EXPECTED[name] ?? ['', '']
    await assert.rejects(Promise.resolve().then(sibling.run), { name: 'JotError', code, message })
  })
}

test('header key URLs never fetched', () => {
  assert.equal(countAttackerRequests(), 0)
})
