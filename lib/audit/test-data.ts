// Test-only: cards, approvals and audit entries written straight into the database with a tag, so an
// integration test can ask the audit log for exactly what it seeded. Not imported by panel code.
import { randomUUID } from 'node:crypto';
import { db } from '@/lib/db';
import { recordAudit, type AuditActor, type AuditDraft } from './record';

export interface SeededCard {
  id: string;
  description: string;
  /** Panel ids and Sparados ids of its approvals, oldest first. */
  approvals: Array<{ id: string; sparadosId: string }>;
}

/** A card with a cardholder and `approvals` approvals (a reapproval chain), described "<tag> <name>". */
export async function seedCard(tag: string, name: string, approvals = 2): Promise<SeededCard> {
  const unique = randomUUID().slice(0, 8);
  const holder = await db.cardholder.create({
    data: { email: `${name.toLowerCase()}-${unique}@audit.test`, phonePrefix: '48', phoneNumber: `600${Math.floor(Math.random() * 1e6)}`, firstName: name, lastName: 'Audit' },
  });
  const description = `${tag} ${name}`;
  const card = await db.card.create({ data: { cardholderId: holder.id, description, searchText: `${name} audit ${holder.email} ${description}`.toLowerCase() } });
  const made: SeededCard['approvals'] = [];
  let parent: string | null = null;
  for (let i = 0; i < approvals; i += 1) {
    const sparadosId: string = `apr-${unique}-${i}`;
    const row = await db.approval.create({
      data: {
        sparadosId,
        parentSparadosId: parent,
        cardId: card.id,
        status: i === approvals - 1 ? 'DELIVERED' : 'REAPPROVED',
        statusRaw: i === approvals - 1 ? 'DELIVERED' : 'REAPPROVED',
        balanceAliasId: 'alias-audit',
        budgetMinor: 50_000n,
        availableMinor: 50_000n,
        startDate: new Date('2026-11-01T00:00:00Z'),
        endDate: new Date('2026-12-31T23:59:59Z'),
        timezone: 'Europe/Warsaw',
        rules: {},
      },
      select: { id: true },
    });
    made.push({ id: row.id, sparadosId });
    parent = sparadosId;
  }
  await db.card.update({ where: { id: card.id }, data: { currentApprovalId: made.at(-1)?.id ?? null } });
  return { id: card.id, description, approvals: made };
}

/** Writes one entry at a chosen instant and returns its id. */
export async function seedEvent(draft: AuditDraft, meta: { actor: AuditActor | null; at: Date; ip?: string | null }): Promise<string> {
  await recordAudit(db, draft, { actor: meta.actor, ip: meta.ip ?? '203.0.113.9', at: meta.at });
  const row = await db.auditEvent.findFirstOrThrow({
    where: { at: meta.at, action: draft.action, summary: draft.summary, actorId: meta.actor?.id ?? null },
    orderBy: { id: 'desc' },
    select: { id: true },
  });
  return row.id;
}
