// The caller's address for throttling and the audit log. Deployments put the app behind a proxy
// that sets X-Forwarded-For (Next's own server sets it to the socket address when absent); the
// left-most entry is the original client. A client can forge extra entries only in front of a
// proxy that appends instead of overwriting: the per-e-mail throttle does not depend on this.

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

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

export function clientIpFrom(headers: HeaderSource): string | null {
  const forwarded = read(headers, 'x-forwarded-for');
  if (forwarded) {
    const first = clean(forwarded.split(',')[0]);
    if (first) return first;
  }
  return clean(read(headers, 'x-real-ip'));
}
