// The caller's address for throttling and the audit log, from X-Forwarded-For. Each proxy appends
// the address it received the request from, so only the right-most entries are written by proxies
// we run; everything left of them is whatever the client sent and may be forged (a left-most pick
// would let anyone choose their address and slip past the per-address throttle). With
// TRUSTED_PROXY_HOPS proxies in front, the entry that many places from the right is the client.
// Without a proxy, Next sets the header to the socket address only when the client sent none, so
// a direct client can still forge it: run the panel behind a proxy (the per-e-mail throttle does
// not depend on this either way).

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function read(headers: HeaderSource, name: string): string | undefined {
  if (headers instanceof Headers) return headers.get(name) ?? undefined;
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

const MAX_LENGTH = 64; // longest IPv6 text with a zone is well below this; anything longer is junk

function clean(candidate: string | undefined): string | null {
  const value = candidate?.trim().replace(/^\[|\]$/g, '');
  if (!value || value.length > MAX_LENGTH || !/^[0-9a-fA-F:.%a-zA-Z-]+$/.test(value)) return null;
  // IPv4 clients arriving over an IPv6 socket appear as ::ffff:1.2.3.4; one key per client.
  return value.startsWith('::ffff:') && value.includes('.') ? value.slice(7) : value;
}

export function clientIpFrom(headers: HeaderSource, trustedHops = 1): string | null {
  const forwarded = read(headers, 'x-forwarded-for');
  if (forwarded) {
    const entries = forwarded.split(',');
    const client = clean(entries[Math.max(0, entries.length - Math.max(1, trustedHops))]);
    if (client) return client;
  }
  return clean(read(headers, 'x-real-ip'));
}
