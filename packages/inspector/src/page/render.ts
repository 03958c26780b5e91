/** Renders a decoded token: its coloured parts, header, payload, claims and warnings. */
import { explainClaims } from '../claims.js'
import type { InspectedJwe, InspectedJws, PartName, TokenPart } from '../token-parts.js'
import { claimWarnings, headerWarnings, hmacIssuerWarnings } from '../warnings.js'
import type { InspectorWarning } from '../warnings.js'
import { byId, create } from './dom.js'

const PART_LABELS: Readonly<Record<PartName, string>> = {
  header: 'Header',
  payload: 'Payload',
  signature: 'Signature',
  encrypted_key: 'Encrypted key',
  iv: 'Initialization vector',
  ciphertext: 'Ciphertext',
  tag: 'Authentication tag',
  aad: 'Additional authenticated data',
}

type JsonObject = Readonly<Record<string, unknown>>

/** Shows a decoded token, with its warnings at `now` (seconds since the epoch). */
export function renderToken(token: InspectedJws | InspectedJwe, now: number): void {
  renderParts(token.parts, token.serialization === 'compact')
  byId('header', HTMLPreElement).textContent = JSON.stringify(token.header, null, 2)
  byId('decoded', HTMLElement).hidden = false
  if (token.kind === 'jwe') {
    renderPayloadText(
      `Encrypted for ${token.recipientCount} recipient${token.recipientCount === 1 ? '' : 's'}; decrypt it below to see the content.`,
    )
    renderWarnings(headerWarnings(token.header))
    return
  }
  const payload = token.payload
  if (payload.kind === 'json') {
    renderClaims(token.header, payload.value, now)
    return
  }
  renderPayloadText(
    payload.kind === 'text' ? payload.text : `${payload.length} bytes that are not UTF-8 text.`,
  )
  renderWarnings(headerWarnings(token.header))
}

/** Shows JWT claims (from a JWS payload or a decrypted JWE) with explanations and warnings. */
export function renderClaims(header: JsonObject, claims: JsonObject, now: number): void {
  const list = byId('claims', HTMLElement)
  list.replaceChildren()
  for (const claim of explainClaims(claims, now)) {
    const term = create('dt', '', `${claim.label} (${claim.name})`)
    const value = create('dd', '', '')
    value.append(create('code', '', claim.value))
    if (claim.time !== undefined) value.append(' ', claim.time)
    list.append(term, value, create('dd', 'hint', claim.description))
  }
  byId('payload', HTMLPreElement).textContent = JSON.stringify(claims, null, 2)
  renderWarnings([
    ...headerWarnings(header),
    ...hmacIssuerWarnings(header, claims),
    ...claimWarnings(claims, now),
  ])
}

/** Hides everything a previous token showed. */
export function clearToken(): void {
  byId('parts', HTMLElement).hidden = true
  byId('decoded', HTMLElement).hidden = true
}

/** Lists warnings in `listId`, or states that there are none. */
export function renderWarnings(warnings: readonly InspectorWarning[], listId = 'warnings'): void {
  const list = byId(listId, HTMLUListElement)
  const items = warnings.map((warning) => {
    const item = create('li', '', '')
    item.dataset['code'] = warning.code
    item.append(create('strong', '', warning.code), ' ', warning.message)
    return item
  })
  if (items.length === 0 && listId === 'warnings') items.push(create('li', 'none', 'No warnings.'))
  list.replaceChildren(...items)
}

function renderPayloadText(text: string): void {
  byId('claims', HTMLElement).replaceChildren()
  byId('payload', HTMLPreElement).textContent = text
}

// The colours only repeat what the legend names, so the parts read the same without them.
function renderParts(parts: readonly TokenPart[], compact: boolean): void {
  const container = byId('parts', HTMLElement)
  const text = create('p', '', '')
  text.setAttribute('aria-label', 'The token, one colour per part')
  parts.forEach((part, index) => {
    if (index > 0) text.append(compact ? '.' : '\n')
    text.append(create('code', `part-${part.name}`, part.text === '' ? '(empty)' : part.text))
  })
  const legend = create('ul', 'legend', '')
  legend.setAttribute('aria-label', 'Parts')
  for (const part of parts) legend.append(create('li', `part-${part.name}`, PART_LABELS[part.name]))
  container.replaceChildren(text, legend)
  container.hidden = false
}
