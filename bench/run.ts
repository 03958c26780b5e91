/**
 * Benchmark entry point: jot against jose, jsonwebtoken, fast-jwt and the node:crypto floor,
 * in one process, with the contenders of each row interleaved round by round. `--memory` and
 * `--growth` run the other modes instead.
 */
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import type { Column, Contender } from './contender.js'
import { COLUMNS } from './contender.js'
import { createFloorSigner, createFloorVerifier, floor } from './floor.js'
import { createFloorDecrypter, createFloorEncrypter, floorJwe } from './floor-jwe.js'
import { runGrowth } from './growth.js'
import { jotAsync, jotCached, jotJwe, jotPrepared } from './jot.js'
import { JWE_ALGORITHMS, JWE_ENC, generateJweKeyMaterial, type JweAlgorithm } from './jwe-keys.js'
import { type JweKeyMaterial } from './jwe-keys.js'
import { BENCH_ALGORITHMS, generateKeyMaterial, type BenchAlgorithm } from './keys.js'
import type { KeyMaterial } from './keys.js'
import type { MeasureOptions } from './measure.js'
import { runMemory } from './memory.js'
import { fastJwt, fastJwtCached, jose, joseJwe, jsonWebToken } from './peers.js'
import type { Environment, Row, RunResult } from './report.js'
import { formatEnvironment, formatRow, formatSummary } from './report.js'
import { benchRowPair } from './rows.js'
import { CLAIMS } from './token.js'

/** Returns a column with nothing to run in the JWE rows, so its cells read n/a. */
function withoutJwe(column: Column): Contender<JweKeyMaterial> {
  return {
    column,
    unsupported: JWE_ALGORITHMS,
    prepare: () => Promise.reject(new Error(`${column} has no JWE.`)),
  }
}

const JWS_CONTENDERS: readonly Contender<KeyMaterial>[] = [
  floor,
  jotPrepared,
  jotCached,
  jotAsync,
  jose,
  jsonWebToken,
  fastJwt,
  fastJwtCached,
]

const JWE_CONTENDERS: readonly Contender<JweKeyMaterial>[] = [
  floorJwe,
  withoutJwe('jot prepared'),
  withoutJwe('jot cached'),
  jotJwe,
  joseJwe,
  withoutJwe('jsonwebtoken'),
  withoutJwe('fast-jwt'),
  withoutJwe('fast-jwt cached'),
]

const FULL: MeasureOptions = { rounds: 7, roundMs: 150, warmupMs: 300 }
const QUICK: MeasureOptions = { rounds: 3, roundMs: 40, warmupMs: 40 }

const ROW_NAMES: readonly string[] = [...BENCH_ALGORITHMS, ...JWE_ALGORITHMS]

const USAGE = [
  `Usage: npm run bench -- [--quick] [--json] [--rounds N] [--rows ${ROW_NAMES.join(',')}]`,
  '       npm run bench -- --memory [--quick]',
  '       npm run bench -- --growth [--quick] [--rounds N]',
].join('\n')

type Mode = 'rows' | 'memory' | 'growth'

interface RunOptions {
  readonly mode: Mode
  readonly json: boolean
  readonly quick: boolean
  readonly algorithms: readonly BenchAlgorithm[]
  readonly jweAlgorithms: readonly JweAlgorithm[]
  readonly measure: MeasureOptions
}

function parseOptions(args: readonly string[]): RunOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      memory: { type: 'boolean', default: false },
      growth: { type: 'boolean', default: false },
      rows: { type: 'string' },
      rounds: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  if (values.memory && values.growth) {
    throw new Error('Use --memory or --growth, not both.')
  }
  const measure = values.quick ? QUICK : FULL
  const rows = values.rows === undefined ? ROW_NAMES : parseRows(values.rows)
  return {
    mode: selectMode(values.memory, values.growth),
    json: values.json,
    quick: values.quick,
    algorithms: BENCH_ALGORITHMS.filter((alg) => rows.includes(alg)),
    jweAlgorithms: JWE_ALGORITHMS.filter((alg) => rows.includes(alg)),
    measure:
      values.rounds === undefined ? measure : { ...measure, rounds: parseRounds(values.rounds) },
  }
}

function selectMode(memory: boolean, growth: boolean): Mode {
  if (memory) return 'memory'
  if (growth) return 'growth'
  return 'rows'
}

function parseRounds(text: string): number {
  const rounds = Number(text)
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 99) {
    throw new Error(`Invalid --rounds "${text}"; use a whole number from 1 to 99.`)
  }
  return rounds
}

function parseRows(list: string): string[] {
  return list.split(',').map((name) => {
    const found = ROW_NAMES.find((row) => row.toLowerCase() === name.trim().toLowerCase())
    if (found === undefined) {
      throw new Error(`Unknown row "${name}" in --rows; use ${ROW_NAMES.join(', ')}.`)
    }
    return found
  })
}

function describeEnvironment(options: MeasureOptions): Environment {
  return {
    node: process.version,
    cpu: cpus()[0]?.model.trim() ?? 'unknown CPU',
    cores: availableParallelism(),
    date: new Date().toISOString(),
    rounds: options.rounds,
    roundMs: options.roundMs,
    tokenBytes: Buffer.byteLength(JSON.stringify(CLAIMS)),
  }
}

/** Yields every pair of rows the options select: JWS algorithms first, then JWE ones. */
async function* benchRows(options: RunOptions): AsyncGenerator<Row> {
  for (const alg of options.algorithms) {
    const material = generateKeyMaterial(alg)
    yield* await benchRowPair(
      {
        label: alg,
        material,
        contenders: JWS_CONTENDERS,
        operations: ['sign', 'verify'],
        floorCreate: createFloorSigner(material),
        floorRead: createFloorVerifier(material),
      },
      options.measure,
    )
  }
  for (const alg of options.jweAlgorithms) {
    const material = generateJweKeyMaterial(alg)
    yield* await benchRowPair(
      {
        label: `${alg} ${JWE_ENC}`,
        material,
        contenders: JWE_CONTENDERS,
        operations: ['encrypt', 'decrypt'],
        floorCreate: createFloorEncrypter(material),
        floorRead: createFloorDecrypter(material),
      },
      options.measure,
    )
  }
}

async function runRows(options: RunOptions): Promise<void> {
  const environment = describeEnvironment(options.measure)
  if (!options.json) {
    process.stdout.write(`${formatEnvironment(environment)}\n\n`)
  }
  const rows: Row[] = []
  for await (const row of benchRows(options)) {
    rows.push(row)
    if (!options.json) {
      process.stdout.write(`${formatRow(row)}\n\n`)
    }
  }

  if (options.json) {
    const result: RunResult = { environment, rows }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  process.stdout.write(`${formatSummary(rows, COLUMNS)}\n`)
}

async function main(): Promise<void> {
  let options: RunOptions
  try {
    options = parseOptions(process.argv.slice(2))
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`)
    process.exitCode = 2
    return
  }
  switch (options.mode) {
    case 'rows':
      return runRows(options)
    case 'memory':
      return runMemory({ quick: options.quick, json: options.json })
    case 'growth':
      return runGrowth({ quick: options.quick, json: options.json, measure: options.measure })
  }
}

await main()
