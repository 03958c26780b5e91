/**
 * One pair of rows (sign and verify, or encrypt and decrypt) for one key: prepare every
 * contender, gate it, time it interleaved, and turn the rates into cells.
 */
import type { Column, Contender, Implementation } from './contender.js'
import { PEER_COLUMNS } from './contender.js'
import { checkCreator, checkReader } from './gate.js'
import { measureInterleaved, median, type MeasureOptions, type Task } from './measure.js'
import type { Cell, Operation, Row } from './report.js'
import { CLAIMS, type Claims } from './token.js'

/** A contender after key import: ready to run, failed to prepare, or without the algorithm. */
type Prepared =
  | { readonly column: Column; readonly status: 'ready'; readonly implementation: Implementation }
  | { readonly column: Column; readonly status: 'failed'; readonly reason: string }
  | { readonly column: Column; readonly status: 'n/a' }

/** A contender ready for one operation: its call as a task, or why it has none. */
type Gated =
  | { readonly column: Column; readonly status: 'ready'; readonly task: Task }
  | { readonly column: Column; readonly status: 'failed'; readonly reason: string }
  | { readonly column: Column; readonly status: 'n/a' }

/** The inputs of one pair of rows: the key, the contenders, and the floor's two functions. */
export interface RowPair<M extends { readonly alg: string }> {
  readonly label: string
  readonly material: M
  readonly contenders: readonly Contender<M>[]
  readonly operations: readonly [create: Operation, read: Operation]
  readonly floorCreate: (claims: Claims) => string
  readonly floorRead: (token: string) => Claims
}

async function prepareContender<M extends { readonly alg: string }>(
  contender: Contender<M>,
  material: M,
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

function createTask(
  implementation: Implementation,
  create: boolean,
  token: string,
): Task | undefined {
  if (implementation.mode === 'sync') {
    const { createToken, readToken } = implementation
    if (create) return createToken && { mode: 'sync', run: () => createToken(CLAIMS) }
    return readToken && { mode: 'sync', run: () => readToken(token) }
  }
  const { createToken, readToken } = implementation
  if (create) return createToken && { mode: 'async', run: () => createToken(CLAIMS) }
  return readToken && { mode: 'async', run: () => readToken(token) }
}

async function gate<M extends { readonly alg: string }>(
  prepared: Prepared,
  create: boolean,
  pair: RowPair<M>,
  floorToken: string,
): Promise<Gated> {
  if (prepared.status !== 'ready') return prepared
  const { column, implementation } = prepared
  const task = createTask(implementation, create, floorToken)
  if (task === undefined) return { column, status: 'n/a' }
  const failure = create
    ? await checkCreator((claims) => implementation.createToken!(claims), pair.floorRead)
    : await checkReader((token) => implementation.readToken!(token), floorToken)
  if (failure === undefined) return { column, status: 'ready', task }
  return { column, status: 'failed', reason: `correctness gate: ${failure}` }
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
  gated: readonly Gated[],
  rates: ReadonlyMap<Column, readonly number[]>,
): Cell[] {
  const floorRates = rates.get('floor')
  const bestPeer = bestPeerRates(rates)

  return gated.map((entry): Cell => {
    const values = rates.get(entry.column)
    if (entry.status !== 'ready' || values === undefined) {
      return entry.status === 'failed'
        ? { column: entry.column, status: 'failed', reason: entry.reason }
        : { column: entry.column, status: 'n/a' }
    }
    const opsPerSec = median(values)
    return {
      column: entry.column,
      status: 'ok',
      opsPerSec,
      roundOpsPerSec: values,
      spread: (Math.max(...values) - Math.min(...values)) / opsPerSec,
      ratioToFloor: pairedRatio(values, floorRates),
      ratioToBestPeer: pairedRatio(values, bestPeer),
    }
  })
}

async function benchOperation<M extends { readonly alg: string }>(
  pair: RowPair<M>,
  create: boolean,
  contenders: readonly Prepared[],
  floorToken: string,
  options: MeasureOptions,
): Promise<Row> {
  const operation = create ? pair.operations[0] : pair.operations[1]
  const gated: Gated[] = []
  for (const prepared of contenders) {
    gated.push(await gate(prepared, create, pair, floorToken))
  }
  const ready = gated.filter((entry) => entry.status === 'ready')

  process.stderr.write(`${pair.label} ${operation}: timing ${ready.length} contenders\n`)
  const samples = await measureInterleaved(
    ready.map((entry) => entry.task),
    options,
  )
  const rates = new Map(
    ready.map((entry, index) => [entry.column, samples[index]!.map((sample) => sample.opsPerSec)]),
  )
  const loads = samples.flat().map((sample) => sample.otherLoad)
  const otherLoad = loads.length === 0 ? null : median(loads)

  return { label: pair.label, operation, otherLoad, cells: buildCells(gated, rates) }
}

/** Prepares, gates and times both rows of a pair: token creation first, then reading. */
export async function benchRowPair<M extends { readonly alg: string }>(
  pair: RowPair<M>,
  options: MeasureOptions,
): Promise<[Row, Row]> {
  const floorToken = pair.floorCreate(CLAIMS)
  const contenders: Prepared[] = []
  for (const contender of pair.contenders) {
    contenders.push(await prepareContender(contender, pair.material))
  }
  const createRow = await benchOperation(pair, true, contenders, floorToken, options)
  const readRow = await benchOperation(pair, false, contenders, floorToken, options)
  return [createRow, readRow]
}
