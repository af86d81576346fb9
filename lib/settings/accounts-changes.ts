import type { AccountsSetting } from '@/lib/accounts/schema';
import { joinPhrases, orderChanged, quote } from './phrases';

// What a save of the accounts and card visuals changed, for its audit sentence. Accounts are
// matched by Card Alias ID and visuals by id: those are what approvals carry. Client-safe.

type AccountValue = AccountsSetting['accounts'][number];
type VisualValue = AccountsSetting['visuals'][number];

const orNone = (value: string | null) => value ?? 'none';

function accountEdits(before: AccountValue, after: AccountValue): string[] {
  const edits: string[] = [];
  if (before.name !== after.name) edits.push(`name ${quote(before.name)} → ${quote(after.name)}`);
  if (before.balanceId !== after.balanceId) edits.push(`balance id ${orNone(before.balanceId)} → ${orNone(after.balanceId)}`);
  if (before.currency !== after.currency) edits.push(`currency ${before.currency} → ${after.currency}`);
  return edits;
}

/** One phrase per added, removed or edited account or visual, accounts first. */
export function accountsChangePhrases(before: AccountsSetting | null, after: AccountsSetting): string[] {
  const oldAccounts = new Map((before?.accounts ?? []).map((a) => [a.cardAliasId, a]));
  const newAliases = new Set(after.accounts.map((a) => a.cardAliasId));
  const oldVisuals = new Map((before?.visuals ?? []).map((v) => [v.id, v]));
  const newVisualIds = new Set(after.visuals.map((v) => v.id));
  return [
    ...after.accounts.flatMap((a) => {
      const old = oldAccounts.get(a.cardAliasId);
      if (!old) return [`added account ${quote(a.name)} (Card Alias ID ${a.cardAliasId}, ${a.currency})`];
      const edits = accountEdits(old, a);
      return edits.length ? [`changed account ${a.cardAliasId}: ${edits.join(', ')}`] : [];
    }),
    ...(before?.accounts ?? []).filter((a) => !newAliases.has(a.cardAliasId)).map((a) => `removed account ${quote(a.name)} (Card Alias ID ${a.cardAliasId})`),
    ...after.visuals.flatMap((v: VisualValue) => {
      const old = oldVisuals.get(v.id);
      if (!old) return [`added visual ${quote(v.name)} (${v.id})`];
      return old.name !== v.name ? [`renamed visual ${v.id} from ${quote(old.name)} to ${quote(v.name)}`] : [];
    }),
    ...(before?.visuals ?? []).filter((v) => !newVisualIds.has(v.id)).map((v) => `removed visual ${quote(v.name)} (${v.id})`),
    // The first account is the assign form's default, so the order is a change of its own.
    ...(orderChanged(before?.accounts.map((a) => a.cardAliasId) ?? [], after.accounts.map((a) => a.cardAliasId)) ? ['changed the order of the accounts'] : []),
    ...(orderChanged(before?.visuals.map((v) => v.id) ?? [], after.visuals.map((v) => v.id)) ? ['changed the order of the visuals'] : []),
  ];
}

/** "Anna Nowak changed the accounts and card visuals: added account 'Travel' (Card Alias ID …, PLN); removed visual 'Red' (v-red)." */
export function accountsChangeSentence(actorName: string, phrases: readonly string[]): string {
  return `${actorName} changed the accounts and card visuals: ${joinPhrases(phrases)}.`;
}
