import 'server-only';
import { randomUUID } from 'node:crypto';
import { runAction, type ActionRuntime } from '@/lib/actions/run-action';
import { assignCardActionDefinition } from '@/lib/approvals/assign-action-definitions';
import { lockCardDefinition } from '@/lib/approvals/card-action-definitions';
import type { AssignFormValues } from '@/lib/approvals/assign-schema';
import { saveApprovalFromSparados } from '@/lib/approvals/store';
import type { SessionUser } from '@/lib/auth/session-user';
import { db } from '@/lib/db';
import { getSparadosClient, getSparadosConfig } from '@/lib/sparados';
import { sandboxControl, type SandboxControl } from '@/lib/sparados/contract/sandbox-control';
import { createSparadosAgent } from '@/lib/sparados/dispatcher';
import { linkUnlinkedTransactions, saveTransactions, toMirrorRow } from '@/lib/webhooks/mirror';
import { DEMO_USERS } from './users';

// Demo cards and spend for `npm run dev` on a fresh machine, made the way an admin would make them:
// the assign and lock actions run through the action wrapper as the demo ADMIN (so the audit log
// reads like real use), the end user and the card network are played by the sandbox control API,
// and the transactions are mirrored from the THC list. Only ever against the sandbox, and only
// into a panel database without cards (the caller checks both).

type LimitForm = { mode: 'default' | 'disabled' | 'amount'; amount?: string; period?: 'daily' | 'weekly' | 'monthly' };

interface DemoCard {
  firstName: string;
  lastName: string;
  phone: string;
  description: string;
  budget: string;
  tags: string[];
  account: 'main' | 'travel';
  limits?: Partial<Record<'general' | 'ecommerce' | 'atm' | 'foreign', LimitForm>>;
  mcc?: { mode: 'block' | 'allow'; categories: string[] };
  /** Days from today; a future start makes a redeemed approval PREPARED. */
  startInDays?: number;
  /** What happens after the assignment. */
  then: 'redeem' | 'wait' | 'changeRequest' | 'lock';
}

const CARDS: DemoCard[] = [
  { firstName: 'Katarzyna', lastName: 'Wiśniewska', phone: '601234567', description: 'Sales – field visits', budget: '3000', tags: ['sales'], account: 'main', limits: { atm: { mode: 'disabled' } }, then: 'redeem' },
  { firstName: 'Tomasz', lastName: 'Kowalczyk', phone: '602345678', description: 'IT – software subscriptions', budget: '1500', tags: ['it'], account: 'main', limits: { ecommerce: { mode: 'amount', amount: '200', period: 'weekly' } }, then: 'redeem' },
  { firstName: 'Agnieszka', lastName: 'Lewandowska', phone: '603456789', description: 'Office supplies', budget: '800', tags: ['office'], account: 'main', mcc: { mode: 'block', categories: ['gambling', 'alcohol_tobacco'] }, then: 'redeem' },
  { firstName: 'Lukas', lastName: 'Schneider', phone: '604567890', description: 'Travel – Berlin fair', budget: '5000', tags: ['travel'], account: 'travel', then: 'redeem' },
  { firstName: 'Marta', lastName: 'Zając', phone: '605678901', description: 'Marketing – events', budget: '2000', tags: ['marketing'], account: 'main', then: 'wait' },
  { firstName: 'Paweł', lastName: 'Mazur', phone: '606789012', description: 'New hire – onboarding', budget: '500', tags: ['hr'], account: 'main', startInDays: 10, then: 'redeem' },
  { firstName: 'Sofia', lastName: 'Rossi', phone: '607890123', description: 'Client dinners', budget: '1000', tags: ['sales'], account: 'main', then: 'changeRequest' },
  { firstName: 'Jakub', lastName: 'Dvořák', phone: '608901234', description: 'Fleet – fuel', budget: '1200', tags: ['fleet'], account: 'main', mcc: { mode: 'allow', categories: ['fuel', 'parking_tolls'] }, then: 'lock' },
];

type Channel = 'POS' | 'ECOMMERCE' | 'ATM';

interface DemoPayment {
  card: number;
  amount: number;
  merchantName: string;
  mcc: string;
  channel: Channel;
  currency?: string;
  country?: string;
  after?: 'clear' | 'refund';
}

