import { Badge, type BadgeTone } from '@/components/ui/badge';
import { declineReasonInfo } from '@/lib/transactions/decline-reasons';
import type { MirrorStatus } from '@/lib/transactions/view-types';

// How a mirrored transaction's status reads: pending (money blocked) and settled apart, declines
// with their reason in words.

export const STATUS_VIEW = {
  AUTHORIZED: { label: 'Pending', tone: 'warning', hint: 'Authorized: the money is blocked, not settled yet.' },
  CLEARED: { label: 'Settled', tone: 'success', hint: 'Cleared: the payment is settled.' },
  DECLINED: { label: 'Declined', tone: 'danger', hint: 'Refused: no money moved.' },
  REVERSED: { label: 'Reversed', tone: 'neutral', hint: 'The authorization was cancelled and the blocked money released.' },
  UNKNOWN: { label: 'Unknown', tone: 'neutral', hint: 'A status this panel does not know yet.' },
} as const satisfies Record<MirrorStatus, { label: string; tone: BadgeTone; hint: string }>;

export function TransactionStatusBadge({ status, raw }: { status: MirrorStatus; raw: string }) {
  const view = STATUS_VIEW[status];
  return (
    <Badge tone={view.tone} title={view.hint}>
      {status === 'UNKNOWN' ? `${view.label}: ${raw}` : view.label}
    </Badge>
  );
}

export function DeclineReasonText({ reason }: { reason: string | null }) {
  const info = declineReasonInfo(reason);
  return (
    <span className="text-xs text-red-700" title={info.explanation}>
      {info.title}
    </span>
  );
}
