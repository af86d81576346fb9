import 'server-only';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { getEnv, type Env } from '@/lib/env';
import { EnvError } from '@/lib/env';
import { normalizeFingerprint, type SenderPins, type WebhookListenerOptions } from './listener';
import { sealingKey } from './seal';

// The listener's settings from the environment: files read once at start, so a missing certificate
// stops the process with its name instead of failing the first call.

function read(variable: string, path: string): Buffer {
  const absolute = resolve(path);
  try {
    return readFileSync(absolute);
  } catch {
    throw new Error(`${variable} ${absolute}: file not found (npm run certs makes the dev ones)`);
  }
}

export interface WebhookSettings {
  host: string;
  port: number;
  tls: WebhookListenerOptions['tls'];
  basic: WebhookListenerOptions['basic'];
  pins: SenderPins;
  sealKey: Buffer;
}

/** The certificate `npm run certs` makes for the sandbox's outbound calls (scripts/certs.ts). */
export const DEV_SENDER_SUBJECT = 'sparados-outbound.sandbox';

/**
 * Which senders the listener accepts beyond the CA (docs/decisions/108). Production must name them; in
 * development and tests the sandbox's own outbound certificate is the default.
 */
export function senderPins(env: Env): SenderPins {
  const pins = { subjects: env.WEBHOOK_ALLOWED_SUBJECTS, fingerprints: env.WEBHOOK_ALLOWED_FINGERPRINTS.map(normalizeFingerprint) };
  if (pins.subjects.length > 0 || pins.fingerprints.length > 0) return pins;
  if (env.NODE_ENV === 'production') {
    throw new EnvError(['WEBHOOK_ALLOWED_SUBJECTS or WEBHOOK_ALLOWED_FINGERPRINTS is required in production: the subject common name or SHA-256 fingerprint of the certificate Sparados calls with']);
  }
  return { subjects: [DEV_SENDER_SUBJECT], fingerprints: [] };
}

export function webhookSettings(env: Env = getEnv()): WebhookSettings {
  return {
    host: env.WEBHOOK_HOST,
    port: env.WEBHOOK_PORT,
    tls: {
      cert: read('WEBHOOK_TLS_CERT_FILE', env.WEBHOOK_TLS_CERT_FILE),
      key: read('WEBHOOK_TLS_KEY_FILE', env.WEBHOOK_TLS_KEY_FILE),
      ca: read('WEBHOOK_CA_FILE', env.WEBHOOK_CA_FILE),
    },
    basic:
      env.WEBHOOK_THC_BASIC_USER && env.WEBHOOK_THC_BASIC_PASSWORD
        ? { user: env.WEBHOOK_THC_BASIC_USER, password: env.WEBHOOK_THC_BASIC_PASSWORD }
        : null,
    pins: senderPins(env),
    sealKey: webhookSealKey(env),
  };
}

/** The key that seals one-time codes in the inbox; the listener and the worker derive the same one. */
export function webhookSealKey(env: Env = getEnv()): Buffer {
  return sealingKey(env.NEXTAUTH_SECRET);
}
