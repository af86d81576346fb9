// GET requests with effects (the CSV exports write audit rows and take cardholders' data out) must
// not be triggerable from another site: a link or image on a foreign page would send the admin's
// cookie along. Browsers say where a request comes from in Sec-Fetch-Site (and Origin/Referer);
// only the panel's own pages ("same-origin") or the admin typing the address ("none") may ask.
// A client that sends none of these headers is not a browser a foreign page can drive. Client-safe.

export interface SiteHeaders {
  get(name: string): string | null;
}

export type SiteVerdict = { ok: true } | { ok: false; reason: string };

function originOf(value: string): string | null {
  try {
    return new URL(value).origin;
  } catch {
    return null;
  }
}

/** `selfOrigin`: the panel's own origin as the request reached it (scheme, host and port). */
export function checkSameSite(headers: SiteHeaders, selfOrigin: string): SiteVerdict {
  const site = headers.get('sec-fetch-site');
  if (site !== null) return site === 'same-origin' || site === 'none' ? { ok: true } : { ok: false, reason: `Sec-Fetch-Site: ${site}` };
  const origin = headers.get('origin');
  if (origin !== null) return origin === selfOrigin ? { ok: true } : { ok: false, reason: `Origin: ${origin}` };
  const referer = headers.get('referer');
  if (referer !== null) return originOf(referer) === selfOrigin ? { ok: true } : { ok: false, reason: 'Referer from another site' };
  return { ok: true };
}

/** The refusal route handlers answer with. */
export function crossSiteRefusal(): Response {
  return Response.json({ code: 'FORBIDDEN', message: 'Start the export from the panel itself.' }, { status: 403 });
}
