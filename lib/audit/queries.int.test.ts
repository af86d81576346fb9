import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { db } from '@/lib/db';
import { createTestUser, type TestUser } from '@/tests/support/users';
import { parseAuditParams, filtersOf, SYSTEM_ACTOR, type AuditQuery } from './filters';
import { auditFilterOptions, listAuditEvents, MAX_CARD_MATCHES, prepareAuditFilters, resolveCardFilter } from './queries';
import { seedCard, seedEvent, type SeededCard } from './test-data';

// The audit log's filters against a seeded set in the real database. The database is shared with
// other tests (and entries can never be removed), so every expectation is scoped by something only
// this file wrote: its own people, its own cards, its own tag.

const tag = `aud${randomUUID().slice(0, 8)}`;
let anna: TestUser;
let jan: TestUser;
let travel: SeededCard;
let office: SeededCard;
const ids: Record<string, string> = {};
const actor = (u: TestUser) => ({ id: u.id, email: u.email, name: u.name });

// 2026-11-20T23:30Z is still 20 November in UTC but already 21 November (00:30) in Warsaw (UTC+1).
const T = {
  day20utc: new Date('2026-11-20T10:00:00.000Z'),
  lateEvening: new Date('2026-11-20T23:30:00.000Z'),
  day21: new Date('2026-11-21T09:00:00.000Z'),
  day22: new Date('2026-11-22T09:00:00.000Z'),
};

async function list(params: Record<string, string>, role: TestUser['role'] = 'VIEWER') {
  const { query, errors } = parseAuditParams(params);
  expect(errors).toEqual({});
  const prepared = await prepareAuditFilters(filtersOf(query), query.tz ?? 'UTC');
  if (!prepared.ok) throw new Error(`filters refused: ${JSON.stringify(prepared.errors)}`);
  return listAuditEvents(query, prepared.where, { role });
}

async function idsOf(params: Record<string, string>): Promise<string[]> {
  return (await list(params)).entries.map((e) => e.id);
}

beforeAll(async () => {
  anna = await createTestUser('ADMIN', { name: `Anna ${tag}` });
  jan = await createTestUser('OPERATOR', { name: `Jan ${tag}` });
  travel = await seedCard(tag, 'Travel');
  office = await seedCard(tag, 'Office', 1);

  ids.annaLocks = await seedEvent({ action: 'cards.lock', summary: `${tag} Anna locked Travel`, targetType: 'card', targetId: travel.id }, { actor: actor(anna), at: T.day20utc });
  ids.annaTopup = await seedEvent(
    { action: 'cards.topup', summary: `${tag} Anna raised Travel`, targetType: 'card', targetId: travel.id, before: { budgetMinor: 50_000n }, after: { budgetMinor: 80_000n, currency: 'PLN' } },
    { actor: actor(anna), at: T.lateEvening },
  );
  ids.janOnApprovalUuid = await seedEvent(
    { action: 'requests.accept', summary: `${tag} Jan accepted on Travel's first approval`, targetType: 'approval', targetId: travel.approvals[0]!.id },
    { actor: actor(jan), at: T.day21 },
  );
  ids.syncOnApprovalSparados = await seedEvent(
    { action: 'cards.status_changed', summary: `${tag} sync saw Travel's second approval change`, targetType: 'approval', targetId: travel.approvals[1]!.sparadosId },
    { actor: null, at: T.day21 },
  );
  ids.janOffice = await seedEvent({ action: 'cards.lock', summary: `${tag} Jan locked Office`, targetType: 'card', targetId: office.id }, { actor: actor(jan), at: T.day22 });
  ids.janSignIn = await seedEvent({ action: 'auth.sign_in', summary: `${tag} Jan signed in`, targetType: 'AdminUser', targetId: jan.id }, { actor: actor(jan), at: T.day22 });
});