/** Amounts in minor units; indexes into CARDS. Two are declined by the cards' own rules. */
const PAYMENTS: DemoPayment[] = [
  { card: 0, amount: 8_450, merchantName: 'Orlen Stacja 412', mcc: '5541', channel: 'POS', after: 'clear' },
  { card: 0, amount: 4_290, merchantName: 'Restauracja Pod Aniołem', mcc: '5812', channel: 'POS', after: 'clear' },
  { card: 0, amount: 20_000, merchantName: 'Euronet ATM Warszawa', mcc: '6011', channel: 'ATM' }, // ATM disabled: declined
  { card: 0, amount: 12_900, merchantName: 'Hotel Novotel Kraków', mcc: '7011', channel: 'POS' },
  { card: 0, amount: 3_600, merchantName: 'Bolt', mcc: '4121', channel: 'ECOMMERCE', after: 'clear' },
  { card: 1, amount: 1_999, merchantName: 'JetBrains s.r.o.', mcc: '5734', channel: 'ECOMMERCE', currency: 'EUR', country: 'CZ', after: 'clear' },
  { card: 1, amount: 4_900, merchantName: 'GitHub, Inc.', mcc: '5817', channel: 'ECOMMERCE', after: 'clear' },
  { card: 1, amount: 15_000, merchantName: 'Atlassian Pty Ltd', mcc: '5734', channel: 'ECOMMERCE' }, // over 200.00 a week online: declined
  { card: 1, amount: 2_450, merchantName: 'Media Expert', mcc: '5732', channel: 'POS' },
  { card: 2, amount: 15_670, merchantName: 'Biuro Plus', mcc: '5943', channel: 'POS', after: 'clear' },
  { card: 2, amount: 6_480, merchantName: 'Empik', mcc: '5943', channel: 'POS', after: 'refund' },
  { card: 2, amount: 5_000, merchantName: 'STS Zakłady Bukmacherskie', mcc: '7995', channel: 'ECOMMERCE' }, // blocked MCC: declined
  { card: 2, amount: 2_199, merchantName: 'Allegro', mcc: '5999', channel: 'ECOMMERCE' },
  { card: 3, amount: 18_900, merchantName: 'Lufthansa', mcc: '3008', channel: 'ECOMMERCE', currency: 'EUR', country: 'DE', after: 'clear' },
  { card: 3, amount: 42_000, merchantName: 'Hotel Adlon Berlin', mcc: '7011', channel: 'POS', currency: 'EUR', country: 'DE', after: 'clear' },
  { card: 3, amount: 3_850, merchantName: 'Deutsche Bahn', mcc: '4112', channel: 'ECOMMERCE', currency: 'EUR', country: 'DE' },
  { card: 3, amount: 2_400, merchantName: 'Taxi Berlin', mcc: '4121', channel: 'POS', currency: 'EUR', country: 'DE' },
  { card: 3, amount: 6_700, merchantName: 'Messe Berlin Catering', mcc: '5812', channel: 'POS', currency: 'EUR', country: 'DE', after: 'clear' },
  { card: 3, amount: 31_000, merchantName: 'LOT Polish Airlines', mcc: '3064', channel: 'ECOMMERCE', after: 'clear' },
  { card: 3, amount: 1_990, merchantName: 'Żabka', mcc: '5411', channel: 'POS' },
];

function localDay(offsetDays: number, timeZone: string): string {
  // en-CA formats as YYYY-MM-DD: the calendar day in the approval's zone.
  return new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(Date.now() + offsetDays * 86_400_000));
}

const limitOrDefault = (limit: LimitForm | undefined) => ({ mode: limit?.mode ?? 'default', amount: limit?.amount ?? '', period: limit?.period ?? 'monthly' });

function assignForm(card: DemoCard, cardAliasId: string, currency: string): AssignFormValues {
  const timezone = 'Europe/Warsaw';
  const start = card.startInDays ?? 0;
  return {
    idempotencyKey: randomUUID(),
    cardholder: {
      kind: 'new',
      fullApi: false,
      email: `${ascii(card.firstName)}.${ascii(card.lastName)}@demo.test`,
      phonePrefix: '48',
      phoneNumber: card.phone,
      firstName: card.firstName,
      lastName: card.lastName,
      birthDate: '',
      nationality: '',
    },
    cardAliasId,
    currency,
    budget: card.budget,
    startDate: localDay(start, timezone),
    endDate: localDay(start + 180, timezone),
    timezone,
    limits: {
      general: limitOrDefault(card.limits?.general),
      ecommerce: limitOrDefault(card.limits?.ecommerce),
      atm: limitOrDefault(card.limits?.atm),
      foreign: limitOrDefault(card.limits?.foreign),
    },
    mcc: card.mcc ? { ...card.mcc, codes: '' } : { mode: 'none', categories: [], codes: '' },
    visualId: '',
    description: card.description,
    tags: card.tags,
    allowChangeRequest: card.then === 'changeRequest',
  };
}

/** "Wiśniewska" → "wisniewska": e-mail local parts without diacritics. */
function ascii(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ł/g, 'l')
    .replace(/Ł/g, 'L')
    .toLowerCase();
}

