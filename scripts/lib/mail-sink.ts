import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

// The development mail sink: an SMTP server on loopback that accepts every message and keeps the last
// few hundred in memory, and a loopback HTTP endpoint listing them (JSON, newest first) for the panel's
// /dev/mail page. `npm run dev` and the e2e services start one; production never does.

export interface SunkMail {
  id: number;
  at: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
}

export interface MailSink {
  /** For SMTP_URL. */
  smtpUrl: string;
  /** For DEV_MAIL_SINK_URL. */
  listUrl: string;
  messages(): SunkMail[];
  close(): Promise<void>;
}

const KEEP = 500;

function addresses(value: unknown): string[] {
  const list = Array.isArray(value) ? value : value ? [value] : [];
  return list.flatMap((a: { value?: Array<{ address?: string }> }) => (a.value ?? []).map((v) => v.address ?? '')).filter(Boolean);
}

export async function startMailSink({ host = '127.0.0.1', smtpPort = 0, httpPort = 0 }: { host?: string; smtpPort?: number; httpPort?: number } = {}): Promise<MailSink> {
  const kept: SunkMail[] = [];
  let nextId = 1;

  const smtp = new SMTPServer({
    authOptional: true,
    // Plain loopback SMTP: no TLS upgrade, no login; the sink is a developer's inbox, not a relay.
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 1024 * 1024,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address);
          kept.unshift({
            id: nextId++,
            at: new Date().toISOString(),
            from: addresses(parsed.from)[0] ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : ''),
            to: envelopeTo.length ? envelopeTo : addresses(parsed.to),
            subject: parsed.subject ?? '',
            text: parsed.text ?? '',
          });
          kept.length = Math.min(kept.length, KEEP);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve, reject) => {
    smtp.once('error', reject);
    smtp.listen(smtpPort, host, () => resolve());
  });

  const http: Server = createServer((request, response) => {
    if (request.method !== 'GET') {
      response.writeHead(405).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(kept));
  });
  await new Promise<void>((resolve) => http.listen(httpPort, host, () => resolve()));

  const smtpAddress = smtp.server.address() as AddressInfo;
  const httpAddress = http.address() as AddressInfo;
  return {
    smtpUrl: `smtp://${host}:${smtpAddress.port}`,
    listUrl: `http://${host}:${httpAddress.port}/messages`,
    messages: () => [...kept],
    async close() {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}
