/**
 * Runs the built inspector page in Debian's Chromium against a token service on loopback:
 * decoding, verifying, warnings, decryption, sample tokens, keyboard use, layout, and that the
 * page makes no request but its own and the service's JWK Set.
 */
import { after, before, test } from 'node:test'
import type { TestContext } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium } from 'playwright-core'
import type { BrowserContext, Page } from 'playwright-core'
import {
  encryptCompact,
  encryptJwt,
  exportJwk,
  exportPem,
  exportPublicJwk,
  generateKeyPair,
  generateSecret,
  importJwk,
  importSecret,
  signAndEncryptJwt,
  signJwt,
} from '@jot/core'
import type { Jwk } from '@jot/core'
import { addUser, createApp, loadConfig, openStore } from '@jot/server'
import type { FastifyInstance } from 'fastify'
import { writeInspectorPage } from '../../src/build/build-page.js'

// The pinned clock of the service and of the page: 2023-11-14T22:13:20Z.
const NOW = 1_700_000_000
const ISSUER = 'https://auth.jot.test'
const AUDIENCE = 'https://api.jot.test'
const PASSWORD = 'correct horse battery'

const dirs: string[] = []
let app: FastifyInstance | undefined
let context: BrowserContext | undefined
let baseUrl: string
let jwksUrl: string
let serviceToken: string
let serviceJwk: Jwk

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'jot-inspector-test-'))
  dirs.push(dir)
  return dir
}

before(async () => {
  const dir = tempDir()
  const pageFile = join(dir, 'inspector.html')
  await writeInspectorPage(pageFile)
  const config = loadConfig({
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
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
  app = await createApp(config, {
    logger: false,
    now: () => NOW,
    passwordCost: cost,
    inspectorPage: pageFile,
  })
  baseUrl = await app.listen({ host: '127.0.0.1', port: 0 })
  jwksUrl = `${baseUrl}/.well-known/jwks.json`
  const response = await fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'password', username: 'alice', password: PASSWORD }),
  })
  serviceToken = ((await response.json()) as { access_token: string }).access_token
  serviceJwk = ((await (await fetch(jwksUrl)).json()) as { keys: Jwk[] }).keys[0]!
  context = await chromium.launchPersistentContext(tempDir(), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  })
})

// Chromium closes before the service: its keep-alive connections would otherwise hold the
// service open until they time out. Each step runs even when an earlier one or the setup
// failed, so a missing Chromium cannot leave the service listening and the file running.
after(async () => {
  try {
    await context?.close()
  } finally {
    await app?.close()
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
  }
})

/**
 * Opens the inspector at the pinned time. When the test ends, it checks that the page threw
 * nothing, broke no policy rule, and requested only itself and the service's JWK Set.
 */
async function openInspector(t: TestContext): Promise<Page> {
  const page = await context!.newPage()
  const requests: string[] = []
  const problems: string[] = []
  page.on('request', (request) => requests.push(request.url()))
  page.on('pageerror', (error) => problems.push(error.message))
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text())
  })
  await page.clock.setFixedTime(NOW * 1000)
  await page.goto(`${baseUrl}/`)
  t.after(async () => {
    await page.close()
    assert.deepEqual(problems, [])
    const unexpected = requests.filter((url) => url !== `${baseUrl}/` && url !== jwksUrl)
    assert.deepEqual(unexpected, [])
  })
  return page
}

async function decode(page: Page, token: string): Promise<void> {
  await page.fill('#token', token)
  await page.click('#decode')
}

async function verifyWith(page: Page, keyType: string, material = ''): Promise<string> {
  await page.selectOption('#key-type', keyType)
  if (keyType !== 'jwks') await page.fill('#key', material)
  return pressAndRead(page, '#verify')
}

async function pressAndRead(page: Page, button: string): Promise<string> {
  await page.click(button)
  await page.waitForFunction(() => !/…$/.test(document.querySelector('#result')?.textContent ?? ''))
  return (await page.textContent('#result')) ?? ''
}

