import { TZDate } from '@date-fns/tz';

// Every Sparados path in one place (API-REFERENCE §3–§6). When the real Swagger contradicts a path,
// this table is the one edit. `api` picks the base URL: the Cards API base already ends in /secure,
// the Full API base does not (its paths carry /secure), THC's ends in /thc. The reading of the validity
// dates lives here too (VALIDITY_READING), for the same reason.

export type SparadosApi = 'cards' | 'full' | 'thc';
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface Endpoint {
  api: SparadosApi;
  method: HttpMethod;
  /** `{name}` placeholders are filled from path params, URL-encoded. */
  path: string;
}

export const ENDPOINTS = {
  createApproval: { api: 'cards', method: 'POST', path: '/approvals' },
  listApprovals: { api: 'cards', method: 'GET', path: '/approvals' },
  getApproval: { api: 'cards', method: 'GET', path: '/approvals/{id}' },
  editApproval: { api: 'cards', method: 'PUT', path: '/approvals/{id}' },
  cancelApproval: { api: 'cards', method: 'PUT', path: '/approvals/{id}/cancel' },
  unassignApproval: { api: 'cards', method: 'PUT', path: '/approvals/{id}/unassign' },
  increaseBudget: { api: 'cards', method: 'PUT', path: '/approvals/{id}/increase_budget' },
  acceptReapproval: { api: 'cards', method: 'PUT', path: '/approvals/{id}/accept' },
  rejectReapproval: { api: 'cards', method: 'PUT', path: '/approvals/{id}/reject' },
  lockCard: { api: 'cards', method: 'PUT', path: '/approvals/{id}/lock' },
  unlockCard: { api: 'cards', method: 'PUT', path: '/approvals/{id}/unlock' },

  getBalance: { api: 'cards', method: 'GET', path: '/balances/{balanceId}' },

  getCardSensitiveData: { api: 'full', method: 'GET', path: '/secure/cards/{cardId}/sensitive' },
  createUser: { api: 'full', method: 'POST', path: '/secure/users/' },
  getUser: { api: 'full', method: 'GET', path: '/secure/users/{userId}' },
  updateUser: { api: 'full', method: 'PATCH', path: '/secure/users/{userId}' },
  deleteUser: { api: 'full', method: 'DELETE', path: '/secure/users/{userId}' },

  listTransactions: { api: 'thc', method: 'GET', path: '/transactions' },
  getTransaction: { api: 'thc', method: 'GET', path: '/transactions/{id}' },
} as const satisfies Record<string, Endpoint>;

export type EndpointName = keyof typeof ENDPOINTS;

export type QueryValue = string | number | boolean | undefined | null;

// Templates compiled once into literal parts and parameter names: a regex replace with a closure per
// call showed up in the per-call profile (bench:client).
const compiledTemplates = new Map<string, { literals: string[]; names: string[] }>();

function compile(template: string) {
  let compiled = compiledTemplates.get(template);
  if (!compiled) {
    const parts = template.split(/\{(\w+)\}/);
    compiled = { literals: parts.filter((_, i) => i % 2 === 0), names: parts.filter((_, i) => i % 2 === 1) };
    compiledTemplates.set(template, compiled);
  }
  return compiled;
}

export function buildPath(template: string, params: Record<string, string | number> = {}): string {
  const { literals, names } = compile(template);
  let path = literals[0];
  for (let i = 0; i < names.length; i++) {
    const value = params[names[i]];
    if (value === undefined || value === '') throw new Error(`missing path parameter "${names[i]}" for ${template}`);
    path += encodeURIComponent(String(value)) + literals[i + 1];
  }
  return path;
}

/** Joins a base URL (which may carry a path such as /secure) with an endpoint path and query. */
export function buildUrl(base: string, path: string, query?: Record<string, QueryValue>): string {
  const url = (base.endsWith('/') ? base.replace(/\/+$/, '') : base) + path;
  if (!query) return url;
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `${url}?${text}` : url;
}

// ---- validity dates on the wire (docs/decisions/114) ----

/**
 * How Sparados reads `validityPeriod.startDate/endDate` beside `timezone` ("Timezone used to adjust the
 * card validity period to the exact local time", seed 001):
 * - `instant`: the dates are instants as sent (with their offset); the zone names the local calendar
 *   for periodic limits and for people. What the sandbox implements and the panel sends today.
 * - `local-time`: the dates carry the local wall-clock time of the zone, written with a Z, and Sparados
 *   moves them to the zone ("2026-06-30T23:59:59.999Z" + Europe/Warsaw = 23:59:59.999 in Warsaw).
 * A BETA contract run that shows the other reading flips this one constant.
 */
export const VALIDITY_READING: 'instant' | 'local-time' = 'instant';

export interface WireValidity {
  startDate: string;
  endDate: string;
  timezone: string;
}

/** The wall-clock time of `instant` in `timeZone`, written as if it were UTC. */
function wallClockAsUtc(instant: Date, timeZone: string): string {
  const z = new TZDate(instant.getTime(), timeZone);
  return new Date(Date.UTC(z.getFullYear(), z.getMonth(), z.getDate(), z.getHours(), z.getMinutes(), z.getSeconds(), z.getMilliseconds())).toISOString();
}

/** The instant a wall-clock time written as UTC stands for in `timeZone`. */
function utcWallClockToInstant(text: string, timeZone: string): Date {
  const w = new Date(text);
  return new Date(new TZDate(w.getUTCFullYear(), w.getUTCMonth(), w.getUTCDate(), w.getUTCHours(), w.getUTCMinutes(), w.getUTCSeconds(), w.getUTCMilliseconds(), timeZone).getTime());
}

/** The panel's instants as Sparados reads them. */
export function validityToWire(start: Date, end: Date, timezone: string, reading = VALIDITY_READING): WireValidity {
  if (reading === 'instant') return { startDate: start.toISOString(), endDate: end.toISOString(), timezone };
  return { startDate: wallClockAsUtc(start, timezone), endDate: wallClockAsUtc(end, timezone), timezone };
}

/** Sparados' validity as the panel's instants (a missing zone leaves the dates as sent). */
export function validityFromWire(wire: { startDate: string; endDate: string; timezone?: string | null }, reading = VALIDITY_READING): { startDate: Date; endDate: Date } {
  if (reading === 'instant' || !wire.timezone) return { startDate: new Date(wire.startDate), endDate: new Date(wire.endDate) };
  return { startDate: utcWallClockToInstant(wire.startDate, wire.timezone), endDate: utcWallClockToInstant(wire.endDate, wire.timezone) };
}