async function demoAdmin(): Promise<SessionUser> {
  const email = DEMO_USERS.find((u) => u.role === 'ADMIN')!.email;
  const admin = await db.adminUser.findUniqueOrThrow({ where: { email } });
  return { id: admin.id, email: admin.email, name: admin.name, role: admin.role };
}

async function act<T>(result: Promise<{ ok: true; data: T } | { ok: false; code: string; message: string; fieldErrors?: unknown }>, what: string): Promise<T> {
  const outcome = await result;
  if (!outcome.ok) throw new Error(`${what}: ${outcome.code} ${outcome.message} ${JSON.stringify(outcome.fieldErrors ?? {})}`);
  return outcome.data;
}

/** Reads the approval from Sparados and records it, as the sync would on its next pass. */
async function refresh(approvalId: string, cardId: string): Promise<string | null> {
  const approval = await getSparadosClient().getApproval(approvalId);
  await saveApprovalFromSparados(approval, { cardId });
  return approval.cardId;
}

async function mirrorTransactions(since: Date): Promise<number> {
  const client = getSparadosClient();
  let saved = 0;
  for (let page = 0; ; page++) {
    const result = await client.listTransactions({ page, size: 100, dateFrom: since.toISOString() });
    if (result.items.length) {
      const part = await saveTransactions(result.items.map(toMirrorRow));
      saved += part.inserted + part.updated;
    }
    if (result.items.length < 100 || page + 1 >= result.totalPages) break;
  }
  await linkUnlinkedTransactions(db);
  return saved;
}

export interface DemoCardsReport {
  cards: number;
  transactions: number;
}

/** Creates the demo cards, their spend and the audit trail. Needs the sandbox (SANDBOX_URL). */
export async function createDemoCards(sandboxUrl: string): Promise<DemoCardsReport> {
  const agent = createSparadosAgent(getSparadosConfig());
  const control: SandboxControl = sandboxControl(sandboxUrl, agent);
  try {
    const admin = await demoAdmin();
    const runtime: ActionRuntime = { db, getUser: async () => admin, getIp: async () => null };
    const corporation = await control.corporation();
    const [main, travel] = corporation.balances;
    const since = new Date(Date.now() - 60_000);

    const sparadosCards: Array<string | null> = [];
    for (const card of CARDS) {
      const alias = card.account === 'travel' && travel ? travel.cardAliasId : main!.cardAliasId;
      const outcome = await act(runAction(assignCardActionDefinition, assignForm(card, alias, corporation.currency), runtime), `assign ${card.description}`);
      // The demo budgets are within the admin's own allowance (docs/decisions/105): none is held.
      if (!outcome.approvalId || !outcome.cardId) throw new Error(`demo data: assigning ${card.description} was held for a second approver`);
      const assigned = { ...outcome, approvalId: outcome.approvalId, cardId: outcome.cardId };
      let sparadosCardId: string | null = null;
      if (card.then !== 'wait') {
        await control.redeem(assigned.approvalId);
        sparadosCardId = await refresh(assigned.approvalId, assigned.cardId);
      }
      if (card.then === 'changeRequest') {
        const budgetMinor = Math.round(Number(card.budget) * 100) + 50_000;
        const reapproval = await control.changeRequest(assigned.approvalId, { budgetMinor });
        await refresh(reapproval.id, assigned.cardId);
      }
      if (card.then === 'lock') {
        await act(runAction(lockCardDefinition, { cardId: assigned.cardId, approvalId: assigned.approvalId, idempotencyKey: randomUUID() }, runtime), `lock ${card.description}`);
      }
      sparadosCards.push(sparadosCardId);
    }

    for (const payment of PAYMENTS) {
      const cardId = sparadosCards[payment.card];
      if (!cardId) continue;
      const authorization = await control.authorize({
        cardId: String(cardId),
        amountMinor: payment.amount,
        merchantName: payment.merchantName,
        mcc: payment.mcc,
        channel: payment.channel,
        ...(payment.currency ? { currency: payment.currency } : {}),
        ...(payment.country ? { country: payment.country } : {}),
      } as Parameters<SandboxControl['authorize']>[0]);
      if (authorization.status === 'DECLINED' || !payment.after) continue;
      await control.call('POST', `/transactions/${authorization.id}/clear`);
      if (payment.after === 'refund') await control.call('POST', `/transactions/${authorization.id}/refund`, { amountMinor: Math.round(payment.amount / 2) });
    }
    await mirrorTransactions(since);
    const transactions = await db.transaction.count();
    return { cards: CARDS.length, transactions };
  } finally {
    await agent.close();
  }
}