function warningCodes(page: Page, list = '#warnings'): Promise<string[]> {
  return page.$$eval(`${list} li[data-code]`, (items) =>
    items.map((item) => (item as HTMLElement).dataset['code'] ?? ''),
  )
}

function tamper(token: string): string {
  return token.slice(0, -2) + (token.endsWith('AA') ? 'BA' : 'AA')
}

const SIGNATURE_INVALID = 'Not valid. SIGNATURE_INVALID: The signature is invalid.'

test('decodes a service token', async (t) => {
  const page = await openInspector(t)
  const [header, payload, signature] = serviceToken.split('.')

  await decode(page, serviceToken)

  assert.equal(
    await page.textContent('#decode-status'),
    'Decoded a JWS in the compact serialization. Nothing has been verified yet.',
  )
  const parts = await page.$$eval('#parts p code', (codes: Element[]) =>
    codes.map((code) => [code.getAttribute('class'), code.textContent]),
  )
  assert.deepEqual(parts, [
    ['part-header', header],
    ['part-payload', payload],
    ['part-signature', signature],
  ])
  assert.equal(
    await page.textContent('#header'),
    JSON.stringify({ alg: 'ES256', kid: serviceJwk.kid, typ: 'at+jwt' }, null, 2),
  )
  const claims = await page.$$eval('#claims dt', (terms) => terms.map((term) => term.textContent))
  assert.deepEqual(claims, [
    'Issuer (iss)',
    'Subject (sub)',
    'Audience (aud)',
    'Expiration time (exp)',
    'Issued at (iat)',
    'JWT ID (jti)',
  ])
  const claimText = (await page.textContent('#claims')) ?? ''
  assert.match(claimText, /2023-11-14T22:13:20Z \(now\)/)
  assert.deepEqual(await warningCodes(page), [])
  assert.equal(await page.textContent('#warnings'), 'No warnings.')
  assert.equal(await page.inputValue('#alg'), 'ES256')
})

test('verifies with the service key set', async (t) => {
  const page = await openInspector(t)

  await decode(page, serviceToken)
  const valid = await verifyWith(page, 'jwks')
  await decode(page, tamper(serviceToken))
  const tampered = await verifyWith(page, 'jwks')

  assert.equal(
    valid,
    'Valid: the ES256 signature verifies, and the time claims (exp, nbf, iat) hold now.',
  )
  assert.equal(tampered, SIGNATURE_INVALID)
})

test('reads a token pasted with Bearer', async (t) => {
  const page = await openInspector(t)

  await decode(page, `Bearer ${serviceToken}`)
  const status = await page.textContent('#decode-status')
  const valid = await verifyWith(page, 'jwks')
  const keyHint = await page.textContent('#key-hint')

  assert.equal(
    status,
    'Decoded a JWS in the compact serialization. Nothing has been verified yet. The "Bearer" prefix was left out.',
  )
  assert.equal(
    valid,
    'Valid: the ES256 signature verifies, and the time claims (exp, nbf, iat) hold now.',
  )
  assert.equal(keyHint, "Not needed: the keys come from this service's JWK Set.")
})

test('drops a result for an old token', async (t) => {
  const page = await openInspector(t)
  const password = await importSecret(Buffer.from('a long passphrase for PBES2'), {
    alg: 'PBES2-HS512+A256KW',
  })
  // The largest count jot accepts keeps the browser busy long enough to change the token.
  const slow = await encryptCompact('note', password, { enc: 'A256GCM', pbes2Count: 1_000_000 })

  await decode(page, slow)
  await page.selectOption('#key-type', 'secret-text')
  await page.fill('#key', 'a long passphrase for PBES2')
  await page.click('#decrypt')
  const busy = await page.getAttribute('#result', 'aria-busy')
  const disabled = await page.isDisabled('#decrypt')
  await page.fill('#token', serviceToken)
  await page.waitForFunction(
    () => !(document.querySelector('#decrypt') as HTMLButtonElement).disabled,
  )

  assert.equal(busy, 'true')
  assert.equal(disabled, true)
  assert.equal(await page.textContent('#result'), '')
  assert.equal(await page.getAttribute('#result', 'aria-busy'), null)
  assert.equal(await page.isVisible('#plaintext'), false)
})

