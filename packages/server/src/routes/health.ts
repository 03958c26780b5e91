/** GET /health: a liveness check for load balancers and orchestrators. */
import type { FastifyInstance } from 'fastify'

/** Registers GET /health. */
export function registerHealthRoute(app: FastifyInstance): void {
  app.get('/health', function showHealth(_request, reply) {
    void reply.header('cache-control', 'no-store')
    return { status: 'ok' }
  })
}
