/** The site: GET /preferences stores choices in an encrypted cookie, GET /offers reads it. */
import type { JotKey } from '@jot/core'
import express from 'express'
import type { CookieOptions, Express } from 'express'
import { readCookie } from './cookies.js'
import { pickOffers } from './offers.js'
import {
  PREFERENCES_LIFETIME_SEC,
  decryptPreferences,
  encryptPreferences,
  parsePreferencesQuery,
} from './preferences.js'

/** Options of createSite. */
export interface SiteOptions {
  /** The site's secret: a `dir` key of 32 bytes for A256GCM, the same on every instance. */
  readonly key: JotKey
  /** Current time in seconds since the epoch. Default the system clock. */
  readonly now?: () => number
}

export const COOKIE_NAME = 'prefs'

const COOKIE_OPTIONS: CookieOptions = {
  // Page scripts never need the token, so a script injected into the page cannot read it.
  httpOnly: true,
  // Sent with the site's own requests and when a visitor follows a link here, but not with
  // images, frames or form posts that other sites make.
  sameSite: 'lax',
  path: '/',
  // NOTE: add `secure: true` when the site runs on HTTPS. It is left out so that the example
  // works over plain http://127.0.0.1, where clients may drop or withhold a Secure cookie.
}

/**
 * Creates the site. GET /preferences takes the query that parsePreferencesQuery describes,
 * sets the cookie and returns `{ preferences }`. GET /offers returns `{ personalised, offers }`,
 * picked from the cookie when it decrypts and from the defaults otherwise.
 */
export function createSite(options: SiteOptions): Express {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000))
  const app = express()

  // NOTE: a GET that changes state can be triggered by a link on any other site, which could set
  // a visitor's consent. A real site takes preferences from a POST form with CSRF protection.
  app.get('/preferences', async (req, res) => {
    const preferences = parsePreferencesQuery(req.query)
    if (typeof preferences === 'string') {
      res.status(400).json({ error: 'invalid_request', error_description: preferences })
      return
    }
    const token = await encryptPreferences(preferences, options.key, now)
    // The cookie lasts as long as the token inside it.
    const expires = new Date((now() + PREFERENCES_LIFETIME_SEC) * 1000)
    res.cookie(COOKIE_NAME, token, { ...COOKIE_OPTIONS, expires })
    res.json({ preferences })
  })

  app.get('/offers', async (req, res) => {
    const token = readCookie(req.headers.cookie, COOKIE_NAME)
    const preferences =
      token === undefined ? undefined : await decryptPreferences(token, options.key, now)
    // A cookie that does not decrypt, because it was changed, has expired or predates a new
    // key, is deleted, so the browser stops sending it.
    if (token !== undefined && preferences === undefined) {
      res.clearCookie(COOKIE_NAME, COOKIE_OPTIONS)
    }
    res.json({ personalised: preferences !== undefined, offers: pickOffers(preferences) })
  })

  return app
}
