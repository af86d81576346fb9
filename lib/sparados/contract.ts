import 'server-only';
import { db as defaultDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { CONTRACT_LABELS, isContractType, limitDefaultNote, type ContractType, type SparadosFacts } from './contract-type';
import { ENDPOINTS, type EndpointName } from './endpoints';

// The corporation's Sparados contract (Settings → Sparados), and the one guard every Full API call
// passes: the client's transport asks it before sending (docs/decisions/117).

export const CONTRACT_SETTING = 'sparados.contract';

/** Until an Admin says otherwise: Full against the sandbox (it emulates both), Simple against BETA/PROD. */
export function defaultContract(environment = getEnv().SPARADOS_ENV): ContractType {
  return environment === 'sandbox' ? 'FULL' : 'SIMPLE';
}

export async function getContractType(db: Prisma.TransactionClient = defaultDb): Promise<ContractType> {
  const row = await db.setting.findUnique({ where: { key: CONTRACT_SETTING }, select: { value: true } });
  return isContractType(row?.value) ? row.value : defaultContract();
}

export async function getSparadosFacts(): Promise<SparadosFacts> {
  const environment = getEnv().SPARADOS_ENV;
  return { environment, contract: await getContractType(), limitDefault: limitDefaultNote(environment) };
}

export function fullApiRefusal(what: string): AppError {
  return new AppError('INVALID_STATE', `${what} needs the ${CONTRACT_LABELS.FULL}, and Settings → Sparados says your contract is the ${CONTRACT_LABELS.SIMPLE}.`);
}

/** For a path that is about to do Full API work: refuse before anything else happens. */
export async function requireFullApi(what: string, field?: string): Promise<void> {
  if ((await getContractType()) === 'FULL') return;
  const refusal = fullApiRefusal(what);
  throw field ? new AppError('INVALID_STATE', refusal.message, { fieldErrors: { [field]: [refusal.message] } }) : refusal;
}

/** Which calls are Full API: its endpoints, and an approval for a Sparados user (`user.id`). */
export function fullApiUse(endpoint: EndpointName, body: unknown): string | null {
  if (ENDPOINTS[endpoint].api === 'full') return endpoint === 'getCardSensitiveData' ? 'Showing card details' : 'A Sparados user';
  if (endpoint === 'createApproval' && typeof body === 'object' && body !== null) {
    const user = (body as { user?: { id?: unknown } }).user;
    if (user?.id !== undefined) return 'A card for a Sparados user';
  }
  return null;
}

/** The transport's guard: refuses a Full API call, before anything is sent, under a Simple contract. */
export async function assertContractAllows(endpoint: EndpointName, body: unknown): Promise<void> {
  const use = fullApiUse(endpoint, body);
  if (use && (await getContractType()) !== 'FULL') throw fullApiRefusal(use);
}
