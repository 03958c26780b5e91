/** Interleaved timing: every task runs once per round, in an order that rotates each round. */
import { cpus } from 'node:os'

/** A call to time, synchronous or awaited. */
export type Task =
  | { readonly mode: 'sync'; readonly run: () => unknown }
  | { readonly mode: 'async'; readonly run: () => Promise<unknown> }

export interface MeasureOptions {
  readonly rounds: number
  /** Time each task runs per round, in milliseconds. */
  readonly roundMs: number
  /** Untimed run of each task before the first round, in milliseconds. */
  readonly warmupMs: number
}

/** One task's result in one round. */
export interface RoundSample {
  readonly opsPerSec: number
  /**
   * CPU time that other processes used during the round, in cores: busy time of all cores
   * minus this process's CPU time, over wall time. The operating system counts in ticks of
   * about 10 ms, so values within about 0.1 of zero mean an idle machine.
   */
  readonly otherLoad: number
}

function busyMsOfAllCores(): number {
  let busy = 0
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq
  }
  return busy
}

// A clock read costs tens of nanoseconds, a fair share of a one-microsecond HMAC, so the
// loop reads it once per batch, and a batch is sized to about 1/30 of a round.
const BATCHES_PER_ROUND = 30

async function runBatch(task: Task, size: number): Promise<void> {
  if (task.mode === 'sync') {
    for (let i = 0; i < size; i++) {
      task.run()
    }
    return
  }
  for (let i = 0; i < size; i++) {
    await task.run()
  }
}

/** Runs a task in batches for at least `durationMs`. */
async function runFor(task: Task, batchSize: number, durationMs: number): Promise<RoundSample> {
  const busyStart = busyMsOfAllCores()
  const ownStart = process.cpuUsage()
  const start = performance.now()
  let operations = 0
  let elapsed: number
  do {
    await runBatch(task, batchSize)
    operations += batchSize
    elapsed = performance.now() - start
  } while (elapsed < durationMs)
  const own = process.cpuUsage(ownStart)
  const busyMs = busyMsOfAllCores() - busyStart
  const ownMs = (own.user + own.system) / 1000

  return {
    opsPerSec: (operations / elapsed) * 1000,
    otherLoad: Math.max(0, busyMs - ownMs) / elapsed,
  }
}

/**
 * Times the tasks round by round. Round r starts with task r mod n, so no task always runs
 * first or always right after the same neighbour.
 */
export async function measureInterleaved(
  tasks: readonly Task[],
  options: MeasureOptions,
): Promise<RoundSample[][]> {
  const batchSizes: number[] = []
  for (const task of tasks) {
    const { opsPerSec } = await runFor(task, 1, options.warmupMs)
    const perRound = (opsPerSec * options.roundMs) / 1000
    batchSizes.push(Math.max(1, Math.round(perRound / BATCHES_PER_ROUND)))
  }

  const samples: RoundSample[][] = tasks.map(() => [])
  for (let round = 0; round < options.rounds; round++) {
    for (let offset = 0; offset < tasks.length; offset++) {
      const index = (round + offset) % tasks.length
      samples[index]!.push(await runFor(tasks[index]!, batchSizes[index]!, options.roundMs))
    }
  }
  return samples
}

/** Returns the median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  if (sorted.length % 2 === 1) {
    return sorted[middle]!
  }
  return (sorted[middle - 1]! + sorted[middle]!) / 2
}