describe('audit log filters', () => {
  it('by person: exactly their entries, newest first', async () => {
    expect(await idsOf({ actor: anna.id })).toEqual([ids.annaTopup, ids.annaLocks]);
    const janIds = await idsOf({ actor: jan.id });
    expect(janIds).toHaveLength(3);
    expect(janIds.slice(2)).toEqual([ids.janOnApprovalUuid]);
    expect(new Set(janIds.slice(0, 2))).toEqual(new Set([ids.janOffice, ids.janSignIn]));
  });

  it('by person and action', async () => {
    expect(await idsOf({ actor: jan.id, action: 'cards.lock' })).toEqual([ids.janOffice]);
    expect(await idsOf({ actor: anna.id, action: 'auth.sign_in' })).toEqual([]);
  });

  it('by card: its own entries and those of every approval in its chain, by either id', async () => {
    const expected = [ids.janOnApprovalUuid, ids.syncOnApprovalSparados, ids.annaTopup, ids.annaLocks];
    const travelIds = await idsOf({ card: travel.id });
    expect(new Set(travelIds)).toEqual(new Set(expected));
    expect(travelIds.slice(2)).toEqual([ids.annaTopup, ids.annaLocks]);
    // The same card found by an approval's Sparados id, by an approval's panel id, and by text.
    expect(new Set(await idsOf({ card: travel.approvals[1]!.sparadosId }))).toEqual(new Set(expected));
    expect(new Set(await idsOf({ card: travel.approvals[0]!.id }))).toEqual(new Set(expected));
    expect(new Set(await idsOf({ card: `${tag} travel` }))).toEqual(new Set(expected));
    expect(await idsOf({ card: office.id })).toEqual([ids.janOffice]);
  });

  it('by card and the panel itself as the actor', async () => {
    expect(await idsOf({ card: travel.id, actor: SYSTEM_ACTOR })).toEqual([ids.syncOnApprovalSparados]);
  });

  it('a text matching several cards shows all of them and names them', async () => {
    const resolved = await resolveCardFilter(tag);
    expect(resolved.ok && resolved.cards.map((c) => c.id).sort()).toEqual([travel.id, office.id].sort());
    expect(resolved.ok && resolved.cards.find((c) => c.id === office.id)?.label).toBe(`${tag} Office (Office Audit)`);
    expect(new Set(await idsOf({ card: tag }))).toEqual(new Set([ids.janOffice, ids.janOnApprovalUuid, ids.syncOnApprovalSparados, ids.annaTopup, ids.annaLocks]));
  });

  it('refuses a card filter that names no card, or too many', async () => {
    expect(await prepareAuditFilters({ ...filtersOf(parseAuditParams({}).query), card: `${tag}-nothing` }, 'UTC')).toMatchObject({ ok: false, errors: { card: expect.stringMatching(/^No card matches/) } });
    const many = `${tag}many`;
    for (let i = 0; i <= MAX_CARD_MATCHES; i += 1) await seedCard(many, `M${i}`, 0);
    expect(await resolveCardFilter(many)).toMatchObject({ ok: false, message: expect.stringMatching(/^More than 10 cards match/) });
  });

  it('by date: whole days in the viewer’s time zone', async () => {
    // 21 November in Warsaw starts at 20 November 23:00 UTC: the late-evening top-up belongs to it.
    expect(await idsOf({ actor: anna.id, from: '2026-11-21', to: '2026-11-21', tz: 'Europe/Warsaw' })).toEqual([ids.annaTopup]);
    expect(await idsOf({ actor: anna.id, from: '2026-11-20', to: '2026-11-20', tz: 'Europe/Warsaw' })).toEqual([ids.annaLocks]);
    // In UTC both happened on 20 November.
    expect(await idsOf({ actor: anna.id, from: '2026-11-20', to: '2026-11-20', tz: 'UTC' })).toEqual([ids.annaTopup, ids.annaLocks]);
    expect(await idsOf({ card: travel.id, from: '2026-11-21', tz: 'UTC' })).toHaveLength(2);
    expect(await idsOf({ card: travel.id, to: '2026-11-19', tz: 'UTC' })).toEqual([]);
  });

  it('describes what each entry is about, with a link to the card', async () => {
    const page = await list({ card: travel.id });
    const topup = page.entries.find((e) => e.id === ids.annaTopup)!;
    expect(topup).toMatchObject({
      actor: { id: anna.id, name: anna.name, email: anna.email },
      action: 'cards.topup',
      actionLabel: 'Budget changed',
      ip: '203.0.113.9',
      target: { type: 'card', id: travel.id, label: `card “${tag} Travel (Travel Audit)”`, href: `/cards/${travel.id}` },
      before: { budgetMinor: '50000' },
      after: { budgetMinor: '80000', currency: 'PLN' },
    });
    const viaApproval = page.entries.find((e) => e.id === ids.syncOnApprovalSparados)!;
    expect(viaApproval.actor).toBeNull();
    expect(viaApproval.target).toMatchObject({ label: `approval ${travel.approvals[1]!.sparadosId} of card “${tag} Travel (Travel Audit)”`, href: `/cards/${travel.id}` });
    // An entry naming an approval by the panel's id still shows the Sparados id people know.
    expect(page.entries.find((e) => e.id === ids.janOnApprovalUuid)!.target?.label).toBe(`approval ${travel.approvals[0]!.sparadosId} of card “${tag} Travel (Travel Audit)”`);
    // Admin users link to the users page only for those who may open it.
    const signIn = async (role: TestUser['role']) => (await list({ actor: jan.id, action: 'auth.sign_in' }, role)).entries[0]!.target;
    expect(await signIn('ADMIN')).toMatchObject({ label: `admin user ${jan.name} <${jan.email}>`, href: '/settings/users' });
    expect(await signIn('VIEWER')).toMatchObject({ href: null });
  });

  it('offers the actions and people present in the log as choices', async () => {
    const options = await auditFilterOptions({ action: null, actor: null });
    expect(options.actions).toEqual(expect.arrayContaining([{ value: 'cards.topup', label: 'Budget changed' }, { value: 'requests.accept', label: 'Change request accepted' }]));
    expect(options.actors).toEqual(expect.arrayContaining([{ value: anna.id, label: `${anna.name} <${anna.email}>` }]));
    expect(options.actors.at(-1)?.value).toBe(SYSTEM_ACTOR);
    const someone = await createTestUser('VIEWER');
    const withChoice = await auditFilterOptions({ action: 'never.happened', actor: someone.id });
    expect(withChoice.actions).toContainEqual({ value: 'never.happened', label: 'Never: happened' });
    expect(withChoice.actors).toContainEqual({ value: someone.id, label: `${someone.name} <${someone.email}>` });
    // A value typed into the URL that is not an id is shown back by the form, not looked up.
    expect((await auditFilterOptions({ action: null, actor: 'anna' })).actors.some((a) => a.value === 'anna')).toBe(false);
  });
});

