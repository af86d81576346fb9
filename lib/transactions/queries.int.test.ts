import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES } from '@/lib/approvals/mcc';
import { db } from '@/lib/db';
import { CSV_COLUMNS } from './csv';
import { transactionsCsvStream } from './export';
import { parseTransactionParams, type TransactionListQuery } from './filters';
import { saveTransactions } from '@/lib/webhooks/mirror';
import { getTransactionDetail, listTransactions, newerThan, transactionTotals } from './queries';
import type { TransactionQueryContext } from './where';

// Known mirror rows in the test database, then the list, totals, "newer than" and the CSV stream
// read back exactly. The rows sit in November 2019 (Warsaw time), a range no other test writes, and
// every query below is scoped to it.

const ctx: TransactionQueryContext = { timeZone: 'Europe/Warsaw', accountCurrency: 'PLN', categories: DEFAULT_MCC_CATEGORIES };
const RANGE = { from: '2019-11-01', to: '2019-11-30' };
const run = randomUUID().slice(0, 8);

const ids = { anna: '', piotr: '', cardA: '', cardB: '' };
type Seed = { key: string; at: string; status: 'AUTHORIZED' | 'DECLINED' | 'CLEARED' | 'REVERSED'; type?: string; amount: bigint; currency?: string; original?: [bigint, string]; merchant: string; mcc: string; card: 'A' | 'B' | null; reason?: string; sparadosId?: string };

// Newest first is the order the list must return (ties on time broken by id ascending).
const SEED: Seed[] = [
  { key: 'refund', at: '2019-11-30T22:30:00Z', status: 'CLEARED', type: 'REFUND', amount: -2500n, merchant: 'Orlen Warszawa', mcc: '5541', card: 'A', sparadosId: 'shared' },
  { key: 'lateWarsaw', at: '2019-11-30T22:59:59.999Z', status: 'AUTHORIZED', amount: 1000n, merchant: 'Late Kiosk', mcc: '5499', card: 'B' },
  { key: 'atm', at: '2019-11-20T08:00:00Z', status: 'DECLINED', type: 'WITHDRAWAL', amount: 20000n, merchant: 'Euronet ATM', mcc: '6011', card: 'A', reason: 'ATM_LIMIT' },
  { key: 'hotel', at: '2019-11-18T12:00:00Z', status: 'CLEARED', amount: 43000n, original: [10000n, 'EUR'], merchant: 'Hotel Adlon', mcc: '7011', card: 'B' },
  { key: 'fuel', at: '2019-11-15T07:00:00Z', status: 'CLEARED', amount: 25000n, merchant: 'Orlen Krakow', mcc: '5541', card: 'A', sparadosId: 'shared' },
  { key: 'lunch', at: '2019-11-15T07:00:00Z', status: 'AUTHORIZED', amount: 4550n, merchant: 'Bistro Orlenka', mcc: '5812', card: 'A' },
  { key: 'reversed', at: '2019-11-10T10:00:00Z', status: 'REVERSED', amount: 9900n, merchant: 'Shell', mcc: '5541', card: 'B' },
  { key: 'blocked', at: '2019-11-05T10:00:00Z', status: 'DECLINED', amount: 5000n, merchant: 'Lotto', mcc: '7995', card: 'B', reason: 'MCC_BLOCKED' },
  { key: 'unknownCard', at: '2019-11-02T10:00:00Z', status: 'CLEARED', amount: 777n, original: [200n, 'USD'], merchant: 'AWS', mcc: '5734', card: null },
  { key: 'firstDay', at: '2019-10-31T23:00:00Z', status: 'CLEARED', amount: 100n, merchant: '=cmd|calc', mcc: '5999', card: 'A' },
  // Outside the range: 31 October 23:59 Warsaw and 1 December 00:00 Warsaw.
  { key: 'before', at: '2019-10-31T22:59:59.999Z', status: 'CLEARED', amount: 1n, merchant: 'Too early', mcc: '5999', card: 'A' },
  { key: 'after', at: '2019-11-30T23:00:00Z', status: 'CLEARED', amount: 1n, merchant: 'Too late', mcc: '5999', card: 'A' },
];
const rowIds = new Map<string, string>();

function query(params: Record<string, string> = {}, size = 50): TransactionListQuery {
  return { ...parseTransactionParams({ ...RANGE, ...params }), size };
}

