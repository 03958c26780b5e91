/** Entry point of the token inspector page: wires the fields and buttons to the actions. */
import { JWE_KEY_MANAGEMENT_ALGORITHMS, JWS_ALGORITHMS, isJwsAlgorithm } from '@jot/core'
import { inspectToken } from '../token-parts.js'
import type { InspectedJwe, InspectedJws } from '../token-parts.js'
import { secretWarnings } from '../warnings.js'
import { decryptToken, describeError, makeSampleToken, verifyToken } from './actions.js'
import type { ActionResult } from './actions.js'
import { byId, nowSec } from './dom.js'
import { isKeyType, readKey } from './keys.js'
import { clearToken, renderClaims, renderToken, renderWarnings } from './render.js'

const tokenField = byId('token', HTMLTextAreaElement)
const keyField = byId('key', HTMLTextAreaElement)
const keyTypeField = byId('key-type', HTMLSelectElement)
const algField = byId('alg', HTMLSelectElement)
const decodeStatus = byId('decode-status', HTMLElement)
const resultArea = byId('result', HTMLElement)
const plaintextArea = byId('plaintext', HTMLPreElement)
const keyHint = byId('key-hint', HTMLElement)
const innerButton = byId('inspect-inner', HTMLButtonElement)
// A nested JWT's content is a compact JWS: three base64url segments.
const COMPACT_JWS = /^[\w-]+\.[\w-]*\.[\w-]*$/
const actionButtons = [byId('verify', HTMLButtonElement), byId('decrypt', HTMLButtonElement)]

// Hash output sizes in bytes, the minimum HMAC secret length of RFC 7518 section 3.2.
const HMAC_MIN_BYTES: Readonly<Record<string, number>> = { HS256: 32, HS384: 48, HS512: 64 }

let current: InspectedJws | InspectedJwe | undefined
let algorithmsShown: 'jws' | 'jwe' | undefined
// Bumped by every change of token or key, so a verification or decryption still running when
// the user changes either never shows its result under the new input.
let generation = 0

const BEARER_PREFIX = /^\s*Bearer\s+/i

// The token as pasted, without an Authorization header's scheme copied along with it.
function tokenText(): string {
  return tokenField.value.replace(BEARER_PREFIX, '').trim()
}

function decode(): void {
  generation++
  showResult(undefined)
  const result = inspectToken(tokenText())
  if (!result.ok) {
    current = undefined
    clearToken()
    decodeStatus.textContent = result.message
    return
  }
  current = result.token
  const kind = current.kind === 'jws' ? 'JWS' : 'JWE'
  const prefix = BEARER_PREFIX.test(tokenField.value) ? ' The "Bearer" prefix was left out.' : ''
  decodeStatus.textContent = `Decoded a ${kind} in the ${current.serialization} serialization. Nothing has been verified yet.${prefix}`
  renderToken(current, nowSec())
  offerAlgorithms(current)
  checkKeyFields()
}

// The list contains the algorithms for the token's kind. The token's alg is only preselected.
function offerAlgorithms(token: InspectedJws | InspectedJwe): void {
  if (algorithmsShown !== token.kind) {
    const names = token.kind === 'jws' ? JWS_ALGORITHMS : JWE_KEY_MANAGEMENT_ALGORITHMS
    algField.replaceChildren(...names.map((name) => new Option(name, name)))
    algorithmsShown = token.kind
  }
  const alg = token.header['alg']
  if (typeof alg === 'string' && [...algField.options].some((option) => option.value === alg)) {
    algField.value = alg
  }
}

function checkKeyFields(): void {
  generation++
  const alg = algField.value
  const minBytes = HMAC_MIN_BYTES[alg]
  const warnings =
    keyTypeField.value === 'secret-text' && minBytes !== undefined && keyField.value !== ''
      ? secretWarnings(keyField.value, alg, minBytes)
      : []
  renderWarnings(warnings, 'key-warnings')
  keyField.disabled = keyTypeField.value === 'jwks'
  keyHint.textContent = keyField.disabled
    ? "Not needed: the keys come from this service's JWK Set."
    : ''
}

async function verify(): Promise<void> {
  if (current?.kind !== 'jws') {
    showResult({ ok: false, message: 'Verify needs a decoded JWS; use Decrypt for a JWE.' })
    return
  }
  const alg = algField.value
  if (!isJwsAlgorithm(alg)) {
    showResult({ ok: false, message: 'Pick a signature algorithm.' })
    return
  }
  const token = current
  const result = await whileBusy('Verifying…', () =>
    withKey(alg, (keys) => verifyToken(token, tokenText(), keys, alg, nowSec())),
  )
  if (result !== undefined) showResult(result)
}

