import assert from 'node:assert/strict'
import { test } from 'node:test'
import type { TestContext } from 'node:test'
import { encryptJwt, generateSecret } from '@jot/core'
import { readCookie } from '../src/cookies.js'
import { listen } from '../src/listen.js'
import { PREFERENCES_LIFETIME_SEC } from '../src/preferences.js'
import { createSite } from '../src/site.js'

// 2023-11-14T22:13:20Z. Each test moves the clock itself where it needs to.
const NOW = 1_700_000_000

const key = await generateSecret('dir', { enc: 'A256GCM' })

const DEFAULT_OFFERS = {
  personalised: false,
  offers: [
    { id: 'welcome-10', channel: 'site', title: '10% off your first order' },
    { id: 'free-returns', channel: 'site', title: 'Free returns for 30 days' },
  ],
}
// The Set-Cookie that deletes a cookie which did not decrypt.
const CLEARED = 'prefs=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax'

async function startSite(t: TestContext) {
  const clock = { now: NOW }
  const site = await listen(createSite({ key, now: () => clock.now }), 0)
  t.after(() => site.close())

  /** Sets preferences and returns the cookie value and the whole Set-Cookie header. */
  async function setPreferences(query: string) {
    const response = await fetch(`${site.url}/preferences?${query}`)
    assert.equal(response.status, 200)
    const setCookie = response.headers.get('set-cookie') ?? ''
    const token = readCookie(setCookie.split(';')[0], 'prefs') ?? ''
    return { token, setCookie, body: (await response.json()) as unknown }
  }

  async function getOffers(cookie?: string) {
    const response = await fetch(`${site.url}/offers`, {
      headers: cookie === undefined ? {} : { cookie: `theme=dark; prefs=${cookie}` },
    })
    return {
      status: response.status,
      setCookie: response.headers.get('set-cookie'),
      body: (await response.json()) as unknown,
    }
  }

  return { clock, url: site.url, setPreferences, getOffers }
}

test('cookie holds no readable preferences', async (t) => {
  const { setPreferences } = await startSite(t)
  const { token, setCookie, body } = await setPreferences(
    'interests=running,gardening&email=true&sms=false&ads=true&locale=de-DE',
  )
  const expires = new Date((NOW + PREFERENCES_LIFETIME_SEC) * 1000).toUTCString()
  const segments = token.split('.')

  assert.deepEqual(body, {
    preferences: {
      interests: ['running', 'gardening'],
      consent: { email: true, sms: false, personalisedAds: true },
      locale: 'de-DE',
    },
  })
  assert.equal(setCookie, `prefs=${token}; Path=/; Expires=${expires}; HttpOnly; SameSite=Lax`)
  // Compact JWE with dir: the encrypted key segment is empty, because the secret is the CEK.
  assert.equal(segments.length, 5)
  assert.equal(segments[1], '')
  assert.deepEqual(JSON.parse(Buffer.from(segments[0]!, 'base64url').toString('utf8')), {
    alg: 'dir',
    enc: 'A256GCM',
    typ: 'prefs+jwt',
  })
  const decoded = segments.map((segment) => Buffer.from(segment, 'base64url').toString('latin1'))
  for (const value of ['running', 'gardening', 'de-DE', 'consent', 'interests']) {
    assert.equal(
      decoded.some((text) => text.includes(value)),
      false,
      `${value} is readable`,
    )
    assert.equal(token.includes(value), false, `${value} is in the cookie text`)
  }
})

test('offers follow interests and consent', async (t) => {
  const { setPreferences, getOffers } = await startSite(t)
  const { token } = await setPreferences(
    'interests=running,cooking&email=true&sms=true&ads=true&locale=en',
  )

  assert.deepEqual(await getOffers(token), {
    status: 200,
    setCookie: null,
    body: {
      personalised: true,
      offers: [
        { id: 'welcome-10', channel: 'site', title: '10% off your first order' },
        { id: 'free-returns', channel: 'site', title: 'Free returns for 30 days' },
        { id: 'trail-shoes', channel: 'site', title: 'New trail running shoes' },
        { id: 'cast-iron-pan', channel: 'site', title: 'Cast-iron pans at 20% off' },
        { id: 'running-newsletter', channel: 'email', title: 'Weekly running newsletter' },
        { id: 'flash-sale-sms', channel: 'sms', title: 'Flash sales by text message' },
        {
          id: 'partner-ads',
          channel: 'ads',
          title: 'Offers from partners, based on your interests',
        },
      ],
    },
  })
})

