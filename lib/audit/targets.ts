import 'server-only';
import { can, type Role } from '@/lib/auth/permissions';
import { db } from '@/lib/db';
import { actionLabel } from './action-labels';
import type { AuditTargetView } from './view-types';

// What an audit entry is about, in words and as a link. Targets are (targetType, targetId) pairs the
// writers chose: a card is 'card' + the panel's Card id (lib/approvals, lib/bulk, lib/operations);
// an approval is 'approval' + its panel id or Sparados id, and belongs to its card.

export const CARD_TARGET = 'card';
export const APPROVAL_TARGET = 'approval';

interface TargetRef {
  targetType: string | null;
  targetId: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const uuidsOf = (ids: Iterable<string>) => [...new Set([...ids].filter((id) => UUID.test(id)))];

function personName(p: { firstName: string | null; lastName: string | null; email: string }): string {
  return [p.firstName, p.lastName].filter(Boolean).join(' ') || p.email;
}

export function cardLabel(card: { description: string | null; cardholder: { firstName: string | null; lastName: string | null; email: string } }): string {
  const holder = personName(card.cardholder);
  return card.description ? `${card.description} (${holder})` : holder;
}

const CARD_SELECT = { id: true, description: true, cardholder: { select: { firstName: true, lastName: true, email: true } } } as const;

export interface ApprovalRef {
  cardId: string;
  sparadosId: string;
}

/** Approval targets (by panel id or Sparados id) → the approval's Sparados id and its card. */
export async function approvalCards(keys: Iterable<string>): Promise<Map<string, ApprovalRef>> {
  const list = [...new Set(keys)];
  if (list.length === 0) return new Map();
  const rows = await db.approval.findMany({
    where: { OR: [{ id: { in: uuidsOf(list) } }, { sparadosId: { in: list } }] },
    select: { id: true, sparadosId: true, cardId: true },
  });
  const out = new Map<string, ApprovalRef>();
  for (const row of rows) {
    const ref = { cardId: row.cardId, sparadosId: row.sparadosId };
    out.set(row.id, ref);
    out.set(row.sparadosId, ref);
  }
  return out;
}

/** The panel card an entry is about, if it is about one. */
export function cardIdOf(ref: TargetRef, approvals: Map<string, ApprovalRef>): string | null {
  if (!ref.targetId) return null;
  if (ref.targetType === CARD_TARGET) return ref.targetId;
  if (ref.targetType === APPROVAL_TARGET) return approvals.get(ref.targetId)?.cardId ?? null;
  return null;
}

/** Labels and links for the targets of a page of entries, keyed "type|id". Few queries, one per kind. */
export async function describeTargets(refs: readonly TargetRef[], role: Role): Promise<Map<string, AuditTargetView>> {
  const ids = (type: string) => refs.filter((r) => r.targetType === type && r.targetId).map((r) => r.targetId!);
  const approvals = await approvalCards(ids(APPROVAL_TARGET));
  const cardIds = uuidsOf([...ids(CARD_TARGET), ...[...approvals.values()].map((a) => a.cardId)]);
  const [cards, holders, users, imports] = await Promise.all([
    cardIds.length ? db.card.findMany({ where: { id: { in: cardIds } }, select: CARD_SELECT }) : [],
    uuidsOf(ids('cardholder')).length
      ? db.cardholder.findMany({ where: { id: { in: uuidsOf(ids('cardholder')) } }, select: { id: true, firstName: true, lastName: true, email: true } })
      : [],
    uuidsOf(ids('AdminUser')).length ? db.adminUser.findMany({ where: { id: { in: uuidsOf(ids('AdminUser')) } }, select: { id: true, name: true, email: true } }) : [],
    uuidsOf(ids('bulk_import')).length ? db.bulkImport.findMany({ where: { id: { in: uuidsOf(ids('bulk_import')) } }, select: { id: true, fileName: true } }) : [],
  ]);
  const cardById = new Map(cards.map((c) => [c.id, c]));
  const holderById = new Map(holders.map((h) => [h.id, h]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const importById = new Map(imports.map((b) => [b.id, b]));

  const out = new Map<string, AuditTargetView>();
  for (const { targetType: type, targetId: id } of refs) {
    if (!type || !id || out.has(`${type}|${id}`)) continue;
    let label = `${type} ${id}`;
    let href: string | null = null;
    if (type === CARD_TARGET || type === APPROVAL_TARGET) {
      const approval = type === APPROVAL_TARGET ? approvals.get(id) : undefined;
      const cardId = type === CARD_TARGET ? id : approval?.cardId;
      const card = cardId ? cardById.get(cardId) : undefined;
      if (card) {
        // Approvals go by their Sparados id, the one people see on the card page and in Sparados.
        label = type === CARD_TARGET ? `card “${cardLabel(card)}”` : `approval ${approval!.sparadosId} of card “${cardLabel(card)}”`;
        href = `/cards/${card.id}`;
      } else {
        label = type === CARD_TARGET ? `card ${id}` : `approval ${id}`;
      }
    } else if (type === 'cardholder') {
      const holder = holderById.get(id);
      label = holder ? `cardholder ${personName(holder)}` : `cardholder ${id}`;
      href = holder ? `/cardholders/${id}` : null;
    } else if (type === 'AdminUser') {
      const user = userById.get(id);
      label = user ? `admin user ${user.name} <${user.email}>` : `admin user ${id}`;
      href = user && can(role, 'users.manage') ? '/settings/users' : null;
    } else if (type === 'bulk_import') {
      const bulk = importById.get(id);
      label = bulk ? `bulk import ${bulk.fileName}` : `bulk import ${id}`;
      href = bulk ? `/cards/bulk/${id}` : null;
    } else if (type === 'action') {
      label = `action “${actionLabel(id)}” (${id})`;
    } else if (type === 'Setting') {
      label = `setting ${id}`;
      href = can(role, 'settings.view') ? '/settings' : null;
    }
    out.set(`${type}|${id}`, { type, id, label, href });
  }
  return out;
}