describe('audit log pages', () => {
  it('walk a large set by keyset, forwards and back, with ties on the same instant', async () => {
    const paging = await createTestUser('OPERATOR');
    const at = new Date('2026-10-01T12:00:00.000Z');
    // 30 entries share one instant (one action writing several), 30 more follow a second apart.
    await db.auditEvent.createMany({
      data: Array.from({ length: 60 }, (_, i) => ({
        at: i < 30 ? at : new Date(at.getTime() + (i - 29) * 1000),
        actorId: paging.id,
        actorName: paging.name,
        actorEmail: paging.email,
        action: 'cards.lock',
        summary: `${tag} paging ${i}`,
      })),
    });
    const all = await db.auditEvent.findMany({ where: { actorId: paging.id }, orderBy: [{ at: 'desc' }, { id: 'desc' }], select: { id: true } });
    expect(all).toHaveLength(60);

    const seen: string[] = [];
    const cursors: AuditQuery[] = [];
    let query: Record<string, string> = { actor: paging.id, size: '25' };
    for (let guard = 0; guard < 5; guard += 1) {
      const page = await list(query);
      seen.push(...page.entries.map((e) => e.id));
      cursors.push(parseAuditParams(query).query);
      if (!page.next) break;
      query = { actor: paging.id, size: '25', after: page.next };
    }
    expect(seen).toEqual(all.map((r) => r.id));
    expect(cursors).toHaveLength(3);

    // From the last page, "newer" goes back to exactly the middle page.
    const last = await list({ actor: paging.id, size: '25', after: cursors[2]!.after! });
    expect(last.next).toBeNull();
    const middle = await list({ actor: paging.id, size: '25', before: last.prev! });
    expect(middle.entries.map((e) => e.id)).toEqual(all.slice(25, 50).map((r) => r.id));
    const first = await list({ actor: paging.id, size: '25', before: middle.prev! });
    expect(first.entries.map((e) => e.id)).toEqual(all.slice(0, 25).map((r) => r.id));
    expect(first.prev).toBeNull();
  });
});
