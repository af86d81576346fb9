import 'server-only';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { TLSSocket } from 'node:tls';
import type { z } from 'zod';
import {
  threeDsOtpDraft,
  threeDsOtpSchema,
  transactionDraft,
  transactionEventSchema,
  walletDraft,
  walletSchema,
  type InboxDraft,
} from './events';

// The webhook listener (issue 7 item 1): its own HTTPS server, not a Next route, because it must
// demand client certificates from the Verestro CA and reply within 50 ms. It does one thing per call:
// validate, store in the inbox, reply. The worker does the rest (docs/decisions/080).

export interface WebhookListenerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  tls: { cert: string | Buffer; key: string | Buffer; ca: string | Buffer };
  /** When set, POST /basic/transaction-event accepts these credentials instead of a client certificate. */
  basic?: { user: string; password: string } | null;
  /**
   * Besides being signed by the CA, a caller's certificate must be one of these: its subject common name
   * listed, or its SHA-256 fingerprint (docs/decisions/108). A CA may sign for more than Sparados.
   */
  pins: SenderPins;
  /** Stores the event durably; resolves true when it was new, false for a duplicate. */
  record(draft: InboxDraft): Promise<boolean>;
  log?: (level: 'info' | 'warn' | 'error', message: string, details?: Record<string, unknown>) => void;
}

export interface SenderPins {
  subjects: readonly string[];
  /** SHA-256 fingerprints, upper-case hex pairs joined by colons (Node's fingerprint256). */
  fingerprints: readonly string[];
}

/** "ab:CD:01…" or "abcd01…" → Node's "AB:CD:01…". */
export function normalizeFingerprint(value: string): string {
  const hex = value.replace(/[^0-9a-f]/gi, '').toUpperCase();
  return hex.match(/.{2}/g)?.join(':') ?? '';
}

function pinned(socket: TLSSocket, pins: SenderPins): boolean {
  const certificate = socket.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return false;
  const cn = certificate.subject?.CN;
  const names = Array.isArray(cn) ? cn : cn ? [cn] : [];
  if (names.some((name) => pins.subjects.includes(name))) return true;
  return pins.fingerprints.includes(certificate.fingerprint256);
}

export interface RunningWebhookListener {
  server: Server;
  port: number;
  /** https://localhost:<port> (the server certificate names localhost). */
  url: string;
  close(): Promise<void>;
}

type Auth = 'certificate' | 'basic';

interface Route {
  auth: Auth;
  schema: z.ZodType;
  draft(event: never): InboxDraft;
  /** THC takes any 2xx; the Full API notifications are answered 204 (API-REFERENCE §6, §7). */
  status: number;
}

const ROUTES: Record<string, Route> = {
  '/transaction-event': { auth: 'certificate', schema: transactionEventSchema, draft: transactionDraft, status: 202 },
  '/basic/transaction-event': { auth: 'basic', schema: transactionEventSchema, draft: transactionDraft, status: 202 },
  '/3ds-otp': { auth: 'certificate', schema: threeDsOtpSchema, draft: threeDsOtpDraft, status: 204 },
  '/wallet': { auth: 'certificate', schema: walletSchema, draft: walletDraft, status: 204 },
};

const MAX_BODY_BYTES = 64 * 1024;

const digest = (text: string) => createHash('sha256').update(text).digest();

function basicMatches(header: string | undefined, expected: { user: string; password: string }): boolean {
  if (!header?.startsWith('Basic ')) return false;
  const given = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  // Compared as digests so the comparison takes the same time whatever the lengths.
  return timingSafeEqual(digest(given), digest(`${expected.user}:${expected.password}`));
}

function reply(res: ServerResponse, status: number, body?: Record<string, unknown>, headers: Record<string, string> = {}): void {
  if (body === undefined) {
    res.writeHead(status, headers).end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text), ...headers }).end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startWebhookListener(options: WebhookListenerOptions): Promise<RunningWebhookListener> {
  const log = options.log ?? (() => undefined);
  const basic = options.basic ?? null;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = (req.url ?? '/').split('?')[0]!.replace(/\/+$/, '') || '/';
    const route = ROUTES[path];
    if (!route || (route.auth === 'basic' && !basic)) return reply(res, 404, { error: 'NOT_FOUND' });
    if (req.method !== 'POST') return reply(res, 405, { error: 'METHOD_NOT_ALLOWED' }, { allow: 'POST' });

    if (route.auth === 'certificate') {
      // With Basic configured the TLS layer lets certificate-less clients in (for the Basic path);
      // every other path still needs a certificate the CA signed.
      if (!(req.socket as TLSSocket).authorized) return reply(res, 403, { error: 'CLIENT_CERTIFICATE_REQUIRED' });
      if (!pinned(req.socket as TLSSocket, options.pins)) {
        log('warn', 'webhook caller certificate not pinned', { subject: (req.socket as TLSSocket).getPeerCertificate()?.subject?.CN ?? null });
        return reply(res, 403, { error: 'CLIENT_CERTIFICATE_NOT_ALLOWED' });
      }
    } else if (!basicMatches(req.headers.authorization, basic!)) {
      return reply(res, 401, { error: 'UNAUTHORIZED' }, { 'www-authenticate': 'Basic realm="sparados-webhooks"' });
    }

    const raw = await readBody(req);
    if (raw === null) return reply(res, 413, { error: 'PAYLOAD_TOO_LARGE' });
    let json: unknown;
    try {
      json = JSON.parse(raw.toString('utf8'));
    } catch {
      return reply(res, 400, { error: 'INVALID_JSON' });
    }
    const parsed = route.schema.safeParse(json);
    if (!parsed.success) {
      // Paths and messages only: never echo values, which may be one-time codes.
      const errors = parsed.error.issues.slice(0, 10).map((i) => ({ field: i.path.join('.'), message: i.message }));
      return reply(res, 400, { error: 'VALIDATION', errors });
    }

    let isNew: boolean;
    try {
      isNew = await options.record(route.draft(parsed.data as never));
    } catch (error) {
      // 503 makes Sparados retry on its schedule; the reconcile job covers what is dropped after that.
      log('error', 'webhook not stored', { path, detail: error instanceof Error ? error.message : String(error) });
      return reply(res, 503, { error: 'UNAVAILABLE' });
    }
    reply(res, route.status, undefined, isNew ? {} : { 'x-duplicate': '1' });
  }

  const server = createServer(
    {
      cert: options.tls.cert,
      key: options.tls.key,
      ca: options.tls.ca,
      requestCert: true,
      // Without Basic, a client with no or a foreign certificate fails the handshake itself.
      rejectUnauthorized: !basic,
    },
    (req, res) => {
      handle(req, res).catch((error: unknown) => {
        log('error', 'webhook handler failed', { detail: error instanceof Error ? error.message : String(error) });
        if (!res.headersSent) reply(res, 500, { error: 'INTERNAL' });
        else res.destroy();
      });
    },
  );
  server.on('tlsClientError', (error) => log('warn', 'webhook TLS handshake refused', { detail: error.message }));

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as { port: number }).port;
  return {
    server,
    port,
    url: `https://localhost:${port}`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
