import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from '@/scripts/lib/mail-sink';
import { emailChannel, smtpTransport } from './email';
import type { CodeDelivery } from './notifier';
import { createNotifier } from './route';
import { renderSmsBody, smsHttpChannel } from './sms-http';

// The real channels against real servers on loopback: nodemailer into the development mail sink, and
// the SMS channel into a small HTTP server standing in for a provider.

const otp: CodeDelivery = {
  kind: 'THREE_DS_OTP',
  code: '482913',
  recipient: { name: 'Lena Kowalska', email: 'lena@example.test', phone: '+48600100200' },
  card: { sparadosCardId: '77', last4: '4242' },
  context: '12.30 PLN at Sklep "Online"',
};

describe('the e-mail channel', () => {
  let sink: MailSink;
  beforeAll(async () => void (sink = await startMailSink()));
  afterAll(() => sink.close());

  it('sends the code to the cardholder over SMTP, with the card and the warning', async () => {
    const channel = emailChannel({ transport: smtpTransport(sink.smtpUrl), from: 'Company cards <cards@example.test>' });
    expect(channel.addressFor(otp)).toBe('lena@example.test');
    await channel.send(otp, 'lena@example.test');
    const [mail] = sink.messages();
    expect(mail).toMatchObject({ from: 'cards@example.test', to: ['lena@example.test'], subject: 'Your payment confirmation code' });
    expect(mail!.text).toContain('482913 is your code to confirm a payment of 12.30 PLN at Sklep "Online" with your company card •••• 4242.');
    expect(mail!.text).toContain('Never share it');
  });

  it('fails, without the code in the reason, when nothing listens; the router then tries the next channel', async () => {
    const closed = smtpTransport('smtp://127.0.0.1:9');
    const calls: string[] = [];
    const notifier = createNotifier([
      emailChannel({ transport: closed, from: 'cards@example.test' }),
      { name: 'console', addressFor: () => 'console', send: async (m) => void calls.push(m.kind) },
    ]);
    const attempts = await notifier.deliver(otp);
    expect(attempts.map((a) => [a.channel, a.error === null])).toEqual([
      ['email', false],
      ['console', true],
    ]);
    expect(attempts[0]!.error).toMatch(/ECONNREFUSED|connect/i);
    expect(attempts[0]!.error).not.toContain('482913');
    expect(calls).toEqual(['THREE_DS_OTP']);
  });
});

describe('the SMS channel over HTTP', () => {
  const received: Array<{ auth: string | undefined; type: string | undefined; body: string }> = [];
  let answer = 202;
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ auth: request.headers.authorization, type: request.headers['content-type'], body });
      // A provider that echoes the message in its error, as some do.
      response.writeHead(answer, { 'content-type': 'application/json' }).end(JSON.stringify({ echo: body }));
    });
  });
  let url = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('fills the configured body template, escaped for JSON, with the configured Authorization', async () => {
    const channel = smsHttpChannel({ url, authorization: 'Bearer sms-key', contentType: 'application/json', bodyTemplate: '{"from":"Cards","to":"{{to}}","message":"{{text}}"}' });
    await channel.send(otp, '+48600100200');
    const last = received.at(-1)!;
    expect(last.auth).toBe('Bearer sms-key');
    expect(last.type).toBe('application/json');
    const body = JSON.parse(last.body) as { to: string; message: string; from: string };
    expect(body).toMatchObject({ from: 'Cards', to: '+48600100200' });
    expect(body.message).toBe('482913 is your code for payment 12.30 PLN at Sklep "Online" (card 4242). Never share it.');
  });

  it('form-encodes for a form provider', () => {
    expect(renderSmsBody({ contentType: 'application/x-www-form-urlencoded', bodyTemplate: 'to={{to}}&text={{text}}' }, '+48 600', 'a&b c')).toBe('to=%2B48%20600&text=a%26b%20c');
  });

  it('reports a refusal by status only, never the answer body (which may echo the code)', async () => {
    answer = 500;
    const channel = smsHttpChannel({ url, contentType: 'application/json', bodyTemplate: '{"to":"{{to}}","text":"{{text}}"}' });
    await expect(channel.send(otp, '+48600100200')).rejects.toThrow(/^the SMS provider answered HTTP 500$/);
    answer = 202;
  });
});
