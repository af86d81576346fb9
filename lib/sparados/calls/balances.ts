import 'server-only';
import type { CallOptions, SparadosTransport } from '../call';
import { toBalance, type Balance } from '../domain/balance';
import { SparadosError } from '../errors';
import { balanceWireSchema } from '../schemas/balances';

const parseBalance = (json: unknown): Balance => toBalance(balanceWireSchema.parse(json));

export function balanceCalls(t: SparadosTransport, defaultBalanceId: string | null) {
  /** The payment account balance. `balanceId` is the id Sparados gave for balance checks, not the Card Alias ID. */
  async function getBalance(balanceId: string | null = defaultBalanceId, options?: CallOptions): Promise<Balance> {
    if (!balanceId) {
      throw new SparadosError({ kind: 'invalid_request', endpoint: 'getBalance', sent: false, message: 'getBalance: no balance id given and SPARADOS_BALANCE_ID is not set' });
    }
    return t.read({ endpoint: 'getBalance', params: { balanceId } }, parseBalance, options);
  }
  return { getBalance };
}