async function keysOf(q: TransactionListQuery): Promise<string[]> {
  const page = await listTransactions(q, ctx);
  return page.rows.map((r) => r.merchantName!.replace(` ${run}`, ''));
}

const merchantOf = (key: string) => `${SEED.find((s) => s.key === key)!.merchant}`;

beforeAll(async () => {
  const holder = (first: string, last: string) =>
    db.cardholder.create({ data: { email: `${first.toLowerCase()}.${run}@example.com`, phonePrefix: '48', phoneNumber: `5${Math.floor(Math.random() * 1e8)}`, firstName: first, lastName: last } });
  const anna = await holder('Anna', `Nowak${run}`);
  const piotr = await holder('Piotr', `Zielinski${run}`);
  const cardA = await db.card.create({ data: { cardholderId: anna.id, description: 'Fuel card', sparadosCardId: `a-${run}`, searchText: `anna nowak${run} anna.${run}@example.com fuel card` } });
  const cardB = await db.card.create({ data: { cardholderId: piotr.id, description: 'Travel', sparadosCardId: `b-${run}`, searchText: `piotr zielinski${run} piotr.${run}@example.com travel` } });
  Object.assign(ids, { anna: anna.id, piotr: piotr.id, cardA: cardA.id, cardB: cardB.id });
  for (const s of SEED) {
    const id = s.key === 'fuel' ? '00000000-0000-4000-8000-000000000001' : s.key === 'lunch' ? '00000000-0000-4000-8000-000000000002' : randomUUID();
    rowIds.set(s.key, id);
    const card = s.card === 'A' ? cardA : s.card === 'B' ? cardB : null;
    await db.transaction.create({
      data: {
        id,
        sparadosId: s.sparadosId ? `${s.sparadosId}-${run}` : randomUUID(),
        type: s.type ?? 'PURCHASE',
        status: s.status,
        statusRaw: s.status,
        amountMinor: s.amount,
        currency: s.currency ?? 'PLN',
        originalAmountMinor: s.original?.[0] ?? s.amount,
        originalCurrency: s.original?.[1] ?? s.currency ?? 'PLN',
        merchantName: s.merchant === '=cmd|calc' ? s.merchant : `${s.merchant} ${run}`,
        mcc: s.mcc,
        merchantCountry: 'PL',
        sparadosCardId: card?.sparadosCardId ?? `gone-${run}`,
        cardId: card?.id ?? null,
        cardLast4: s.card === 'A' ? '1111' : s.card === 'B' ? '2222' : '9999',
        declineReason: s.reason ?? null,
        occurredAt: new Date(s.at),
        sparadosUpdatedAt: new Date(s.at),
      },
    });
  }
});

afterAll(async () => {
  await db.transaction.deleteMany({ where: { id: { in: [...rowIds.values()] } } });
});

