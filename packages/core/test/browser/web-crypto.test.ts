/**
 * Runs @jot/core in Debian's Chromium: a page bundled by esbuild for the browser signs,
 * verifies, encrypts and decrypts, and reads the JWK Set of a running token service, all on
 * loopback.
 */
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { addUser, createApp, loadConfig, openStore } from '@jot/server'
import {
  encryptCompact,
  exportJwk,
  exportPublicJwk,
  generateKeyPair,
  importJwk,
  verifyJwt,
} from '../../src/index.js'
import type { Jwk } from '../../src/index.js'
import type { PageInput } from './page.js'

const NOW = 1_700_000_000
const ISSUER = 'https://auth.jot.test'
const AUDIENCE = 'https://api.jot.test'
const PASSWORD = 'correct horse battery'

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'jot-browser-test-'))
  t.after(() => {
    rmSync(dir, { recursive: true, force: true })
  })
  return dir
}

// The `browser` condition that esbuild's browser platform sets is what picks the Web Crypto
// backend; a bundle that reached node:crypto would fail to build.
async function bundlePage(): Promise<string> {
  const result = await build({
    entryPoints: [new URL('./page.ts', import.meta.url).pathname],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    conditions: ['@jot/source'],
    write: false,
    logLevel: 'silent',
  })
  return result.outputFiles[0]?.text ?? ''
}

async function servePage(t: TestContext, script: string): Promise<string> {
  const html = '<!doctype html><title>jot</title><script type="module" src="/page.js"></script>'
  const server = createServer((request, response) => {
    const isScript = request.url === '/page.js'
    response.writeHead(200, {
      'content-type': isScript ? 'text/javascript' : 'text/html; charset=utf-8',
    })
    response.end(isScript ? script : html)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  t.after(
    () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          resolve()
        })
      }),
  )
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
}

