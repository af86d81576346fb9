// Transaction History API under /thc (API-REFERENCE §6).
import type { Router } from '../http/router';
import { getTransaction, listTransactions } from '../domain/transactions';

export function thcRoutes(router: Router): void {
  router
    .on('GET', '/thc/transactions', ({ core, corporationId, query }) => ({ status: 200, body: listTransactions(core, corporationId, query) }))
    .on('GET', '/thc/transactions/:id', ({ core, corporationId, params, query }) => ({
      status: 200,
      body: getTransaction(core, corporationId, params.id, query.get('type')),
    }));
}
