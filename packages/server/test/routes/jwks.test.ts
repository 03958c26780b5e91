import assert from 'node:assert/strict'
import { test } from 'node:test'
import { importJwk, thumbprint, verifyJwt } from '@jot/core'
import type { Jwk } from '@jot/core'
import { makeTempDir } from '../fixtures/temp.js'
import { ALICE, AUDIENCE, ISSUER, logIn, NOW, startSeededServer } from '../fixtures/server.js'

test('jwks lists exactly the signing key', async (t) => {
  const { url } = await startSeededServer(t, makeTempDir(t))

  const response = await fetch(`${url}/.well-known/jwks.json`)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('cache-control'), 'public, max-age=300')
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  const body = (await response.json()) as { keys: (Jwk & { x: string; y: string })[] }
  assert.equal(body.keys.length, 1)
  const key = body.keys[0]!
  assert.deepEqual(key, {
    kty: 'EC',
    crv: 'P-256',
    x: key.x,
    y: key.y,
    kid: await thumbprint(key),
    alg: 'ES256',
    use: 'sig',
  })
})

test('jwks key verifies issued token', async (t) => {
  const { url, alice } = await startSeededServer(t, makeTempDir(t))
  const token = await logIn(url, ALICE)
  const body = (await (await fetch(`${url}/.well-known/jwks.json`)).json()) as { keys: Jwk[] }
  const key = await importJwk(body.keys[0]!)

  const { header, claims } = await verifyJwt(token, key, {
    algorithms: ['ES256'],
    issuer: ISSUER,
    audience: AUDIENCE,
    typ: 'at+jwt',
    now: NOW,
  })

  assert.deepEqual(header, { alg: 'ES256', kid: body.keys[0]!.kid, typ: 'at+jwt' })
  assert.equal(claims.sub, alice.id)
})