async function startService(t: TestContext): Promise<{ url: string; token: string }> {
  const config = loadConfig({
    JOT_DATABASE_URL: `sqlite:${join(tempDir(t), 'jot.db')}`,
    JOT_MASTER_KEY: Buffer.alloc(32, 1).toString('base64url'),
    JOT_ISSUER: ISSUER,
    JOT_AUDIENCE: AUDIENCE,
  })
  const cost = { log2N: 10, r: 8, p: 1 }
  const store = await openStore(config)
  try {
    await addUser(store, { username: 'alice', password: PASSWORD }, { passwordCost: cost })
  } finally {
    await store.close()
  }
  const app = await createApp(config, { logger: false, now: () => NOW, passwordCost: cost })
  t.after(() => app.close())
  const url = await app.listen({ host: '127.0.0.1', port: 0 })
  const response = await fetch(`${url}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'alice', password: PASSWORD }),
  })
  assert.equal(response.status, 200)
  const { access_token: token } = (await response.json()) as { access_token: string }
  return { url, token }
}

// A JWE that Node.js makes for the page to decrypt, with the recipient's private JWK.
async function nodeJwe(): Promise<{ token: string; jwk: Jwk }> {
  const { privateKey, publicKey } = await generateKeyPair('ECDH-ES+A128KW', { crv: 'P-384' })
  const token = await encryptCompact('made on Node.js', publicKey, {
    enc: 'A256CBC-HS512',
    zip: 'DEF',
  })
  return { token, jwk: await exportJwk(privateKey) }
}

// An ECDH-ES JWE whose epk has its y coordinate changed, which moves the point off P-256.
async function offCurveJwe(): Promise<{ token: string; jwk: Jwk }> {
  const { privateKey, publicKey } = await generateKeyPair('ECDH-ES', { crv: 'P-256' })
  const { x, y } = (await exportPublicJwk(publicKey)) as { x: string; y: string }
  const changed = Buffer.from(y, 'base64url')
  changed[0] = (changed[0] ?? 0) ^ 1
  const epk = { kty: 'EC', crv: 'P-256', x, y: changed.toString('base64url') }
  const header = Buffer.from(JSON.stringify({ alg: 'ECDH-ES', enc: 'A128GCM', epk }))
  const segments = [header, Buffer.alloc(0), Buffer.alloc(12), Buffer.alloc(8), Buffer.alloc(16)]
  const token = segments.map((part) => part.toString('base64url')).join('.')
  return { token, jwk: await exportJwk(privateKey) }
}

async function runInChromium(t: TestContext, pageUrl: string, input: PageInput) {
  const context = await chromium.launchPersistentContext(tempDir(t), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
  // Chromium closes here, not in an after hook: its keep-alive connections would otherwise
  // hold the service and the page server open until they time out.
  try {
    const page = await context.newPage()
    const pageErrors: string[] = []
    page.on('pageerror', (error) => pageErrors.push(error.message))
    await page.goto(pageUrl)
    await page.waitForFunction(() => 'runJotChecks' in globalThis)
    const results = await page.evaluate(
      (pageInput) =>
        (
          globalThis as unknown as {
            runJotChecks: (value: PageInput) => Promise<Record<string, unknown>>
          }
        ).runJotChecks(pageInput),
      input,
    )
    return { results, pageErrors }
  } finally {
    await context.close()
  }
}

function expectedRoundTrip(alg: string, kid: string) {
  return {
    verified: {
      header: { alg, kid, typ: 'JWT' },
      claims: { sub: 'page-user', iat: NOW, exp: NOW + 60 },
    },
    rejected: { code: 'SIGNATURE_INVALID', message: 'The signature is invalid.' },
  }
}

test('chromium runs core on Web Crypto', async (t) => {
  const service = await startService(t)
  const jwksUrl = `${service.url}/.well-known/jwks.json`
  const pageUrl = await servePage(t, await bundlePage())
  const input = {
    now: NOW,
    jwksUrl,
    serviceToken: service.token,
    issuer: ISSUER,
    audience: AUDIENCE,
    nodeJwe: await nodeJwe(),
    offCurveJwe: await offCurveJwe(),
  }

  const { results, pageErrors } = await runInChromium(t, pageUrl, input)

  // The service's token as Node.js verifies it, to compare with the page's result.
  const jwks = (await (await fetch(jwksUrl)).json()) as { keys: Jwk[] }
  const serviceKey = await importJwk(jwks.keys[0] as Jwk)
  const expectedService = await verifyJwt(service.token, serviceKey, { now: NOW })
  assert.deepEqual(pageErrors, [])
  assert.deepEqual(results, {
    ES256: expectedRoundTrip('ES256', 'page-es256'),
    HS256: expectedRoundTrip('HS256', 'page-hs'),
    EdDSA: expectedRoundTrip('EdDSA', 'page-eddsa'),
    createVerifier: {
      code: 'ARGUMENT_INVALID',
      message:
        'createVerifier returns a synchronous function, which needs the Node.js crypto backend; with the Web Crypto backend use the async API (signJwt, verifyJwt).',
    },
    encryption: {
      'ECDH-ES+A256KW': {
        text: 'order 1234',
        alg: 'ECDH-ES+A256KW',
        enc: 'A256GCM',
        kid: 'page-ecdh',
      },
      dir: { text: 'order 1234', alg: 'dir', enc: 'A256GCM', kid: 'page-dir' },
      nested: {
        header: { alg: 'ES256', kid: 'page-sig', typ: 'JWT' },
        claims: { sub: 'page-user', iat: NOW },
      },
      nodeJwe: 'made on Node.js',
      // Chromium's Web Crypto rejects the point at import, as Node.js does.
      offCurveJwe: {
        code: 'TOKEN_MALFORMED',
        message: 'The header parameter "epk" is not a valid public key on P-256.',
      },
      // Chromium's Web Crypto has no 192-bit AES and no X448.
      A192GCM: {
        code: 'ALG_UNSUPPORTED',
        message:
          'The Web Crypto of this runtime does not support 192-bit AES keys, so A192GCM is not available; use a 128-bit or 256-bit algorithm, or the Node.js backend.',
      },
      X448: {
        code: 'KEY_UNSUPPORTED',
        message:
          'The Web Crypto backend of this runtime does not support the curve X448; use the Node.js backend for it.',
      },
    },
    service: expectedService,
  })
})
