import { Badge } from '@/components/ui/badge';
import { CARD_STATUS_LABELS, CARD_STATUS_TONES, STATUS_LABELS, STATUS_TONES, cardStatusOf, type ApprovalStatus } from '@/lib/approvals/state-machine';

export function ApprovalStatusBadge({ status, raw }: { status: ApprovalStatus | null; raw?: string }) {
  if (!status) return <Badge>No approval</Badge>;
  return (
    <Badge tone={STATUS_TONES[status]} title={raw && status === 'UNKNOWN' ? `Sparados status: ${raw}` : undefined}>
      {status === 'UNKNOWN' && raw ? `${STATUS_LABELS.UNKNOWN}: ${raw}` : STATUS_LABELS[status]}
    </Badge>
  );
}

/** Only a delivered card has a card status worth showing. */
export function CardStatusBadge({ status, cardStatus }: { status: ApprovalStatus | null; cardStatus: string | null }) {
  const value = status === 'DELIVERED' ? cardStatusOf(cardStatus) : null;
  if (status === 'DELIVERED' && !value) {
    return (
      <Badge tone="warning" title="Sparados did not say whether the card is locked">
        Card status unknown
      </Badge>
    );
  }
  if (!value) return <span className="text-xs text-slate-400">—</span>;
  return <Badge tone={CARD_STATUS_TONES[value]}>{CARD_STATUS_LABELS[value]}</Badge>;
}
