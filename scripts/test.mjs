// Runs every *.test.ts under packages/, examples/ and bench/ with node's test runner, through tsx.
// Node 20's --test does not expand globs itself, so the files are listed here.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

function findTests(dir) {
  const found = []
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (name === 'node_modules' || name === 'fixtures') continue
    if (statSync(path).isDirectory()) found.push(...findTests(path))
    else if (name.endsWith('.test.ts')) found.push(path)
  }
  return found
}

const roots = process.argv.length > 2 ? process.argv.slice(2) : ['packages', 'examples', 'bench']
const files = roots
  .flatMap((root) => (statSync(root).isDirectory() ? findTests(root) : [root]))
  .sort()
if (files.length === 0) {
  console.error('No test files found under ' + roots.join(', '))
  process.exit(1)
}
// The spec reporter is for people; a TAP copy in a temporary file gives the totals for the
// plain closing line that CI reads.
const tapDir = mkdtempSync(join(tmpdir(), 'jot-test-'))
const tapFile = join(tapDir, 'report.tap')
const result = spawnSync(
  process.execPath,
  [
    '--conditions=@jot/source',
    '--import',
    'tsx',
    '--test',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tapFile}`,
    ...files,
  ],
  { stdio: 'inherit' },
)
const tap = readFileSync(tapFile, 'utf8')
rmSync(tapDir, { recursive: true, force: true })
const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0)
console.log(`${count('pass')} passed, ${count('fail')} failed, ${count('skipped')} skipped`)
process.exit(result.status ?? 1)
