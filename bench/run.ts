/**
 * Benchmark entry point: jot against jose, jsonwebtoken, fast-jwt and the node:crypto floor,
 * in one process, with the contenders of each row interleaved round by round.
 */
import { availableParallelism, cpus } from 'node:os'
import { parseArgs } from 'node:util'
import type { Column, Contender, Implementation } from './contender.js'
import { COLUMNS, PEER_COLUMNS } from './contender.js'
import { createFloorSigner, createFloorVerifier, floor } from './floor.js'
import { checkSigner, checkVerifier } from './gate.js'
import { jotAsync, jotPrepared } from './jot.js'
import { BENCH_ALGORITHMS, generateKeyMaterial, type BenchAlgorithm } from './keys.js'
import { measureInterleaved, median, type MeasureOptions, type Task } from './measure.js'
import { fastJwt, jose, jsonWebToken } from './peers.js'
import type { Cell, Environment, Operation, Row, RunResult } from './report.js'
import { formatEnvironment, formatRow, formatSummary } from './report.js'
import { CLAIMS, type Claims } from './token.js'

const CONTENDERS: readonly Contender[] = [floor, jotPrepared, jotAsync, jose, jsonWebToken, fastJwt]

const FULL: MeasureOptions = { rounds: 7, roundMs: 150, warmupMs: 300 }
const QUICK: MeasureOptions = { rounds: 3, roundMs: 40, warmupMs: 40 }

const USAGE = `Usage: npm run bench -- [--quick] [--json] [--rounds N] [--rows ${BENCH_ALGORITHMS.join(',')}]`

interface RunOptions {
  readonly json: boolean
  readonly algorithms: readonly BenchAlgorithm[]
  readonly measure: MeasureOptions
}

/** A contender after key import: ready to run, failed to prepare, or without the algorithm. */
type Prepared =
  | { readonly column: Column; readonly status: 'ready'; readonly implementation: Implementation }
  | { readonly column: Column; readonly status: 'failed'; readonly reason: string }
  | { readonly column: Column; readonly status: 'n/a' }

function parseOptions(args: readonly string[]): RunOptions {
  const { values } = parseArgs({
    args: [...args],
    options: {
      json: { type: 'boolean', default: false },
      quick: { type: 'boolean', default: false },
      rows: { type: 'string' },
      rounds: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  })
  const measure = values.quick ? QUICK : FULL
  return {
    json: values.json,
    algorithms: values.rows === undefined ? BENCH_ALGORITHMS : parseRows(values.rows),
    measure:
      values.rounds === undefined ? measure : { ...measure, rounds: parseRounds(values.rounds) },
  }
}

function parseRounds(text: string): number {
  const rounds = Number(text)
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > 99) {
    throw new Error(`Invalid --rounds "${text}"; use a whole number from 1 to 99.`)
  }
  return rounds
}

