import assert from 'node:assert/strict'
import { writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { test } from 'node:test'
import { writeInspectorPage } from '@jot/inspector/build'
import { makeTempDir } from '../fixtures/temp.js'
import { startSeededServer } from '../fixtures/server.js'

function captureLog() {
  const lines: string[] = []
  return {
    stream: {
      write(line: string) {
        lines.push(line)
      },
    },
    parsed: () => lines.map((line) => JSON.parse(line) as Record<string, unknown>),
  }
}

test('GET / serves inspector with its policy', async (t) => {
  const dir = makeTempDir(t)
  const file = join(dir, 'inspector.html')
  const page = await writeInspectorPage(file)
  const { url } = await startSeededServer(t, dir, { inspectorPage: file })

  const response = await fetch(`${url}/`)

  assert.equal(response.status, 200)
  assert.equal(response.headers.get('content-type'), 'text/html; charset=utf-8')
  assert.equal(
    response.headers.get('content-security-policy'),
    `${page.contentSecurityPolicy}; frame-ancestors 'none'`,
  )
  assert.match(
    page.contentSecurityPolicy,
    /^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/]{43}='; style-src 'sha256-[A-Za-z0-9+/]{43}='; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'$/,
  )
  assert.equal(response.headers.get('x-frame-options'), 'DENY')
  assert.equal(response.headers.get('x-content-type-options'), 'nosniff')
  assert.equal(response.headers.get('referrer-policy'), 'no-referrer')
  assert.equal(response.headers.get('cache-control'), 'no-cache')
  assert.equal(await response.text(), page.html)
})

test('inspector policy hashes the inlined code', async (t) => {
  const file = join(makeTempDir(t), 'inspector.html')
  const page = await writeInspectorPage(file)
  const { createHash } = await import('node:crypto')
  const hash = (text: string) => createHash('sha256').update(text).digest('base64')

  const script = /<script type="module">([\s\S]*)<\/script>/.exec(page.html)?.[1] ?? ''
  const style = /<style>([\s\S]*)<\/style>/.exec(page.html)?.[1] ?? ''

  assert.ok(script.length > 10_000, 'the bundle is inlined')
  assert.ok(page.contentSecurityPolicy.includes(`script-src 'sha256-${hash(script)}'`))
  assert.ok(page.contentSecurityPolicy.includes(`style-src 'sha256-${hash(style)}'`))
  assert.equal(/<script[^>]+src=|<link[^>]+stylesheet/.test(page.html), false)
})

test('GET / without built page', async (t) => {
  const dir = makeTempDir(t)
  const log = captureLog()
  const missing = join(dir, 'missing.html')
  const { url } = await startSeededServer(t, dir, {
    inspectorPage: missing,
    logger: { level: 'warn', stream: log.stream },
  })

  const response = await fetch(`${url}/`)

  assert.equal(response.status, 404)
  assert.equal(response.headers.get('content-type'), 'application/json; charset=utf-8')
  assert.deepEqual(await response.json(), {
    error: 'not_found',
    error_description:
      'The token inspector page is not built on this server; build it with npm run build:inspector.',
  })
  const warnings = log.parsed().filter((line) => line['code'] === 'INSPECTOR_PAGE_MISSING')
  assert.equal(warnings.length, 1)
  assert.equal(warnings[0]?.['path'], missing)
  assert.equal(
    warnings[0]?.['msg'],
    'the token inspector page is not built, so GET / returns 404; run npm run build:inspector',
  )
})

test('inspector page without policy fails startup', async (t) => {
  const dir = makeTempDir(t)
  const file = join(dir, 'inspector.html')
  await writeFile(file, '<!doctype html><title>not the inspector</title>')

  await assert.rejects(startSeededServer(t, dir, { inspectorPage: file }), {
    name: 'ServerError',
    code: 'CONFIG_INVALID',
    message: `The inspector page ${file} has no Content-Security-Policy; rebuild it with npm run build:inspector.`,
  })
})
