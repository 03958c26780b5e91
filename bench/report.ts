/** Result types of a benchmark run and their text and JSON forms. */
import type { Column } from './contender.js'

export type Operation = 'sign' | 'verify' | 'encrypt' | 'decrypt'

/**
 * One contender's result in one row. Each ratio is the median over rounds of this contender's
 * rate divided by the floor's or the best peer's rate in the same round. A ratio is null when
 * the floor or every peer failed.
 */
export type Cell =
  | {
      readonly column: Column
      readonly status: 'ok'
      /** Median over the rounds. */
      readonly opsPerSec: number
      readonly roundOpsPerSec: readonly number[]
      /** (max - min) / median of the round rates. */
      readonly spread: number
      readonly ratioToFloor: number | null
      readonly ratioToBestPeer: number | null
    }
  | { readonly column: Column; readonly status: 'failed'; readonly reason: string }
  | { readonly column: Column; readonly status: 'n/a' }

export interface Row {
  /** The JWS algorithm, or the JWE key management and content encryption algorithms. */
  readonly label: string
  readonly operation: Operation
  /** Median over all rounds of the CPU that other processes used, in cores, or null if none ran. */
  readonly otherLoad: number | null
  readonly cells: readonly Cell[]
}

export interface Environment {
  readonly node: string
  readonly cpu: string
  readonly cores: number
  readonly date: string
  readonly rounds: number
  readonly roundMs: number
  readonly tokenBytes: number
}

export interface RunResult {
  readonly environment: Environment
  readonly rows: readonly Row[]
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })

function formatRatio(ratio: number | null): string {
  return ratio === null ? '-' : ratio.toFixed(2)
}

/** Formats the header lines: Node.js version, CPU, date and timing settings. */
export function formatEnvironment(environment: Environment): string {
  return [
    `Node.js ${environment.node}, ${environment.cpu}, ${environment.cores} cores`,
    environment.date,
    `${environment.rounds} rounds of ${environment.roundMs} ms per contender, ` +
      `median ops/s; token of ${environment.tokenBytes} bytes`,
  ].join('\n')
}

function padRow(values: readonly string[], widths: readonly number[]): string {
  return values
    .map((value, index) =>
      index === 0 ? value.padEnd(widths[0]!) : value.padStart(widths[index]!),
    )
    .join('  ')
    .trimEnd()
}

/** Formats one row as a small table: ops/s, ratio to the floor and to the best peer, spread. */
export function formatRow(row: Row): string {
  const widths = [16, 12, 7, 10, 7]
  const lines = [
    row.otherLoad === null
      ? `${row.label} ${row.operation}`
      : `${row.label} ${row.operation} (other processes: ${row.otherLoad.toFixed(2)} cores)`,
    padRow(['', 'ops/s', 'floor', 'best peer', 'spread'], widths),
  ]
  for (const cell of row.cells) {
    switch (cell.status) {
      case 'ok':
        lines.push(
          padRow(
            [
              cell.column,
              integer.format(cell.opsPerSec),
              formatRatio(cell.ratioToFloor),
              formatRatio(cell.ratioToBestPeer),
              `${(cell.spread * 100).toFixed(1)}%`,
            ],
            widths,
          ),
        )
        break
      case 'failed':
        lines.push(`${cell.column.padEnd(widths[0]!)}  FAILED: ${cell.reason}`)
        break
      case 'n/a':
        lines.push(padRow([cell.column, 'n/a'], widths))
        break
    }
  }
  return lines.join('\n')
}

function summaryCell(cell: Cell | undefined): string {
  if (cell === undefined) {
    return '-'
  }
  switch (cell.status) {
    case 'ok':
      return `${integer.format(cell.opsPerSec)} (${formatRatio(cell.ratioToFloor)})`
    case 'failed':
      return 'failed'
    case 'n/a':
      return 'n/a'
  }
}

/** Returns jot's fastest uncached cell: prepared where jot has prepared functions, else async. */
function jotCell(row: Row): Cell | undefined {
  const prepared = row.cells.find((c) => c.column === 'jot prepared')
  if (prepared?.status === 'ok') return prepared
  return row.cells.find((c) => c.column === 'jot async')
}

/**
 * Formats every row as one Markdown table: ops/s with the ratio to the floor in brackets, and
 * in the last column jot (prepared, or async where jot has no prepared function) against the
 * best peer.
 */
export function formatSummary(rows: readonly Row[], columns: readonly Column[]): string {
  const header = ['row', ...columns, 'jot / best peer']
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => ' --- |').join('')}`]
  for (const row of rows) {
    const cells = columns.map((column) => summaryCell(row.cells.find((c) => c.column === column)))
    const jot = jotCell(row)
    const versusPeer = jot?.status === 'ok' ? formatRatio(jot.ratioToBestPeer) : '-'
    lines.push(`| ${[`${row.label} ${row.operation}`, ...cells, versusPeer].join(' | ')} |`)
  }
  return lines.join('\n')
}
