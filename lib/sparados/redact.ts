import { passesLuhn } from './luhn';

// What may never appear in a log line (issue 4, PCI DSS): keys, PAN, CVV, OTPs, activation codes.
// Log calls pass structured fields; everything goes through `redact` first, so a careless field
// name or a PAN inside a message is caught here rather than in every caller.

const SECRET_KEY = /^(cardno|pan|cvv|cvc|cvv2|otp|activationcode|privatekey|key|cert|certificate|password|secret|authorization|public-key|publickey|payload|rawbody|body|exp)$/i;

const REDACTED = '[redacted]';

// 13–19 digits, optionally split by spaces or dashes, as a PAN is written.
const PAN_CANDIDATE = /\b\d(?:[ -]?\d){12,18}\b/g;
const PEM_BLOCK = /-----BEGIN [A-Z ]+-----[\s\S]*?(-----END [A-Z ]+-----|$)/g;

export function redactText(text: string): string {
  return text
    .replace(PEM_BLOCK, REDACTED)
    .replace(PAN_CANDIDATE, (match) => (passesLuhn(match.replace(/[ -]/g, '')) ? '[pan]' : match));
}

export function redact(value: unknown, depth = 0): unknown {
  if (depth > 6) return '[deep]';
  if (typeof value === 'string') return redactText(value);
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: redactText(value.message) };
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = SECRET_KEY.test(k) ? REDACTED : redact(v, depth + 1);
    return out;
  }
  return value;
}