test('verifies with a JWK and a PEM', async (t) => {
  const page = await openInspector(t)
  const pem = await exportPem(await importJwk(serviceJwk))
  const other = await generateKeyPair('ES256')
  const otherJwk = await exportPublicJwk(other.publicKey)

  await decode(page, serviceToken)
  const withJwk = await verifyWith(page, 'jwk', JSON.stringify(serviceJwk))
  const withPem = await verifyWith(page, 'pem', pem)
  const withWrongJwk = await verifyWith(page, 'jwk', JSON.stringify(otherJwk))
  const withWrongPem = await verifyWith(page, 'pem', await exportPem(other.publicKey))

  const valid = 'Valid: the ES256 signature verifies, and the time claims (exp, nbf, iat) hold now.'
  assert.equal(withJwk, valid)
  assert.equal(withPem, valid)
  assert.equal(withWrongJwk, SIGNATURE_INVALID)
  assert.equal(withWrongPem, SIGNATURE_INVALID)
})

test('verifies with a secret', async (t) => {
  const page = await openInspector(t)
  const secret = Buffer.from('Qm3v9Zp2Lr8Tx4Kc7Wd1Hs6Nb5Yg0Fj2E')
  const key = await importSecret(secret, { alg: 'HS256' })
  const token = await signJwt({ sub: 'user-42' }, key, { now: NOW, expiresInSec: 300 })

  await decode(page, token)
  const asText = await verifyWith(page, 'secret-text', secret.toString())
  const asBase64url = await verifyWith(page, 'secret-base64url', secret.toString('base64url'))
  const wrong = await verifyWith(page, 'secret-text', 'Qm3v9Zp2Lr8Tx4Kc7Wd1Hs6Nb5Yg0Fj2F')
  const tampered = await (async () => {
    await decode(page, tamper(token))
    return verifyWith(page, 'secret-text', secret.toString())
  })()

  const valid = 'Valid: the HS256 signature verifies, and the time claims (exp, nbf, iat) hold now.'
  assert.equal(asText, valid)
  assert.equal(asBase64url, valid)
  assert.equal(wrong, SIGNATURE_INVALID)
  assert.equal(tampered, SIGNATURE_INVALID)
  assert.deepEqual(await warningCodes(page, '#key-warnings'), [])
})

test('warns about a weak secret', async (t) => {
  const page = await openInspector(t)
  const key = await generateSecret('HS256')
  const token = await signJwt({ sub: 'user-42' }, key, { now: NOW, expiresInSec: 300 })

  await decode(page, token)
  const result = await verifyWith(page, 'secret-text', 'secret')

  assert.deepEqual(await warningCodes(page, '#key-warnings'), ['SECRET_WEAK'])
  assert.equal(
    result,
    'The key cannot be used. KEY_INVALID: The HMAC secret is 6 bytes long; HS256 needs at least 32 bytes, the size of its hash output.',
  )
})

test('warns about an expired token', async (t) => {
  const page = await openInspector(t)
  const { privateKey, publicKey } = await generateKeyPair('ES256')
  const token = await signJwt({ sub: 'user-42' }, privateKey, {
    now: NOW - 3_600,
    expiresInSec: 600,
  })

  await decode(page, token)
  const result = await verifyWith(page, 'jwk', JSON.stringify(await exportPublicJwk(publicKey)))

  assert.deepEqual(await warningCodes(page), ['TOKEN_EXPIRED'])
  assert.match((await page.textContent('#warnings')) ?? '', /The token expired 50 minutes ago\./)
  assert.equal(
    result,
    'Not valid. TOKEN_EXPIRED: The token has expired. The signature verified; the claims check failed.',
  )
})

