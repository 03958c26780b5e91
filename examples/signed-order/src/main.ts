/** Starts the payment service on port 3003 and the shop on port 3004, until Ctrl-C. */
import { generateKeyPair } from '@jot/core'
import { listen } from './listen.js'
import { createPaymentService } from './payment-service.js'
import { createShop } from './shop.js'

const PAYMENTS_PORT = 3003
const SHOP_PORT = 3004

// Each side makes its own key pair and gives the other only the public half. Both run in one
// process here, so the public keys are passed directly. Separate services would publish them,
// for example as a JWK Set (see exportPublicJwk and localKeySet).
const shopKeys = await generateKeyPair('ES256', { kid: 'shop-1' })
const paymentKeys = await generateKeyPair('ECDH-ES+A256KW', { crv: 'P-256', kid: 'payments-1' })

const payments = await listen(
  createPaymentService({ decryptionKey: paymentKeys.privateKey, shopKey: shopKeys.publicKey }),
  PAYMENTS_PORT,
)
const shopApp = createShop({
  keys: { signingKey: shopKeys.privateKey, encryptionKey: paymentKeys.publicKey },
  paymentsUrl: payments.url,
})
const shop = await listen(shopApp, SHOP_PORT).catch(async (error: unknown) => {
  await payments.close()
  throw error
})

console.log(`Payment service: ${payments.url}  (POST /payments)
Shop:            ${shop.url}  (POST /checkout)

examples/signed-order/README.md has a curl session to follow. Ctrl-C stops both servers.`)

async function stop(): Promise<void> {
  await shop.close()
  await payments.close()
}
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stop().catch((error: unknown) => {
      console.error('Stopping failed:', error)
      process.exitCode = 1
    })
  })
}