test('false consent excludes its channel', async (t) => {
  const { setPreferences, getOffers } = await startSite(t)
  const { token } = await setPreferences(
    'interests=running,gardening&email=false&sms=false&ads=false&locale=de-DE',
  )

  assert.deepEqual(await getOffers(token), {
    status: 200,
    setCookie: null,
    body: {
      personalised: true,
      offers: [
        { id: 'welcome-10', channel: 'site', title: '10 % Rabatt auf die erste Bestellung' },
        { id: 'free-returns', channel: 'site', title: '30 Tage kostenlose Rücksendung' },
        { id: 'trail-shoes', channel: 'site', title: 'Neue Trailschuhe' },
      ],
    },
  })
})

test('each consent flag alone', async (t) => {
  const { setPreferences, getOffers } = await startSite(t)
  const cases = [
    { flags: 'email=true&sms=false&ads=false', channels: ['site', 'site', 'email'] },
    { flags: 'email=false&sms=true&ads=false', channels: ['site', 'site', 'sms'] },
    { flags: 'email=false&sms=false&ads=true', channels: ['site', 'site', 'ads'] },
  ]

  for (const { flags, channels } of cases) {
    const { token } = await setPreferences(`interests=gardening&${flags}`)
    const { body } = await getOffers(token)
    const offers = (body as { offers: { channel: string }[] }).offers
    assert.deepEqual(
      offers.map((offer) => offer.channel),
      channels,
      flags,
    )
  }
})

test('changed cookie gets default offers', async (t) => {
  const { setPreferences, getOffers } = await startSite(t)
  const { token } = await setPreferences('interests=running&email=true&sms=true&ads=true')
  const segments = token.split('.')
  const ciphertext = Buffer.from(segments[3]!, 'base64url')
  ciphertext[0] = ciphertext[0]! ^ 0x01
  segments[3] = ciphertext.toString('base64url')

  assert.deepEqual(await getOffers(segments.join('.')), {
    status: 200,
    setCookie: CLEARED,
    body: DEFAULT_OFFERS,
  })
  assert.deepEqual(await getOffers('not-a-token'), {
    status: 200,
    setCookie: CLEARED,
    body: DEFAULT_OFFERS,
  })
})

test('foreign and expired cookies ignored', async (t) => {
  const { clock, setPreferences, getOffers } = await startSite(t)
  const otherKey = await generateSecret('dir', { enc: 'A256GCM' })
  const foreign = await encryptJwt(
    { interests: ['running'], consent: { email: true, sms: true, personalisedAds: true } },
    otherKey,
    { enc: 'A256GCM', typ: 'prefs+jwt', expiresInSec: 60, now: NOW },
  )
  const { token } = await setPreferences('interests=running&email=true')

  assert.deepEqual(await getOffers(foreign), {
    status: 200,
    setCookie: CLEARED,
    body: DEFAULT_OFFERS,
  })
  clock.now = NOW + PREFERENCES_LIFETIME_SEC
  assert.deepEqual(await getOffers(token), {
    status: 200,
    setCookie: CLEARED,
    body: DEFAULT_OFFERS,
  })
})

test('no cookie gets default offers', async (t) => {
  const { getOffers } = await startSite(t)

  assert.deepEqual(await getOffers(), { status: 200, setCookie: null, body: DEFAULT_OFFERS })
})

test('invalid preferences rejected', async (t) => {
  const { url } = await startSite(t)
  const cases = [
    ['interests=running,knitting', 'interests must be taken from running, cooking, gardening.'],
    ['interests=running&interests=cooking', 'Give interests once, as a comma-separated list.'],
    ['email=yes', 'email, sms and ads must each be true or false.'],
    ['locale=english', 'locale must be a language tag such as en or de-DE.'],
  ]

  for (const [query, description] of cases) {
    const response = await fetch(`${url}/preferences?${query}`)
    assert.equal(response.status, 400, query)
    assert.equal(response.headers.get('set-cookie'), null, query)
    assert.deepEqual(await response.json(), {
      error: 'invalid_request',
      error_description: description,
    })
  }
})
