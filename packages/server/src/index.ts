/** @jot/server: the jot token service (Fastify; SQLite, or PostgreSQL and Redis). */
export type { AccessTokenGrant, TokenSubject } from './access-tokens.js'
export { createApp, runMaintenance } from './app.js'
export type { CreateAppOptions } from './app.js'
export { addClient } from './clients.js'
export type { AddClientInput, AddClientOptions, AddedClient } from './clients.js'
export {
  JWKS_MAX_AGE_SEC,
  loadConfig,
  MAX_ACCESS_TOKEN_TTL_SEC,
  parseDatabaseUrl,
} from './config.js'
export type { DatabaseConfig, Environment, RedisConfig, ServerConfig } from './config.js'
export { ServerError, isServerError } from './errors.js'
export type { ServerErrorCode } from './errors.js'
export { listSigningKeys, rotateSigningKey } from './keys/rotation.js'
export type { RotateSigningKeyOptions, RotateSigningKeyResult } from './keys/rotation.js'
export { KEY_RETENTION_SEC } from './keys/schedule.js'
export type { SigningKeyInfo, SigningKeyState } from './keys/schedule.js'
export type { AppLoggerOptions } from './logging.js'
export type { MaintenanceReport } from './maintenance.js'
export { MasterKey } from './master-key.js'
export type { MasterKeySource } from './master-key.js'
export { DEFAULT_SCRYPT_COST, hashPassword, verifyPassword } from './passwords.js'
export type { ScryptCost } from './passwords.js'
export { openStore } from './store/index.js'
export type { OpenStoreOptions } from './store/index.js'
export type {
  ClientRecord,
  GrantType,
  PurgeResult,
  RateLimitCounter,
  RefreshFamilyRecord,
  RefreshRotation,
  RefreshTokenLookup,
  RevocationList,
  RotateRefreshTokenInput,
  SigningKeyRecord,
  Store,
  UserRecord,
  WindowCount,
} from './store/store.js'
export { addUser } from './users.js'
export type { AddUserInput, AddUserOptions, User } from './users.js'
