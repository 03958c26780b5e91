/** `jot decode`: shows a token's header and claims without verifying it, with warnings. */
import { decodeUnverified } from '@jot/core'
import type { Command, ParsedArgs } from '../command.js'
import { readTokenInput, writeJson } from '../io.js'
import type { Io } from '../io.js'
import { parseEpochSeconds } from '../option-values.js'
import {
  TIME_CLAIMS,
  findTokenWarnings,
  formatInstant,
  formatRelative,
  isTime,
} from '../token-warnings.js'
import type { TokenWarning } from '../token-warnings.js'

const NOT_VERIFIED =
  'NOT VERIFIED: nothing below has been checked, not even the signature. ' +
  'Run "jot verify" before trusting this token.'

export const decodeCommand: Command = {
  name: 'decode',
  summary: 'Show the header and claims of a token WITHOUT verifying it',
  usage: ['jot decode [TOKEN] [--now SEC] [--json]'],
  description: [
    'Decodes a compact JWT and prints its header and claims, with exp, nbf and iat as ISO ' +
      '8601 UTC times and relative to now. It warns about alg "none", a missing exp, an ' +
      'expired or not yet valid token, a lifetime over 24 hours, and an HMAC algorithm on a ' +
      'token from an https issuer. The signature is NOT verified; use "jot verify" for that.',
    'TOKEN is read from stdin when absent or "-". Exit code 0 when the token decodes, 1 when ' +
      'it is malformed, 2 for a usage error.',
    'With --json: { "header", "claims", "warnings": [{ "code", "message" }] }.',
  ],
  options: {
    now: {
      type: 'string',
      value: 'SEC',
      help: 'Current time in seconds since the Unix epoch. Default: the system clock.',
    },
  },
  positionals: ['TOKEN'],
  run: runDecode,
}

async function runDecode(args: ParsedArgs, io: Io): Promise<void> {
  const nowText = args.string('now')
  const now =
    nowText === undefined ? Math.floor(Date.now() / 1000) : parseEpochSeconds(nowText, '--now')
  const token = await readTokenInput(io, args.positionals[0])

  const { header, claims } = decodeUnverified(token)
  const warnings = findTokenWarnings(header, claims, now)

  if (args.flag('json')) {
    writeJson(io.stdout, { header, claims, warnings })
    return
  }
  io.stdout.write(formatReport(header, claims, warnings, now))
}

function formatReport(
  header: Readonly<Record<string, unknown>>,
  claims: Readonly<Record<string, unknown>>,
  warnings: readonly TokenWarning[],
  now: number,
): string {
  const lines = [NOT_VERIFIED, '', 'Header:', indent(header), '', 'Claims:', indent(claims)]
  const times = TIME_CLAIMS.flatMap((name) => {
    const value = claims[name]
    if (!isTime(value)) return []
    return [`  ${name}  ${formatInstant(value)}  (${formatRelative(value - now)})`]
  })
  if (times.length > 0) lines.push('', 'Times:', ...times)
  if (warnings.length > 0) {
    lines.push('', 'Warnings:', ...warnings.map((w) => `  ${w.code}: ${w.message}`))
  }
  return lines.join('\n') + '\n'
}

function indent(value: unknown): string {
  return JSON.stringify(value, null, 2)
    .split('\n')
    .map((line) => '  ' + line)
    .join('\n')
}