describe('transactions list', () => {
  it('returns the date range newest first, whole local days, ties by id', async () => {
    const keys = await keysOf(query());
    expect(keys).toEqual(['Late Kiosk', 'Orlen Warszawa', 'Euronet ATM', 'Hotel Adlon', 'Orlen Krakow', 'Bistro Orlenka', 'Shell', 'Lotto', 'AWS', '=cmd|calc']);
  });

  it('pages by keyset forwards and back without gaps or repeats', async () => {
    const all = await keysOf(query());
    const first = await listTransactions(query({}, 4), ctx);
    expect(first.prev).toBeNull();
    const second = await listTransactions({ ...query({}, 4), after: first.next }, ctx);
    const third = await listTransactions({ ...query({}, 4), after: second.next }, ctx);
    expect(third.next).toBeNull();
    const walked = [...first.rows, ...second.rows, ...third.rows].map((r) => r.merchantName!.replace(` ${run}`, ''));
    expect(walked).toEqual(all);
    const back = await listTransactions({ ...query({}, 4), before: third.prev }, ctx);
    expect(back.rows.map((r) => r.id)).toEqual(second.rows.map((r) => r.id));
    const backToStart = await listTransactions({ ...query({}, 4), before: back.prev }, ctx);
    expect(backToStart.rows.map((r) => r.id)).toEqual(first.rows.map((r) => r.id));
  });

  it.each([
    [{ tab: 'pending' }, ['Late Kiosk', 'Bistro Orlenka']],
    [{ tab: 'settled' }, ['Orlen Warszawa', 'Hotel Adlon', 'Orlen Krakow', 'AWS', '=cmd|calc']],
    [{ tab: 'declined' }, ['Euronet ATM', 'Lotto']],
    [{ tab: 'reversed' }, ['Shell']],
    [{ type: 'REFUND,WITHDRAWAL' }, ['Orlen Warszawa', 'Euronet ATM']],
    [{ merchant: 'orlen' }, ['Orlen Warszawa', 'Orlen Krakow', 'Bistro Orlenka']],
    [{ merchant: 'orlen', mm: 'prefix' }, ['Orlen Warszawa', 'Orlen Krakow']],
    [{ merchant: '100%_' }, []],
    [{ category: 'fuel' }, ['Orlen Warszawa', 'Orlen Krakow', 'Shell']],
    [{ category: 'hotels' }, ['Hotel Adlon']],
    [{ mcc: '7995' }, ['Lotto']],
    [{ reason: 'ATM_LIMIT' }, ['Euronet ATM']],
    [{ currency: 'EUR' }, ['Hotel Adlon']],
    [{ currency: 'EUR', min: '100', max: '100.00' }, ['Hotel Adlon']],
    [{ currency: 'EUR', min: '100.01' }, []],
    [{ min: '45.50', max: '250' }, ['Euronet ATM', 'Orlen Krakow', 'Bistro Orlenka', 'Shell', 'Lotto']],
    [{ who: '2222' }, ['Late Kiosk', 'Hotel Adlon', 'Shell', 'Lotto']],
    [{ who: '9999' }, ['AWS']],
    [{ from: '2019-11-15', to: '2019-11-15' }, ['Orlen Krakow', 'Bistro Orlenka']],
  ] as Array<[Record<string, string>, string[]]>)('filters %j', async (params, expected) => {
    expect(await keysOf(query(params))).toEqual(expected);
  });

  it('filters by card, cardholder and cardholder text', async () => {
    expect(await keysOf(query({ card: ids.cardB }))).toEqual(['Late Kiosk', 'Hotel Adlon', 'Shell', 'Lotto']);
    expect(await keysOf(query({ holder: ids.anna }))).toEqual(['Orlen Warszawa', 'Euronet ATM', 'Orlen Krakow', 'Bistro Orlenka', '=cmd|calc']);
    expect(await keysOf(query({ who: `NOWAK${run}` }))).toEqual(['Orlen Warszawa', 'Euronet ATM', 'Orlen Krakow', 'Bistro Orlenka', '=cmd|calc']);
  });

  it('shows the foreign amount with its currency and names the category and holder', async () => {
    const page = await listTransactions(query({ merchant: 'Hotel Adlon' }), ctx);
    expect(page.rows[0]).toMatchObject({ amountMinor: '43000', currency: 'PLN', foreign: { amountMinor: '10000', currency: 'EUR' }, category: 'Hotels and lodging', holder: { name: `Piotr Zielinski${run}` }, cardDescription: 'Travel' });
    const domestic = await listTransactions(query({ merchant: 'Shell' }), ctx);
    expect(domestic.rows[0].foreign).toBeNull();
  });
});

describe('totals for the filtered set', () => {
  it('counts each tab and sums pending and settled money per currency', async () => {
    const totals = await transactionTotals(query(), ctx);
    expect(totals.tabCounts).toEqual({ all: 10, pending: 2, settled: 5, declined: 2, reversed: 1 });
    expect(totals.count).toBe(10);
    expect(totals.byCurrency).toEqual([
      {
        currency: 'PLN',
        pendingCount: 2,
        pendingMinor: '5550',
        settledCount: 5,
        // 43000 + 25000 + 777 + 100 − 2500
        settledMinor: '66377',
        declinedCount: 2,
        reversedCount: 1,
        netMinor: '71927',
      },
    ]);
  });

  it('keeps tab counts under the other filters and sums only the chosen tab', async () => {
    const totals = await transactionTotals(query({ tab: 'pending', card: ids.cardA }), ctx);
    expect(totals.tabCounts).toEqual({ all: 5, pending: 1, settled: 3, declined: 1, reversed: 0 });
    expect(totals.count).toBe(1);
    expect(totals.byCurrency).toEqual([{ currency: 'PLN', pendingCount: 1, pendingMinor: '4550', settledCount: 0, settledMinor: '0', declinedCount: 0, reversedCount: 0, netMinor: '4550' }]);
  });
});

