/** The shape of a jot command, with the argument parsing and help text that commands share. */
import { parseArgs } from 'node:util'
import { JotError } from '@jot/core'
import type { Io } from './io.js'

/** One option of a command: its parseArgs type and its line of help. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean'
  readonly multiple?: boolean
  readonly short?: string
  /** Placeholder for the value in the help, such as FILE or SEC. */
  readonly value?: string
  /** Help text: the value the option sets, with its unit and default. */
  readonly help: string
}

export type OptionSpecs = Readonly<Record<string, OptionSpec>>

/** A command of jot. `run` returns on success and throws a coded error on failure. */
export interface Command {
  /** The words that select the command, such as `verify` or `user add`. */
  readonly name: string
  /** One line for the command list of `jot --help`. */
  readonly summary: string
  /** Synopsis lines, each starting with `jot`. */
  readonly usage: readonly string[]
  /** Paragraphs shown between the synopsis and the options. */
  readonly description: readonly string[]
  readonly options: OptionSpecs
  /** Placeholders of the positional arguments, in order, such as `TOKEN`. */
  readonly positionals: readonly string[]
  /** Whether `--json` failures are written as `{ valid: false, error }`, as verify does. */
  readonly reportsValidity?: boolean
  run(args: ParsedArgs, io: Io): Promise<void>
}

/** Options every command accepts. */
export const COMMON_OPTIONS: OptionSpecs = {
  json: { type: 'boolean', help: 'Write the result as JSON to stdout.' },
  verbose: { type: 'boolean', help: 'On failure, also print the chain of causes to stderr.' },
  help: { type: 'boolean', short: 'h', help: 'Show this help and exit.' },
}

type OptionValue = string | boolean | (string | boolean)[] | undefined

/** Parsed arguments with typed accessors. */
export class ParsedArgs {
  readonly #values: Readonly<Record<string, OptionValue>>
  readonly positionals: readonly string[]

  constructor(values: Readonly<Record<string, OptionValue>>, positionals: readonly string[]) {
    this.#values = values
    this.positionals = positionals
  }

  /** Returns the value of a string option, or undefined when it was not given. */
  string(name: string): string | undefined {
    const value = this.#values[name]
    return typeof value === 'string' ? value : undefined
  }

  /** Returns every value of a repeatable string option, in order. */
  strings(name: string): string[] {
    const value = this.#values[name]
    return Array.isArray(value) ? value.filter((item) => typeof item === 'string') : []
  }

  /** Tells whether a boolean option was given. */
  flag(name: string): boolean {
    return this.#values[name] === true
  }
}

/** Returns whether argv requests help, looking only before a `--` separator. */
export function wantsHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--')
  const options = end === -1 ? argv : argv.slice(0, end)
  return options.includes('--help') || options.includes('-h')
}

/**
 * Parses a command's arguments against its options.
 * @throws JotError `OPTION_INVALID` for an unknown option or a missing value,
 *   `ARGUMENT_INVALID` for too many positional arguments.
 */
export function parseCommandArgs(command: Command, argv: readonly string[]): ParsedArgs {
  const options = { ...command.options, ...COMMON_OPTIONS }
  let parsed: ReturnType<typeof parseArgs>
  try {
    parsed = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true })
  } catch (cause) {
    // parseArgs explains the problem in its first sentence; the rest is about `--` quoting.
    const reason = cause instanceof Error ? (cause.message.split('. ')[0] ?? '') : ''
    throw new JotError(
      'OPTION_INVALID',
      `${reason.replace(/\.$/, '')}. Run "jot ${command.name} --help" for the options.`,
      { cause },
    )
  }
  if (parsed.positionals.length > command.positionals.length) {
    const extra = parsed.positionals[command.positionals.length] ?? ''
    throw new JotError(
      'ARGUMENT_INVALID',
      `Unexpected argument "${extra.slice(0, 32)}": jot ${command.name} takes ` +
        `${describePositionals(command.positionals)}.`,
    )
  }
  return new ParsedArgs(parsed.values, parsed.positionals)
}

function describePositionals(names: readonly string[]): string {
  if (names.length === 0) return 'no arguments'
  return `at most ${names.length} (${names.join(' ')})`
}

const HELP_WIDTH = 100
const OPTION_COLUMN = 28

/** Formats the `--help` text of a command. */
export function formatHelp(command: Command): string {
  const lines = command.usage.map((line, i) => (i === 0 ? 'Usage: ' : '       ') + line)
  for (const paragraph of command.description) lines.push('', ...wrap(paragraph, HELP_WIDTH, ''))
  lines.push('', 'Options:')
  for (const [name, spec] of Object.entries({ ...command.options, ...COMMON_OPTIONS })) {
    lines.push(...formatOption(name, spec))
  }
  return lines.join('\n') + '\n'
}

function formatOption(name: string, spec: OptionSpec): string[] {
  const flag = (spec.short === undefined ? '' : `-${spec.short}, `) + `--${name}`
  const label = '  ' + flag + (spec.value === undefined ? '' : ` ${spec.value}`)
  const indent = ' '.repeat(OPTION_COLUMN)
  const help = wrap(spec.help, HELP_WIDTH, indent)
  if (label.length < OPTION_COLUMN - 1) {
    help[0] = label.padEnd(OPTION_COLUMN) + (help[0] ?? '').trimStart()
    return help
  }
  return [label, ...help]
}

/** Wraps text into lines of at most `width` characters, each starting with `indent`. */
export function wrap(text: string, width: number, indent: string): string[] {
  const lines: string[] = []
  let line = indent
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    if (line.length > indent.length && line.length + 1 + word.length > width) {
      lines.push(line)
      line = indent
    }
    line += (line.length > indent.length ? ' ' : '') + word
  }
  lines.push(line)
  return lines
}
