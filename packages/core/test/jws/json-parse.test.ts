import { test } from 'node:test'
import assert from 'node:assert/strict'
import { JOT_ERROR_CODES, importSecret, isJotError, signJson, verifyJson } from '../../src/index.js'
import { SECRET } from '../fixtures/tokens.js'

const hsKey = await importSecret(SECRET, { alg: 'HS256' })

/** A small seeded generator (mulberry32), so every run mutates the same way. */
function random(seed: number): () => number {
  let state = seed
  return () => {
    state = (state + 0x6d2b79f5) | 0
    let t = Math.imul(state ^ (state >>> 15), 1 | state)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

const ALPHABET = '{}[]":,.\\ -_=+/0123456789abcdefABCDEFalgkidb64critheaderprotectedsignature'
const ALLOWED_CODES = new Set(JOT_ERROR_CODES)

/** Replaces, inserts or deletes a few characters of the text. */
function mutate(text: string, next: () => number): string {
  let out = text
  const edits = 1 + Math.floor(next() * 3)
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * out.length)
    const char = ALPHABET.charAt(Math.floor(next() * ALPHABET.length))
    const kind = next()
    if (kind < 0.4) out = out.slice(0, at) + char + out.slice(at + 1)
    else if (kind < 0.7) out = out.slice(0, at) + char + out.slice(at)
    else out = out.slice(0, at) + out.slice(at + 1)
  }
  return out
}

test('verifyJson mutated input fails cleanly', async () => {
  const general = await signJson('payload', [
    { key: hsKey, unprotectedHeader: { kid: 'a' } },
    { key: hsKey, protectedHeader: { typ: 't' } },
  ])
  const flattened = await signJson('payload', [{ key: hsKey }], {
    serialization: 'flattened',
    b64: false,
  })
  const texts = [JSON.stringify(general), JSON.stringify(flattened)]
  const next = random(7515)
  let rejected = 0
  for (let i = 0; i < 2000; i++) {
    const text = mutate(texts[i % texts.length]!, next)
    try {
      const result = await verifyJson(text, hsKey)
      // A mutation that still verifies can only have touched unsigned parts.
      assert.deepEqual(result.payload, new TextEncoder().encode('payload'))
    } catch (error) {
      assert.ok(isJotError(error), `not a JotError for ${JSON.stringify(text)}: ${String(error)}`)
      assert.ok(ALLOWED_CODES.has(error.code))
      rejected++
    }
  }
  assert.ok(rejected > 1500)
})

test('verifyJson random member types fail cleanly', async () => {
  const values: unknown[] = [null, 0, -1, 1.5, true, '', 'x', [], [1], {}, { alg: 'HS256' }]
  const names = ['payload', 'protected', 'header', 'signature', 'signatures']
  const next = random(7797)
  for (let i = 0; i < 500; i++) {
    const jws: Record<string, unknown> = {}
    for (const name of names) {
      if (next() < 0.6) jws[name] = values[Math.floor(next() * values.length)]
    }
    await assert.rejects(verifyJson(jws, hsKey), (error: unknown) => {
      assert.ok(isJotError(error), `not a JotError for ${JSON.stringify(jws)}`)
      // No value in the table is a valid signature, so structure checks catch every case.
      assert.equal(error.code, 'TOKEN_MALFORMED')
      return true
    })
  }
})
