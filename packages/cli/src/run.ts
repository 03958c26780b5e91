/** The dispatcher of jot: picks a command, runs it, and turns its outcome into an exit code. */
import { readFileSync } from 'node:fs'
import { JotError } from '@jot/core'
import { formatHelp, parseCommandArgs, wantsHelp, wrap } from './command.js'
import type { Command } from './command.js'
import { clientAddCommand } from './commands/client-add.js'
import { decodeCommand } from './commands/decode.js'
import { decryptCommand } from './commands/decrypt.js'
import { encryptCommand } from './commands/encrypt.js'
import { keygenCommand } from './commands/keygen.js'
import { keysListCommand } from './commands/keys-list.js'
import { keysRotateCommand } from './commands/keys-rotate.js'
import { serveCommand } from './commands/serve.js'
import { signCommand } from './commands/sign.js'
import { userAddCommand } from './commands/user-add.js'
import { verifyCommand } from './commands/verify.js'
import {
  EXIT_OK,
  EXIT_USAGE,
  errorCodeOf,
  exitCodeOf,
  formatCauses,
  formatError,
} from './exit-codes.js'
import { writeJson, writeLine } from './io.js'
import type { Io } from './io.js'

const COMMANDS: readonly Command[] = [
  keygenCommand,
  signCommand,
  verifyCommand,
  decodeCommand,
  encryptCommand,
  decryptCommand,
  userAddCommand,
  clientAddCommand,
  keysListCommand,
  keysRotateCommand,
  serveCommand,
]

/**
 * Runs jot with the given arguments and returns the exit code. Every failure is reported on
 * stderr as `jot: <CODE>: <message>`, and with `--json` also as JSON on stdout.
 */
export async function runCli(argv: readonly string[], io: Io): Promise<number> {
  const first = argv[0]
  if (first === undefined) {
    // A missing command is a usage error, so the help goes to stderr with exit code 2.
    io.stderr.write(formatTopLevelHelp())
    return EXIT_USAGE
  }
  if (first === 'help' && argv.length > 1) {
    // `jot help verify` is `jot verify --help`, so an unknown topic fails like a command.
    return runCli([...argv.slice(1), '--help'], io)
  }
  if (first === '--help' || first === '-h' || first === 'help') {
    io.stdout.write(formatTopLevelHelp())
    return EXIT_OK
  }
  if (first === '--version') {
    writeLine(io.stdout, readVersion())
    return EXIT_OK
  }

  const group = COMMANDS.filter((c) => c.name.startsWith(`${first} `))
  if (group.length > 1 && (argv[1] === '--help' || argv[1] === '-h')) {
    io.stdout.write(formatGroupHelp(first, group))
    return EXIT_OK
  }

  let command: Command | undefined
  let rest: readonly string[] = argv
  try {
    ;({ command, rest } = findCommand(argv))
    if (wantsHelp(rest)) {
      io.stdout.write(formatHelp(command))
      return EXIT_OK
    }
    await command.run(parseCommandArgs(command, rest), io)
    return EXIT_OK
  } catch (error) {
    return reportFailure(error, command, rest, io)
  }
}

function findCommand(argv: readonly string[]): { command: Command; rest: readonly string[] } {
  for (const command of COMMANDS) {
    const words = command.name.split(' ')
    if (words.every((word, i) => argv[i] === word)) {
      return { command, rest: argv.slice(words.length) }
    }
  }
  const group = COMMANDS.filter((c) => c.name.startsWith(`${argv[0] ?? ''} `))
  // "jot user --help" shows the help of the group's only command, "jot user add".
  const [only] = group
  if (group.length === 1 && only !== undefined && (argv[1] === '--help' || argv[1] === '-h')) {
    return { command: only, rest: ['--help'] }
  }
  const hint =
    group.length > 0
      ? `use ${group.map((c) => `"jot ${c.name}"`).join(' or ')}`
      : 'run "jot --help" for the list of commands'
  const requested = argv.slice(0, group.length > 0 ? 2 : 1).join(' ')
  throw new JotError('ARGUMENT_INVALID', `Unknown command "${requested.slice(0, 40)}"; ${hint}.`)
}

function reportFailure(
  error: unknown,
  command: Command | undefined,
  argv: readonly string[],
  io: Io,
): number {
  const end = argv.indexOf('--')
  const options = end === -1 ? argv : argv.slice(0, end)
  writeLine(io.stderr, formatError(error))
  if (options.includes('--verbose')) {
    for (const line of formatCauses(error)) writeLine(io.stderr, line)
  }
  if (options.includes('--json')) {
    const message = error instanceof Error ? error.message : String(error)
    const failure = { error: { code: errorCodeOf(error), message } }
    writeJson(io.stdout, command?.reportsValidity === true ? { valid: false, ...failure } : failure)
  }
  return exitCodeOf(error)
}

function formatTopLevelHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.name.length)) + 4
  const lines = [
    'Usage: jot <command> [options]',
    '',
    'Signs, verifies, encrypts, decrypts and inspects JSON Web Tokens, generates keys, and runs ' +
      'and administers the jot token service.',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    'Run "jot <command> --help" for the options of a command. Every command accepts --json ' +
      '(machine-readable output on stdout) and --verbose (cause chain of a failure on stderr).',
    '',
    'Exit codes:',
    '  0    success; for verify, the token is valid',
    '  1    the token is invalid: malformed, wrongly signed, expired, failing a claim check,',
    '       or not decrypting',
    '  2    usage error: unknown command or option, missing argument, unusable key file,',
    '       invalid configuration',
    '  3    the command could not run: JWKS request, store, master key or unexpected failure',
    '  130  interrupted with Ctrl-C at a prompt',
  ]
  return (
    lines.flatMap((line) => (line.length > 100 ? wrap(line, 100, '') : [line])).join('\n') + '\n'
  )
}

function formatGroupHelp(group: string, commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length)) + 4
  const lines = [
    `Usage: jot ${group} <command> [options]`,
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}${c.summary}`),
    '',
    `Run "jot ${group} <command> --help" for the options of a command.`,
  ]
  return lines.join('\n') + '\n'
}

function readVersion(): string {
  // package.json sits one level above both src/ and dist/.
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8')
  const { version } = JSON.parse(text) as { version: string }
  return version
}