async function decrypt(): Promise<void> {
  if (current?.kind !== 'jwe') {
    showResult({ ok: false, message: 'Decrypt needs a decoded JWE; use Verify for a JWS.' })
    return
  }
  const token = current
  const result = await whileBusy('Decrypting…', () =>
    withKey(algField.value, (key) =>
      'reload' in key
        ? Promise.resolve({ ok: false, message: 'A JWK Set cannot decrypt.' })
        : decryptToken(token, tokenText(), key),
    ),
  )
  if (result === undefined) return
  showResult(result)
  if (result.plaintext !== undefined) showPlaintext(token, result.plaintext)
}

/**
 * Runs an action with the buttons disabled and the result area marked busy. Returns undefined
 * when the token or key changed meanwhile, since the result belongs to the old input.
 */
async function whileBusy(
  message: string,
  action: () => Promise<ActionResult>,
): Promise<ActionResult | undefined> {
  const started = ++generation
  showResult({ ok: true, message })
  resultArea.setAttribute('aria-busy', 'true')
  for (const button of actionButtons) button.disabled = true
  try {
    const result = await action()
    return started === generation ? result : undefined
  } finally {
    resultArea.removeAttribute('aria-busy')
    for (const button of actionButtons) button.disabled = false
    if (started !== generation && resultArea.textContent === message) showResult(undefined)
  }
}

async function withKey(
  alg: string,
  action: (key: Awaited<ReturnType<typeof readKey>>) => Promise<ActionResult>,
): Promise<ActionResult> {
  const type = keyTypeField.value
  if (!isKeyType(type)) return { ok: false, message: 'Pick a key type.' }
  try {
    return await action(await readKey(type, alg, keyField.value))
  } catch (error) {
    return { ok: false, message: `The key cannot be used. ${describeError(error)}` }
  }
}

// Decrypted JWT claims get the same explanations and warnings as a JWS payload.
function showPlaintext(token: InspectedJwe, plaintext: string): void {
  let claims: unknown
  try {
    claims = JSON.parse(plaintext)
  } catch {
    claims = undefined
  }
  if (typeof claims === 'object' && claims !== null && !Array.isArray(claims)) {
    renderClaims(token.header, claims as Readonly<Record<string, unknown>>, nowSec())
    return
  }
  plaintextArea.textContent = plaintext
  plaintextArea.hidden = false
  innerButton.hidden = !COMPACT_JWS.test(plaintext.trim())
}

// Puts a nested JWT's inner token in the token field, where the usual decode and verify apply.
function inspectInner(): void {
  tokenField.value = (plaintextArea.textContent ?? '').trim()
  decode()
  tokenField.focus()
}

function showResult(result: ActionResult | undefined): void {
  resultArea.className = result === undefined ? 'result' : `result ${result.ok ? 'ok' : 'bad'}`
  resultArea.textContent = result?.message ?? ''
  plaintextArea.hidden = true
  innerButton.hidden = true
}

async function makeSample(): Promise<void> {
  const alg = byId('sample-alg', HTMLSelectElement).value
  try {
    const sample = await makeSampleToken(alg, nowSec())
    tokenField.value = sample.token
    keyTypeField.value = 'jwk'
    keyField.value = JSON.stringify(sample.verificationJwk, null, 2)
    decode()
    const what = alg.startsWith('HS') ? 'its secret' : 'its public key'
    decodeStatus.textContent = `Made a sample ${alg} token with a key generated in this page; ${what} is in the key field as a JWK.`
  } catch (error) {
    decodeStatus.textContent = `No sample token. ${describeError(error)}`
  }
}

function onClick(id: string, action: () => Promise<void> | void): void {
  byId(id, HTMLButtonElement).addEventListener('click', () => {
    void action()
  })
}

tokenField.addEventListener('input', decode)
keyField.addEventListener('input', checkKeyFields)
keyTypeField.addEventListener('change', checkKeyFields)
algField.addEventListener('change', checkKeyFields)
onClick('decode', decode)
onClick('verify', verify)
onClick('decrypt', decrypt)
onClick('sample', makeSample)
onClick('inspect-inner', inspectInner)
checkKeyFields()
