// What a mutation says about itself for the audit log. Client-safe (types only).

export interface AuditDraft {
  /** Dotted verb, e.g. "users.invite", "cards.topup". */
  action: string;
  /** One human sentence, e.g. "Anna Nowak invited jan@example.com as Viewer." */
  summary: string;
  targetType?: string;
  targetId?: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditActor {
  id: string;
  email: string;
  name: string;
}