describe('newer than', () => {
  it('counts rows changed after the page was read, under the same filters, not mere re-reads', async () => {
    const id = rowIds.get('lateWarsaw')!;
    const page = await listTransactions(query({ card: ids.cardB }), ctx);
    const since = new Date(page.generatedAt);
    expect(await newerThan(query({ card: ids.cardB }), since, ctx)).toEqual({ count: 0, latest: null });
    await new Promise((r) => setTimeout(r, 5));

    // The mirror re-reading an unchanged transaction (every reconcile pass does) bumps syncedAt only.
    const row = await db.transaction.findUniqueOrThrow({ where: { id } });
    const reading = { ...row, balanceId: row.balanceId, approvalSparadosId: row.approvalSparadosId };
    const again = await saveTransactions([reading]);
    expect(again.updated + again.ignored).toBe(1);
    expect((await newerThan(query({ card: ids.cardB }), since, ctx)).count).toBe(0);

    // A real change (AUTHORIZED → CLEARED, as THC reports a settlement) is new.
    await saveTransactions([{ ...reading, status: 'CLEARED', statusRaw: 'CLEARED', sparadosUpdatedAt: new Date(row.sparadosUpdatedAt.getTime() + 1000) }]);
    const newer = await newerThan(query({ card: ids.cardB }), since, ctx);
    expect(newer.count).toBe(1);
    expect(new Date(newer.latest!).getTime()).toBeGreaterThan(since.getTime());
    expect((await newerThan(query({ card: ids.cardB, tab: 'pending' }), since, ctx)).count).toBe(0);
    expect((await newerThan(query({ card: ids.cardA }), since, ctx)).count).toBe(0);
    // Back as seeded for the other tests (the mirror itself would never move a status backwards).
    await db.transaction.update({ where: { id }, data: { status: 'AUTHORIZED', statusRaw: 'AUTHORIZED', sparadosUpdatedAt: row.sparadosUpdatedAt } });
  });
});

describe('CSV export', () => {
  async function read(stream: ReadableStream<Uint8Array>): Promise<string> {
    // ignoreBOM keeps the byte-order mark in the text, so the test can see it was sent.
    return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
  }

  it('streams the filtered set in list order across batches', async () => {
    const text = await read(transactionsCsvStream(query({ tab: 'all' }), ctx, { batchSize: 3 }));
    expect(text.startsWith('\uFEFF')).toBe(true);
    const lines = text.slice(1).split('\r\n');
    expect(lines.at(-1)).toBe('');
    expect(lines[0].split(',')).toHaveLength(CSV_COLUMNS.length);
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(10);
    const list = await listTransactions(query(), ctx);
    expect(body.map((l) => l.split(',').at(-2))).toEqual(list.rows.map((r) => r.sparadosId));
    expect(body[0]).toContain('2019-11-30T22:59:59.999Z,2019-11-30 23:59:59,AUTHORIZED,PURCHASE,10.00,PLN');
    expect(body.find((l) => l.includes('Hotel Adlon'))).toContain(',430.00,PLN,100.00,EUR,');
    expect(body.find((l) => l.includes('Euronet'))).toContain('ATM_LIMIT,"Cash withdrawals are disabled');
    expect(body.at(-1)).toContain(",'=cmd|calc,");
  });

  it('applies the filters and the tab', async () => {
    const text = await read(transactionsCsvStream(query({ tab: 'declined' }), ctx, { batchSize: 1 }));
    const body = text.split('\r\n').slice(1, -1);
    expect(body).toHaveLength(2);
    expect(body[0]).toContain(merchantOf('atm'));
    expect(body[1]).toContain(merchantOf('blocked'));
  });

  it('stops querying when the reader cancels', async () => {
    const reader = transactionsCsvStream(query(), ctx, { batchSize: 1 }).getReader();
    await reader.read();
    await reader.read();
    await reader.cancel();
    expect((await reader.read()).done).toBe(true);
  });
});

describe('detail', () => {
  it('shows a purchase with its refund (same THC id)', async () => {
    const detail = await getTransactionDetail(rowIds.get('fuel')!, ctx);
    expect(detail).toMatchObject({ type: 'PURCHASE', card: { id: ids.cardA, description: 'Fuel card' } });
    expect(detail!.related.map((r) => r.type)).toEqual(['REFUND']);
    expect(await getTransactionDetail(randomUUID(), ctx)).toBeNull();
    expect(await getTransactionDetail('nope', ctx)).toBeNull();
  });
});
