// Database ids are UUIDs. An id from a URL is checked before it reaches a query: PostgreSQL refuses to
// cast anything else, which would surface as a server error instead of "not found". Client-safe.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