test('warns about alg none', async (t) => {
  const page = await openInspector(t)
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
  const token = `${encode({ alg: 'none' })}.${encode({ sub: 'user-42', exp: NOW + 60 })}.`

  await decode(page, token)
  await page.selectOption('#alg', 'ES256')
  const result = await verifyWith(page, 'jwk', JSON.stringify(serviceJwk))

  assert.deepEqual(await warningCodes(page), ['ALG_NONE'])
  assert.equal(result, 'Not valid. ALG_NOT_ALLOWED: The algorithm "none" is not allowed.')
})

test('warns about HMAC with an https issuer', async (t) => {
  const page = await openInspector(t)
  const key = await generateSecret('HS256')
  const token = await signJwt({ sub: 'user-42' }, key, {
    now: NOW,
    expiresInSec: 300,
    issuer: ISSUER,
    header: { jku: `${ISSUER}/jwks.json` },
  })

  await decode(page, token)

  assert.deepEqual(await warningCodes(page), ['EMBEDDED_KEY', 'HMAC_WITH_PUBLIC_KEY_ISSUER'])
})

test('decrypts a JWE', async (t) => {
  const page = await openInspector(t)
  const recipient = await generateKeyPair('ECDH-ES+A256KW', { kid: 'enc-1' })
  const encrypted = await encryptJwt({ sub: 'user-42' }, recipient.publicKey, {
    enc: 'A256GCM',
    now: NOW,
    expiresInSec: 300,
  })
  const password = await importSecret(Buffer.from('a long passphrase for PBES2'), {
    alg: 'PBES2-HS256+A128KW',
  })
  const withPassword = await encryptJwt({ sub: 'user-43' }, password, {
    enc: 'A128GCM',
    now: NOW,
    expiresInSec: 300,
    pbes2Count: 1_000,
  })

  await decode(page, encrypted)
  const parts = await page.$$eval('#parts p code', (codes: Element[]) =>
    codes.map((code) => code.getAttribute('class')),
  )
  const result = await (async () => {
    await page.selectOption('#key-type', 'jwk')
    await page.fill('#key', JSON.stringify(await exportJwk(recipient.privateKey)))
    return pressAndRead(page, '#decrypt')
  })()
  const claims = await page.textContent('#payload')
  await decode(page, withPassword)
  await page.selectOption('#key-type', 'secret-text')
  await page.fill('#key', 'a long passphrase for PBES2')
  const passwordResult = await pressAndRead(page, '#decrypt')
  await page.fill('#key', 'a wrong passphrase')
  const wrongPassword = await pressAndRead(page, '#decrypt')

  assert.deepEqual(parts, [
    'part-header',
    'part-encrypted_key',
    'part-iv',
    'part-ciphertext',
    'part-tag',
  ])
  assert.equal(await page.inputValue('#alg'), 'PBES2-HS256+A128KW')
  assert.equal(result, 'Decrypted with the ECDH-ES+A256KW key.')
  assert.equal(claims, JSON.stringify({ sub: 'user-42', iat: NOW, exp: NOW + 300 }, null, 2))
  assert.equal(passwordResult, 'Decrypted with the PBES2-HS256+A128KW key.')
  assert.equal(wrongPassword, 'Not decrypted. DECRYPTION_FAILED: The JWE could not be decrypted.')
})

test('opens the inner token of a nested JWT', async (t) => {
  const page = await openInspector(t)
  const recipient = await generateKeyPair('ECDH-ES+A256KW', { kid: 'enc-1' })
  const signer = await generateKeyPair('ES256', { kid: 'sign-1' })
  const nested = await signAndEncryptJwt(
    { sub: 'user-44' },
    { signingKey: signer.privateKey, encryptionKey: recipient.publicKey },
    { enc: 'A256GCM', now: NOW, expiresInSec: 300 },
  )

  await decode(page, nested)
  await page.selectOption('#key-type', 'jwk')
  await page.fill('#key', JSON.stringify(await exportJwk(recipient.privateKey)))
  const decrypted = await pressAndRead(page, '#decrypt')
  const hiddenBefore = await page.isHidden('#inspect-inner')
  await page.click('#inspect-inner')
  const status = await page.textContent('#decode-status')
  const claims = await page.textContent('#payload')

  assert.equal(decrypted, 'Decrypted with the ECDH-ES+A256KW key.')
  assert.equal(hiddenBefore, false)
  assert.equal(status, 'Decoded a JWS in the compact serialization. Nothing has been verified yet.')
  assert.equal(claims, JSON.stringify({ sub: 'user-44', iat: NOW, exp: NOW + 300 }, null, 2))
  assert.equal(await page.isHidden('#inspect-inner'), true)
})

