import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { codeSubject, codeText } from './message-text';
import type { Channel } from './notifier';

// E-mail over SMTP (nodemailer). The URL carries host, port and credentials: smtp:// upgrades with
// STARTTLS when the server offers it, smtps:// is TLS from the start. Nodemailer's own logger stays off:
// it would print message bodies, which hold the code.

const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 };

export function smtpTransport(url: string): Transporter {
  const parsed = new URL(url);
  const secure = parsed.protocol === 'smtps:';
  return nodemailer.createTransport({
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : secure ? 465 : 587,
    secure,
    auth: parsed.username ? { user: decodeURIComponent(parsed.username), pass: decodeURIComponent(parsed.password) } : undefined,
    logger: false,
    debug: false,
    ...TIMEOUTS,
  });
}

export function emailChannel({ transport, from }: { transport: Transporter; from: string }): Channel {
  return {
    name: 'email',
    addressFor: (message) => message.recipient.email,
    async send(message, to) {
      await transport.sendMail({ from, to, subject: codeSubject(message), text: codeText(message) });
    },
  };
}
