/**
 * Runs @jot/core in Debian's Chromium: a page bundled by esbuild for the browser signs,
 * verifies and reads the JWK Set of a running token service, all on loopback.
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
import { importJwk, verifyJwt } from '../../src/index.js'
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
    encryptCompact: {
      code: 'ALG_UNSUPPORTED',
      message:
        'JWE is not supported on the Web Crypto backend yet; encrypt and decrypt on Node.js.',
    },
    service: expectedService,
  })
})
