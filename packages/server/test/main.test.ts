import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { once } from 'node:events'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { makeTempDir, TEST_MASTER_KEY_TEXT } from './fixtures/temp.js'

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..')
const LISTENING = 'jot server listening at '

/** Runs `npm start`'s command with the given variables in place of any JOT_ ones. */
function startMain(variables: Record<string, string>) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !name.startsWith('JOT_') && name !== 'PORT' && name !== 'HOST',
    ),
  )
  const child = spawn(
    process.execPath,
    ['--conditions=@jot/source', '--import', 'tsx', 'packages/server/src/main.ts'],
    { cwd: ROOT, env: { ...env, ...variables }, stdio: ['ignore', 'pipe', 'pipe'] },
  )
  let stderr = ''
  child.stderr.setEncoding('utf8')
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk
  })
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>
  return { child, exited, stderr: () => stderr }
}

// Reads pino lines with next() rather than for-await, because leaving a for-await loop early
// closes the readline interface and the later lines would be lost.
async function readLogUntil(
  lines: AsyncIterator<string>,
  done: (msg: string) => boolean,
): Promise<string[]> {
  const messages: string[] = []
  for (;;) {
    const line = await lines.next()
    if (line.done === true) return messages
    const { msg } = JSON.parse(line.value) as { msg: string }
    messages.push(msg)
    if (done(msg)) return messages
  }
}

test('main serves and stops on SIGTERM', async (t) => {
  const dir = makeTempDir(t)
  const { child, exited, stderr } = startMain({
    PORT: '0',
    JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}`,
    JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT,
  })
  t.after(() => child.kill())
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()

  const started = await readLogUntil(lines, (msg) => msg.startsWith(LISTENING))
  const url = started.at(-1)!.slice(LISTENING.length)
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+$/)
  assert.deepEqual(started, ['signing key created', `${LISTENING}${url}`])

  const health = await fetch(`${url}/health`)
  assert.deepEqual(await health.json(), { status: 'ok' })

  child.kill('SIGTERM')
  const stopping = await readLogUntil(lines, (msg) => msg === 'stopped')
  assert.deepEqual(stopping.slice(-2), ['stopping', 'stopped'])
  assert.deepEqual(await exited, [0, null])
  assert.equal(stderr(), '')
})

test('main reports configuration error', async () => {
  const { exited, stderr } = startMain({ JOT_DATABASE_URL: 'postgres://db.internal/jot' })

  assert.deepEqual(await exited, [1, null])
  assert.equal(
    stderr(),
    'jot server failed to start: STORE_UNSUPPORTED: PostgreSQL support is not available yet; ' +
      'set JOT_DATABASE_URL to sqlite:PATH.\n',
  )
})

test('main reports wrong master key', async (t) => {
  const dir = makeTempDir(t)
  const variables = { PORT: '0', JOT_DATABASE_URL: `sqlite:${join(dir, 'jot.db')}` }
  const first = startMain({ ...variables, JOT_MASTER_KEY: TEST_MASTER_KEY_TEXT })
  const lines = createInterface({ input: first.child.stdout })[Symbol.asyncIterator]()
  const started = await readLogUntil(lines, (msg) => msg.startsWith(LISTENING))
  assert.equal(started[0], 'signing key created')
  first.child.kill('SIGINT')
  assert.deepEqual(await first.exited, [0, null])

  const second = startMain({
    ...variables,
    JOT_MASTER_KEY: Buffer.alloc(32, 7).toString('base64url'),
  })

  assert.deepEqual(await second.exited, [1, null])
  assert.match(
    second.stderr(),
    /^jot server failed to start: MASTER_KEY_MISMATCH: The signing key [\w-]{43} cannot be decrypted with the configured master key\. Set JOT_MASTER_KEY to the key it was stored with; the server never replaces a stored key\.\n$/,
  )
})
