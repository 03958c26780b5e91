/** Starts the token service on port 3001 and the shop API on port 3002, until Ctrl-C. */
import { AUDIENCE, CUSTOMER, ISSUER, STAFF, startAuthService } from './auth-service.js'
import { listen } from './listen.js'
import { createShopApi } from './shop-api.js'

const AUTH_PORT = 3001
const SHOP_PORT = 3002

// Only warnings from the service, so its log does not bury the instructions below.
const authService = await startAuthService({ port: AUTH_PORT, logger: { level: 'warn' } })
const shopApi = createShopApi({ authUrl: authService.url, issuer: ISSUER, audience: AUDIENCE })
const shop = await listen(shopApi, SHOP_PORT).catch(async (error: unknown) => {
  await authService.close()
  throw error
})

console.log(`Token service: ${authService.url}
Shop API:      ${shop.url}

Users, for the password grant at ${authService.url}/token:
  ${CUSTOMER.username} / ${CUSTOMER.password}   role customer, scopes orders:read orders:write
  ${STAFF.username} / ${STAFF.password}  role staff, scopes orders:read products:write

examples/shop-login/README.md has a curl session to follow. Ctrl-C stops both servers.`)

async function stop(): Promise<void> {
  await shop.close()
  await authService.close()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop().catch((error: unknown) => {
      console.error('Stopping failed:', error)
      process.exitCode = 1
    })
  })
}
