import 'server-only';
import { z } from 'zod';
import { getEnv } from '@/lib/env';

// The development mail sink's list (scripts/lib/mail-sink.ts), for /dev/mail. Only against the sandbox:
// the sink holds codes, which are fake there and real anywhere else.

const mailSchema = z.array(z.object({ id: z.number(), at: z.string(), from: z.string(), to: z.array(z.string()), subject: z.string(), text: z.string() }));
export type DevMail = z.infer<typeof mailSchema>[number];

export function devMailAvailable(): boolean {
  const env = getEnv();
  return Boolean(env.DEV_MAIL_SINK_URL) && env.SPARADOS_ENV === 'sandbox';
}

export async function readDevMail(): Promise<{ ok: true; mails: DevMail[] } | { ok: false; message: string }> {
  const url = getEnv().DEV_MAIL_SINK_URL;
  if (!url) return { ok: false, message: 'DEV_MAIL_SINK_URL is not set.' };
  try {
    const response = await fetch(url, { cache: 'no-store', signal: AbortSignal.timeout(3_000) });
    if (!response.ok) return { ok: false, message: `The mail sink answered HTTP ${response.status}.` };
    return { ok: true, mails: mailSchema.parse(await response.json()) };
  } catch {
    return { ok: false, message: `The mail sink at ${url} does not answer. Is npm run dev still running?` };
  }
}
