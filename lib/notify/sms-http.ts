import 'server-only';
import { codeSms } from './message-text';
import type { Channel } from './notifier';

// SMS through any provider with an HTTP API: the request is configuration (URL, Authorization header,
// body template with {{to}} and {{text}}), so switching providers needs no code. A provider's answer body
// is never read into an error: some echo the message, and the message holds the code.

export interface SmsHttpOptions {
  url: string;
  authorization?: string;
  contentType: 'application/json' | 'application/x-www-form-urlencoded';
  bodyTemplate: string;
  timeoutMs?: number;
}

function escapeFor(contentType: SmsHttpOptions['contentType'], value: string): string {
  return contentType === 'application/json' ? JSON.stringify(value).slice(1, -1) : encodeURIComponent(value);
}

export function renderSmsBody(options: Pick<SmsHttpOptions, 'contentType' | 'bodyTemplate'>, to: string, text: string): string {
  const values: Record<string, string> = { to, text };
  return options.bodyTemplate.replace(/\{\{(to|text)\}\}/g, (_all, name: string) => escapeFor(options.contentType, values[name]!));
}

export function smsHttpChannel(options: SmsHttpOptions): Channel {
  return {
    name: 'sms',
    addressFor: (message) => message.recipient.phone,
    async send(message, to) {
      const response = await fetch(options.url, {
        method: 'POST',
        headers: { 'content-type': options.contentType, ...(options.authorization ? { authorization: options.authorization } : {}) },
        body: renderSmsBody(options, to, codeSms(message)),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      await response.body?.cancel();
      if (!response.ok) throw new Error(`the SMS provider answered HTTP ${response.status}`);
    },
  };
}
