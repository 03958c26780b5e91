import { test } from 'node:test'
import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'

interface PackageJson {
  readonly dependencies?: Record<string, string>
  readonly exports: Record<string, Record<string, string>>
}

const manifest = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as PackageJson

test('core has no runtime dependencies', () => {
  assert.deepEqual(manifest.dependencies ?? {}, {})
})

test('core subpaths resolve to their families', async () => {
  const expected: Record<string, string[]> = {
    '.': ['verifyJwt', 'importJwk', 'signCompact', 'JotError'],
    './errors': ['JotError', 'isJotError', 'JOT_ERROR_CODES'],
    './keys': ['importJwk', 'importPem', 'importSecret', 'generateKeyPair', 'thumbprint'],
    './jws': ['signCompact', 'verifyCompact'],
    './jwt': ['signJwt', 'verifyJwt', 'createSigner', 'createVerifier', 'decodeUnverified'],
    './jwks': ['localKeySet', 'remoteKeySet'],
    './jwe': ['encryptCompact', 'decryptCompact', 'encryptJson', 'decryptJson'],
  }
  assert.deepEqual(Object.keys(manifest.exports).sort(), Object.keys(expected).sort())
  for (const [subpath, names] of Object.entries(expected)) {
    const specifier = subpath === '.' ? '@jot/core' : `@jot/core/${subpath.slice(2)}`
    const module = (await import(specifier)) as Record<string, unknown>
    for (const name of names) assert.notEqual(module[name], undefined, `${specifier} ${name}`)
  }
})
