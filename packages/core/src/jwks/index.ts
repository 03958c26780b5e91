/** JWK Sets: local sets imported once, and remote sets fetched and cached. */
export { localKeySet } from './local-key-set.js'
export type { LocalKeySet } from './local-key-set.js'
export { remoteKeySet } from './remote-key-set.js'
export type { RemoteKeySet, RemoteKeySetOptions } from './remote-key-set.js'
export type { LocalKeySetOptions } from './options.js'
export type { JwkSet, SkippedKey } from './key-index.js'
export type { FetchFunction } from './fetch-jwks.js'
export type { RemoteKeySetSnapshot } from './snapshot.js'
