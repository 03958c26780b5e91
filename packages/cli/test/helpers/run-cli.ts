/**
 * Runs the jot CLI from source: in a child process, as a user runs the installed command, or
 * in-process through the dispatcher for the many cases where spawning would only add time.
 */
import { spawn } from 'node:child_process'
import { PassThrough } from 'node:stream'
import { text } from 'node:stream/consumers'
import { fileURLToPath } from 'node:url'
import { runCli as runDispatcher } from '../../src/run.js'

/** The repository root, where the `@jot/source` condition and tsx resolve. */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url))
const MAIN = fileURLToPath(new URL('../../src/main.ts', import.meta.url))

/** What one run of the CLI printed and returned. */
export interface CliResult {
  readonly code: number | null
  readonly stdout: string
  readonly stderr: string
}

/** Options of one run. */
export interface RunOptions {
  /** Text written to stdin, which is then closed. Default: an empty stdin. */
  readonly stdin?: string | Buffer
  /** Variables added to the environment. */
  readonly env?: Readonly<Record<string, string>>
}

/** Runs `jot ...args` and resolves once the process exits. */
export function runCli(args: readonly string[], options: RunOptions = {}): Promise<CliResult> {
  const child = spawn(
    process.execPath,
    ['--conditions=@jot/source', '--import', 'tsx', MAIN, ...args],
    { cwd: REPO_ROOT, env: { ...process.env, ...options.env }, stdio: 'pipe' },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  child.stdin.end(options.stdin ?? '')
  return new Promise((resolve, reject) => {
    child.on('error', reject)
    child.on('close', (code) => {
      resolve({ code, stdout, stderr })
    })
  })
}

/** Runs the CLI and parses its stdout as JSON. */
export async function runCliJson(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult & { readonly json: unknown }> {
  const result = await runCli(args, options)
  return { ...result, json: JSON.parse(result.stdout) as unknown }
}

/**
 * Runs the dispatcher in this process with in-memory streams. The exit code is what main.ts
 * would set; `serve` never returns here, as no shutdown signal arrives.
 */
export async function runInProcess(
  args: readonly string[],
  options: RunOptions = {},
): Promise<CliResult> {
  const stdin = new PassThrough()
  stdin.end(options.stdin ?? '')
  const stdout = new PassThrough()
  const stderr = new PassThrough()
  const stdoutText = text(stdout)
  const stderrText = text(stderr)
  const code = await runDispatcher(args, {
    stdin,
    stdout,
    stderr,
    env: { ...process.env, ...options.env },
    waitForShutdown: () => new Promise(() => undefined),
  })
  stdout.end()
  stderr.end()
  return { code, stdout: await stdoutText, stderr: await stderrText }
}
