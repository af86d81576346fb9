// Spring-style pages: `?page=` (0-based) and `?size=` → { content, page, size, totalElements, totalPages }.
import { validationError, type FieldError } from '../http/errors';

export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 1000;

export interface PageRequest {
  page: number;
  size: number;
}

function integerParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number, errors: FieldError[]): number {
  const raw = query.get(name);
  if (raw === null || raw === '') return fallback;
  if (!/^\d+$/.test(raw)) {
    errors.push({ field: name, message: 'must be a non-negative integer' });
    return fallback;
  }
  const value = Number(raw);
  if (value < min || value > max) errors.push({ field: name, message: `must be between ${min} and ${max}` });
  return value;
}

export function parsePageRequest(query: URLSearchParams, errors: FieldError[] = []): PageRequest {
  const page = integerParam(query, 'page', 0, 0, Number.MAX_SAFE_INTEGER, errors);
  const size = integerParam(query, 'size', DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE, errors);
  return { page, size };
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length > 0) throw validationError(errors);
}

/** Pages `items` (already filtered and ordered) and maps only the page's items. */
export function toPage<T, R>(items: readonly T[], request: PageRequest, map: (item: T) => R) {
  const start = request.page * request.size;
  return {
    content: items.slice(start, start + request.size).map(map),
    page: request.page,
    size: request.size,
    totalElements: items.length,
    totalPages: Math.ceil(items.length / request.size),
  };
}

/** Comma-separated or repeated values of one filter, validated against `allowed`. */
export function enumListParam<T extends string>(query: URLSearchParams, name: string, allowed: readonly T[], errors: FieldError[]): Set<T> | null {
  const values = query.getAll(name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  if (values.length === 0) return null;
  const bad = values.filter((v) => !(allowed as readonly string[]).includes(v));
  if (bad.length > 0) errors.push({ field: name, message: `unknown value ${bad.join(', ')}; expected ${allowed.join(', ')}` });
  return new Set(values as T[]);
}
