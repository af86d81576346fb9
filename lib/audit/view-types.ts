import type { AuditJson } from './json';

// What the audit log page receives: plain JSON, dates as ISO strings. Client-safe (types only).

export interface AuditTargetView {
  type: string;
  id: string;
  /** "card “Travel – J. Smith”", "admin user Jan Kowalski", or the raw type and id when unknown. */
  label: string;
  /** Where the target can be opened, when the viewer may open it. */
  href: string | null;
}

export interface AuditEntryView {
  id: string;
  at: string;
  /** Null for what the panel did by itself (sync, reconciler) or a refused sign-in. */
  actor: { id: string | null; name: string | null; email: string | null } | null;
  action: string;
  actionLabel: string;
  summary: string;
  ip: string | null;
  target: AuditTargetView | null;
  before: AuditJson | null;
  after: AuditJson | null;
}

export interface AuditPage {
  entries: AuditEntryView[];
  /** Cursor of the page of older entries, if any. */
  next: string | null;
  /** Cursor of the page of newer entries, if any. */
  prev: string | null;
}

export interface AuditCardMatch {
  id: string;
  label: string;
}

export interface AuditFilterOptions {
  actions: Array<{ value: string; label: string }>;
  actors: Array<{ value: string; label: string }>;
}
