import 'server-only';
import type { CallOptions, SparadosTransport } from '../call';
import { toPage, type Page } from '../domain/page';
import { toTransaction, type Transaction } from '../domain/transaction';
import {
  listTransactionsQuerySchema,
  transactionPageWireSchema,
  transactionWireSchema,
  type ListTransactionsQuery,
  type TransactionType,
} from '../schemas/transactions';
import { validateInput } from '../validate-input';
import { z } from 'zod';

const parseTransaction = (json: unknown): Transaction => toTransaction(transactionWireSchema.parse(json));
const parseTransactionPage = (json: unknown): Page<Transaction> => toPage(transactionPageWireSchema.parse(json), toTransaction);

export function transactionCalls(t: SparadosTransport) {
  async function listTransactions(query: ListTransactionsQuery = {}, options?: CallOptions): Promise<Page<Transaction>> {
    const valid = validateInput(listTransactionsQuerySchema, query, 'listTransactions');
    return t.read({ endpoint: 'listTransactions', query: valid }, parseTransactionPage, options);
  }

  /**
   * A transaction is identified by id AND type: a REFUND shares its PURCHASE's id. `type` is the raw
   * type (Transaction.rawType), so types this client does not know yet can be fetched too.
   */
  async function getTransaction(id: string, type: TransactionType | (string & {}), options?: CallOptions): Promise<Transaction> {
    validateInput(z.string().regex(/^[A-Z_]+$/, 'must be a THC transaction type such as PURCHASE'), type, 'getTransaction');
    return t.read({ endpoint: 'getTransaction', params: { id }, query: { type } }, parseTransaction, options);
  }

  return { listTransactions, getTransaction };
}