function parseRows(list: string): BenchAlgorithm[] {
  return list.split(',').map((name) => {
    const found = BENCH_ALGORITHMS.find((alg) => alg.toLowerCase() === name.trim().toLowerCase())
    if (found === undefined) {
      throw new Error(`Unknown row "${name}" in --rows; use ${BENCH_ALGORITHMS.join(', ')}.`)
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

async function prepareContender(
  contender: Contender,
  material: ReturnType<typeof generateKeyMaterial>,
): Promise<Prepared> {
  const column = contender.column
  if (contender.unsupported?.includes(material.alg)) {
    return { column, status: 'n/a' }
  }
  try {
    return { column, status: 'ready', implementation: await contender.prepare(material) }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    return { column, status: 'failed', reason: `key import failed: ${reason}` }
  }
}

function createTask(implementation: Implementation, operation: Operation, token: string): Task {
  if (implementation.mode === 'sync') {
    const { sign, verify } = implementation
    return operation === 'sign'
      ? { mode: 'sync', run: () => sign(CLAIMS) }
      : { mode: 'sync', run: () => verify(token) }
  }
  const { sign, verify } = implementation
  return operation === 'sign'
    ? { mode: 'async', run: () => sign(CLAIMS) }
    : { mode: 'async', run: () => verify(token) }
}

async function gate(
  prepared: Prepared,
  operation: Operation,
  floorVerify: (token: string) => Claims,
  floorToken: string,
): Promise<Prepared> {
  if (prepared.status !== 'ready') {
    return prepared
  }
  const failure =
    operation === 'sign'
      ? await checkSigner(prepared.implementation, floorVerify)
      : await checkVerifier(prepared.implementation, floorToken)
  if (failure === undefined) {
    return prepared
  }
  return { column: prepared.column, status: 'failed', reason: `correctness gate: ${failure}` }
}

/**
 * Returns the median over rounds of `values[r] / reference[r]`. Both ran in the same round,
 * under the same background load, so the ratio holds steadier than a ratio of medians.
 */
function pairedRatio(
  values: readonly number[],
  reference: readonly number[] | undefined,
): number | null {
  if (reference === undefined || reference.length !== values.length) {
    return null
  }
  return median(values.map((value, round) => value / reference[round]!))
}

/** Returns the best peer's rate in each round, or undefined when no peer was timed. */
function bestPeerRates(rates: ReadonlyMap<Column, readonly number[]>): number[] | undefined {
  const peers = PEER_COLUMNS.map((column) => rates.get(column)).filter(
    (values) => values !== undefined,
  )
  if (peers.length === 0) {
    return undefined
  }
  return peers[0]!.map((_, round) => Math.max(...peers.map((values) => values[round]!)))
}

/** Turns round rates into cells, with ratios to the floor and to the best peer. */
function buildCells(
  gated: readonly Prepared[],
  rates: ReadonlyMap<Column, readonly number[]>,
): Cell[] {
  const floorRates = rates.get('floor')
  const bestPeer = bestPeerRates(rates)

  return gated.map((prepared): Cell => {
    const values = rates.get(prepared.column)
    if (prepared.status !== 'ready' || values === undefined) {
      return prepared.status === 'failed'
        ? { column: prepared.column, status: 'failed', reason: prepared.reason }
        : { column: prepared.column, status: 'n/a' }
    }
    const opsPerSec = median(values)
    return {
      column: prepared.column,
      status: 'ok',
      opsPerSec,
      roundOpsPerSec: values,
      spread: (Math.max(...values) - Math.min(...values)) / opsPerSec,
      ratioToFloor: pairedRatio(values, floorRates),
      ratioToBestPeer: pairedRatio(values, bestPeer),
    }
  })
}

async function benchOperation(
  alg: BenchAlgorithm,
  operation: Operation,
  contenders: readonly Prepared[],
  floorVerify: (token: string) => Claims,
  floorToken: string,
  options: MeasureOptions,
): Promise<Row> {
  const gated: Prepared[] = []
  for (const prepared of contenders) {
    gated.push(await gate(prepared, operation, floorVerify, floorToken))
  }
  const ready = gated.filter((prepared) => prepared.status === 'ready')

  process.stderr.write(`${alg} ${operation}: timing ${ready.length} contenders\n`)
  const tasks = ready.map((prepared) => createTask(prepared.implementation, operation, floorToken))
  const samples = await measureInterleaved(tasks, options)
  const rates = new Map(
    ready.map((prepared, index) => [
      prepared.column,
      samples[index]!.map((sample) => sample.opsPerSec),
    ]),
  )
  const loads = samples.flat().map((sample) => sample.otherLoad)
  const otherLoad = loads.length === 0 ? null : median(loads)

  return { alg, operation, otherLoad, cells: buildCells(gated, rates) }
}

async function benchAlgorithm(alg: BenchAlgorithm, options: MeasureOptions): Promise<[Row, Row]> {
  const material = generateKeyMaterial(alg)
  const floorVerify = createFloorVerifier(material)
  const floorToken = createFloorSigner(material)(CLAIMS)
  const contenders: Prepared[] = []
  for (const contender of CONTENDERS) {
    contenders.push(await prepareContender(contender, material))
  }

  const signRow = await benchOperation(alg, 'sign', contenders, floorVerify, floorToken, options)
  const verifyRow = await benchOperation(
    alg,
    'verify',
    contenders,
    floorVerify,
    floorToken,
    options,
  )
  return [signRow, verifyRow]
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

  const environment = describeEnvironment(options.measure)
  if (!options.json) {
    process.stdout.write(`${formatEnvironment(environment)}\n\n`)
  }
  const rows: Row[] = []
  for (const alg of options.algorithms) {
    for (const row of await benchAlgorithm(alg, options.measure)) {
      rows.push(row)
      if (!options.json) {
        process.stdout.write(`${formatRow(row)}\n\n`)
      }
    }
  }

  if (options.json) {
    const result: RunResult = { environment, rows }
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`)
    return
  }
  process.stdout.write(`${formatSummary(rows, COLUMNS)}\n`)
}

await main()
