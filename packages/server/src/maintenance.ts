/** Scheduled upkeep of one instance: key rotation and reloading, and purging expired records. */
import type { FastifyBaseLogger } from 'fastify'
import type { SigningKeySet } from './keys/key-set.js'
import { rotateIfDue } from './keys/rotation.js'
import { KEY_RETENTION_SEC } from './keys/schedule.js'
import type { SigningKeyInfo } from './keys/schedule.js'
import type { MasterKey } from './master-key.js'
import type { MemoryCounter } from './store/memory-counter.js'
import type { PurgeResult, Store } from './store/store.js'

/** Result of one maintenance run. */
export interface MaintenanceReport {
  /** The key this instance added, or undefined when no rotation was due or another won. */
  readonly rotated: SigningKeyInfo | undefined
  /** Kids of keys loaded from the store that this instance did not hold before. */
  readonly loaded: readonly string[]
  readonly purged: PurgeResult
}

/** Dependencies and settings of the maintenance runs. */
export interface MaintenanceOptions {
  readonly store: Store
  readonly keys: SigningKeySet
  readonly masterKey: MasterKey
  /** Counters to purge when they live in memory. */
  readonly memoryCounter: MemoryCounter | undefined
  readonly settings: {
    readonly keyRotationIntervalSec: number
    readonly keyPrepublishSec: number
    readonly maintenanceIntervalSec: number
  }
  readonly now: () => number
  readonly log: FastifyBaseLogger
}

/** Runs maintenance now and on a timer. */
export interface Maintenance {
  /** Runs once now; a run already in progress is awaited instead of starting another. */
  run(): Promise<MaintenanceReport>
  /** Starts the timer. It does not keep the process alive. */
  start(): void
  /** Stops the timer and waits for a run in progress. */
  stop(): Promise<void>
}

/**
 * Creates the maintenance of one instance. Every instance runs it: rotation is a conditional
 * insert that only one instance wins, reloading picks up keys that another instance added,
 * and purging the same records twice deletes nothing the second time.
 */
export function createMaintenance(options: MaintenanceOptions): Maintenance {
  let running: Promise<MaintenanceReport> | undefined
  let timer: NodeJS.Timeout | undefined

  function run(): Promise<MaintenanceReport> {
    running ??= runOnce(options).finally(() => {
      running = undefined
    })
    return running
  }

  function tick(): void {
    run().catch((error: unknown) => {
      // The next tick retries; until then the instance keeps the keys it holds.
      options.log.error({ err: error }, 'maintenance failed')
    })
  }

  return {
    run,
    start() {
      timer ??= setInterval(tick, options.settings.maintenanceIntervalSec * 1000)
      timer.unref()
    },
    async stop() {
      clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}

async function runOnce(options: MaintenanceOptions): Promise<MaintenanceReport> {
  const { store, settings, log } = options
  const now = options.now()
  const rotated =
    settings.keyRotationIntervalSec === 0
      ? undefined
      : await rotateIfDue(store, {
          masterKey: options.masterKey,
          now,
          intervalSec: settings.keyRotationIntervalSec,
          prepublishSec: settings.keyPrepublishSec,
        })
  if (rotated !== undefined) {
    log.info(
      { kid: rotated.kid, generation: rotated.generation, activatesAt: rotated.activatesAt },
      'signing key rotated',
    )
  }

  const loaded = await options.keys.reload(store)
  if (loaded.length > 0) log.info({ kids: loaded }, 'signing keys loaded')

  const purged = await store.purgeExpired(now, KEY_RETENTION_SEC)
  options.memoryCounter?.purge(now)
  if (purged.refreshFamilies + purged.revokedAccessTokens + purged.signingKeys > 0) {
    log.info(purged, 'expired records purged')
  }
  return { rotated, loaded, purged }
}
