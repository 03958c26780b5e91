/** A visitor's preferences, and their encrypted form for a cookie: a JWE with dir and A256GCM. */
import { decryptJwt, encryptJwt, isJotError } from '@jot/core'
import type { JotKey, JwtClaims } from '@jot/core'

/** The interests a visitor may pick. */
export const INTERESTS = ['running', 'cooking', 'gardening'] as const
export type Interest = (typeof INTERESTS)[number]

/** The visitor's consent per channel. Each flag is false unless the visitor turned it on. */
export interface Consent {
  readonly email: boolean
  readonly sms: boolean
  readonly personalisedAds: boolean
}

export interface Preferences {
  readonly interests: readonly Interest[]
  readonly consent: Consent
  /** A language tag such as `en` or `de-DE`. */
  readonly locale: string
}

/** Header `typ` of the token, so no other JWE made with the same key passes as preferences. */
export const PREFERENCES_TYP = 'prefs+jwt'
/** Lifetime of the token and its cookie in seconds: 180 days, then the default offers apply. */
export const PREFERENCES_LIFETIME_SEC = 180 * 24 * 60 * 60

const LOCALE = /^[a-z]{2}(-[A-Z]{2})?$/

/**
 * Encrypts the preferences with the site's secret. The key is the content encryption key itself
 * (`dir`), so the token has no encrypted key segment, and AES-GCM's tag makes any change to the
 * token fail decryption.
 */
export function encryptPreferences(
  preferences: Preferences,
  key: JotKey,
  now?: () => number,
): Promise<string> {
  return encryptJwt({ ...preferences }, key, {
    enc: 'A256GCM',
    typ: PREFERENCES_TYP,
    expiresInSec: PREFERENCES_LIFETIME_SEC,
    now,
  })
}

/**
 * Decrypts a preferences token. Returns undefined when the token was changed, has expired, was
 * made with another key, or holds something other than preferences: the caller then falls back
 * to the defaults, as for a visitor without the cookie.
 */
export async function decryptPreferences(
  token: string,
  key: JotKey,
  now?: () => number,
): Promise<Preferences | undefined> {
  try {
    const { claims } = await decryptJwt(token, key, {
      typ: PREFERENCES_TYP,
      requiredClaims: ['exp'],
      now,
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
    })
    return readPreferences(claims)
  } catch (error) {
    // OPTION_INVALID and ARGUMENT_INVALID mean this code is wrong, not the cookie.
    if (
      !isJotError(error) ||
      error.code === 'OPTION_INVALID' ||
      error.code === 'ARGUMENT_INVALID'
    ) {
      throw error
    }
    return undefined
  }
}

/**
 * Reads preferences from the query of GET /preferences, such as
 * `interests=running,cooking&email=true&sms=false&ads=false&locale=de-DE`. Returns a message
 * when a parameter is invalid. A consent parameter that is missing counts as false.
 */
export function parsePreferencesQuery(query: Record<string, unknown>): Preferences | string {
  const { interests = '', email = 'false', sms = 'false', ads = 'false', locale = 'en' } = query
  if (typeof interests !== 'string') return 'Give interests once, as a comma-separated list.'
  const picked = interests === '' ? [] : interests.split(',')
  if (!picked.every(isInterest)) return `interests must be taken from ${INTERESTS.join(', ')}.`
  const emailConsent = readFlag(email)
  const smsConsent = readFlag(sms)
  const adsConsent = readFlag(ads)
  if (emailConsent === undefined || smsConsent === undefined || adsConsent === undefined) {
    return 'email, sms and ads must each be true or false.'
  }
  if (typeof locale !== 'string' || !LOCALE.test(locale)) {
    return 'locale must be a language tag such as en or de-DE.'
  }
  return {
    interests: [...new Set(picked)],
    consent: { email: emailConsent, sms: smsConsent, personalisedAds: adsConsent },
    locale,
  }
}

// The token decrypted with the site's key, so it came from this site; the check guards against
// tokens of an older format, not against forgery.
function readPreferences(claims: JwtClaims): Preferences | undefined {
  const { interests, consent, locale } = claims
  if (!Array.isArray(interests) || !interests.every(isInterest)) return undefined
  if (typeof locale !== 'string' || !LOCALE.test(locale)) return undefined
  if (typeof consent !== 'object' || consent === null) return undefined
  const { email, sms, personalisedAds } = consent as Record<string, unknown>
  if (typeof email !== 'boolean' || typeof sms !== 'boolean') return undefined
  if (typeof personalisedAds !== 'boolean') return undefined
  return { interests, consent: { email, sms, personalisedAds }, locale }
}

function isInterest(value: unknown): value is Interest {
  return INTERESTS.some((interest) => interest === value)
}

function readFlag(value: unknown): boolean | undefined {
  if (value === 'true') return true
  if (value === 'false') return false
  return undefined
}
