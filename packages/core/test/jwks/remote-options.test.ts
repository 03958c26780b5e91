import { test } from 'node:test'
import assert from 'node:assert/strict'
import { remoteKeySet } from '../../src/index.js'
import { jotError } from './helpers.js'

// Creating a key set sends no request, so these URLs are only parsed, never contacted.
test('remoteKeySet accepts https and loopback http', () => {
  const urls: (string | URL)[] = [
    'https://auth.example.com/.well-known/jwks.json',
    new URL('https://auth.example.com/jwks'),
    'http://127.0.0.1:8080/jwks.json',
    'http://127.255.0.9/jwks.json',
    'http://127.1/jwks.json',
    'http://[::1]:3000/jwks.json',
    'http://[0:0:0:0:0:0:0:1]/jwks.json',
    'http://localhost/jwks.json',
    'http://LOCALHOST:3000/jwks.json',
  ]
  for (const url of urls) {
    const keySet = remoteKeySet(url)
    assert.equal(typeof keySet, 'function', String(url))
    assert.equal(keySet.exportCache(), undefined, String(url))
  }
})

test('remoteKeySet requires https elsewhere', () => {
  const rule =
    'must use https; plain http is allowed only for loopback hosts (127.0.0.0/8, ::1, localhost).'
  const cases: [unknown, string][] = [
    ['http://auth.example.com/jwks.json', `The JWKS URL http://auth.example.com/jwks.json ${rule}`],
    [
      'http://auth.example.com/jwks.json?key=secret#x',
      `The JWKS URL http://auth.example.com/jwks.json ${rule}`,
    ],
    ['http://10.0.0.1/jwks.json', `The JWKS URL http://10.0.0.1/jwks.json ${rule}`],
    ['http://128.0.0.1/jwks.json', `The JWKS URL http://128.0.0.1/jwks.json ${rule}`],
    [
      'http://localhost.example.com/jwks.json',
      `The JWKS URL http://localhost.example.com/jwks.json ${rule}`,
    ],
    [
      'http://127.0.0.1.example.com/jwks.json',
      `The JWKS URL http://127.0.0.1.example.com/jwks.json ${rule}`,
    ],
    [
      'http://[::ffff:127.0.0.1]/jwks.json',
      `The JWKS URL http://[::ffff:7f00:1]/jwks.json ${rule}`,
    ],
    ['http://[::2]/jwks.json', `The JWKS URL http://[::2]/jwks.json ${rule}`],
    ['ftp://127.0.0.1/jwks.json', `The JWKS URL ftp://127.0.0.1/jwks.json ${rule}`],
    ['file:///etc/jwks.json', `The JWKS URL file:///etc/jwks.json ${rule}`],
    [
      'https://user:password@auth.example.com/jwks.json',
      'The JWKS URL must not contain a user name or password.',
    ],
    ['/jwks.json', 'The JWKS URL "/jwks.json" is not an absolute URL.'],
    ['', 'The JWKS URL "" is not an absolute URL.'],
    [42, 'The JWKS URL must be a string or a URL, not a number.'],
    [undefined, 'The JWKS URL must be a string or a URL, not undefined.'],
  ]
  for (const [url, message] of cases) {
    assert.throws(() => remoteKeySet(url as string), jotError('OPTION_INVALID', message), message)
  }
})

test('remoteKeySet rejects bad options', () => {
  const url = 'http://127.0.0.1:1/jwks.json'
  const cases: [unknown, string][] = [
    [[], 'The options of remoteKeySet must be an object, not an array.'],
    [{ retries: 3 }, 'remoteKeySet has no option "retries".'],
    [
      { timeoutMs: 0 },
      'The "timeoutMs" option of remoteKeySet must be a whole number from 1 to 2147483647, not 0.',
    ],
    [
      { timeoutMs: 2_147_483_648 },
      'The "timeoutMs" option of remoteKeySet must be a whole number from 1 to 2147483647, not 2147483648.',
    ],
    [
      { timeoutMs: Number.POSITIVE_INFINITY },
      'The "timeoutMs" option of remoteKeySet must be a whole number from 1 to 2147483647, not Infinity.',
    ],
    [
      { maxResponseBytes: -1 },
      'The "maxResponseBytes" option of remoteKeySet must be a positive whole number, not -1.',
    ],
    [
      { maxResponseBytes: 1.5 },
      'The "maxResponseBytes" option of remoteKeySet must be a positive whole number, not 1.5.',
    ],
    [
      { cacheMaxAgeMs: '600000' },
      'The "cacheMaxAgeMs" option of remoteKeySet must be a positive whole number, not a string.',
    ],
    [
      { cooldownMs: 0 },
      'The "cooldownMs" option of remoteKeySet must be a positive whole number, not 0.',
    ],
    [
      { cooldownMs: Number.NaN },
      'The "cooldownMs" option of remoteKeySet must be a positive whole number, not NaN.',
    ],
    [{ fetch: 'fetch' }, 'The "fetch" option of remoteKeySet must be a function, not a string.'],
    [{ onError: {} }, 'The "onError" option of remoteKeySet must be a function, not an object.'],
    [
      { nowMs: 1_767_225_600_000 },
      'The "nowMs" option of remoteKeySet must be a function, not a number.',
    ],
    [
      { algorithms: ['RS1'] },
      'The "algorithms" option of remoteKeySet lists "RS1", which is not a supported JWS algorithm.',
    ],
    [
      { maxKeyCandidates: 0 },
      'The "maxKeyCandidates" option of remoteKeySet must be a whole number from 1 to 100, not 0.',
    ],
  ]
  for (const [options, message] of cases) {
    assert.throws(
      () => remoteKeySet(url, options as never),
      jotError('OPTION_INVALID', message),
      message,
    )
  }
})

test('remoteKeySet rejects clock without number', async () => {
  for (const value of [Number.NaN, Number.POSITIVE_INFINITY, '1767225600000']) {
    const keySet = remoteKeySet('http://127.0.0.1:1/jwks.json', { nowMs: () => value as number })
    await assert.rejects(
      keySet({ alg: 'ES256', kid: 'a' }),
      jotError(
        'OPTION_INVALID',
        'The "nowMs" function of remoteKeySet must return a finite number of milliseconds.',
      ),
      String(value),
    )
  }
})