test('makes and verifies sample tokens', async (t) => {
  const page = await openInspector(t)

  await page.click('#sample')
  await page.waitForFunction(
    () =>
      document.querySelector('#token') instanceof HTMLTextAreaElement &&
      (document.querySelector('#token') as HTMLTextAreaElement).value !== '',
  )
  const status = await page.textContent('#decode-status')
  const es256 = await pressAndRead(page, '#verify')
  await page.selectOption('#sample-alg', 'HS256')
  await page.click('#sample')
  await page.waitForFunction(() =>
    /HS256/.test(document.querySelector('#decode-status')?.textContent ?? ''),
  )
  const hs256 = await pressAndRead(page, '#verify')

  assert.equal(
    status,
    'Made a sample ES256 token with a key generated in this page; its public key is in the key field as a JWK.',
  )
  assert.equal(
    es256,
    'Valid: the ES256 signature verifies, and the time claims (exp, nbf, iat) hold now.',
  )
  assert.equal(
    hs256,
    'Valid: the HS256 signature verifies, and the time claims (exp, nbf, iat) hold now.',
  )
  assert.match((await page.textContent('#claims')) ?? '', /2023-11-14T22:18:20Z \(in 5 minutes\)/)
  assert.deepEqual(await warningCodes(page), [])
})

test('works with the keyboard only', async (t) => {
  const page = await openInspector(t)
  const focused = () => page.evaluate(() => document.activeElement?.id ?? '')

  await page.keyboard.press('Tab')
  const first = await focused()
  await page.keyboard.insertText(serviceToken)
  await page.keyboard.press('Tab')
  const second = await focused()
  await page.keyboard.press('Space')
  const status = await page.textContent('#decode-status')
  const stops: string[] = []
  for (let step = 0; step < 4; step += 1) {
    await page.keyboard.press('Tab')
    stops.push(await focused())
  }

  assert.equal(first, 'token')
  assert.equal(second, 'decode')
  assert.equal(status, 'Decoded a JWS in the compact serialization. Nothing has been verified yet.')
  // The key field is disabled while the service's key set is selected, so Tab skips it.
  assert.deepEqual(stops, ['sample-alg', 'sample', 'key-type', 'alg'])
  await page.keyboard.press('Tab')
  assert.equal(await focused(), 'verify')
  await page.keyboard.press('Enter')
  await page.waitForFunction(() =>
    /^Valid/.test(document.querySelector('#result')?.textContent ?? ''),
  )
  assert.equal(
    await page.textContent('#result'),
    'Valid: the ES256 signature verifies, and the time claims (exp, nbf, iat) hold now.',
  )
})

test('fits desktop and phone screens', async (t) => {
  const page = await openInspector(t)
  const dir = tempDir()

  await page.setViewportSize({ width: 1280, height: 800 })
  await page.click('#sample')
  await page.waitForFunction(() =>
    /sample/.test(document.querySelector('#decode-status')?.textContent ?? ''),
  )
  await pressAndRead(page, '#verify')
  await page.screenshot({ path: join(dir, 'desktop.png'), fullPage: true })
  await page.setViewportSize({ width: 390, height: 844 })
  await page.screenshot({ path: join(dir, 'phone.png'), fullPage: true })
  const width = await page.evaluate(() => document.documentElement.scrollWidth)

  assert.equal(width, 390)
})
