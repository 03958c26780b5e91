/** Signs that an HMAC secret typed as text is weak: too short, common, or word-like. */

/**
 * Secrets found in tutorials, defaults and leaked configurations. Compared case-insensitively
 * after removing everything but letters and digits, so "my-secret" matches "mysecret".
 */
const COMMON_SECRETS: ReadonlySet<string> = new Set([
  'secret',
  'secretkey',
  'mysecret',
  'mysecretkey',
  'jwtsecret',
  'jwtsecretkey',
  'tokensecret',
  'supersecret',
  'supersecretkey',
  'topsecret',
  'password',
  'password1',
  'password123',
  'passw0rd',
  'changeme',
  'changeit',
  'default',
  'admin',
  'test',
  'testing',
  'key',
  'privatekey',
  'letmein',
  'qwerty',
  '123456',
  '12345678',
  '1234567890',
  'your256bitsecret',
  'yoursecretkey',
  'shhhhh',
])

/** The reason a secret looks weak. */
export type WeakSecretReason = 'short' | 'common' | 'word-like' | 'repeated'

/**
 * Lists why a text secret looks weak for an HMAC algorithm whose hash output is `minBytes`
 * long (32 for HS256, 48 for HS384, 64 for HS512):
 * - `short`: fewer UTF-8 bytes than the hash output, which RFC 7518 section 3.2 forbids;
 * - `common`: a well-known default or tutorial value;
 * - `word-like`: only lowercase letters, spaces, hyphens and underscores, so a word or phrase
 *   with far less entropy than its length suggests;
 * - `repeated`: one chunk of up to 8 characters repeated ("abcabcabc", "aaaa").
 */
export function weakSecretReasons(secret: string, minBytes: number): WeakSecretReason[] {
  const reasons: WeakSecretReason[] = []
  if (new TextEncoder().encode(secret).length < minBytes) reasons.push('short')
  if (COMMON_SECRETS.has(secret.toLowerCase().replace(/[^a-z0-9]/g, ''))) reasons.push('common')
  if (/^[a-z _-]+$/.test(secret)) reasons.push('word-like')
  if (/^(.{1,8})\1+$/su.test(secret)) reasons.push('repeated')
  return reasons
}
