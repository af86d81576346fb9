import { describe, expect, it } from 'vitest';
import { parseEnv } from '@/lib/env';
import { DEV_SENDER_SUBJECT, senderPins } from './config';

const base = { DATABASE_URL: 'postgresql://x@localhost/db', NEXTAUTH_SECRET: 'x'.repeat(40) };

describe('senderPins', () => {
  it('requires named senders in production', () => {
    expect(() => senderPins(parseEnv({ ...base, NODE_ENV: 'production', NEXTAUTH_URL: 'https://panel.example' }))).toThrow(/WEBHOOK_ALLOWED_SUBJECTS or WEBHOOK_ALLOWED_FINGERPRINTS is required in production/);
  });

  it('reads subjects and fingerprints, normalizing fingerprints to Node’s form', () => {
    const pins = senderPins(parseEnv({ ...base, NODE_ENV: 'production', NEXTAUTH_URL: 'https://panel.example', WEBHOOK_ALLOWED_SUBJECTS: 'a.example, b.example', WEBHOOK_ALLOWED_FINGERPRINTS: 'ab:cd:ef' }));
    expect(pins).toEqual({ subjects: ['a.example', 'b.example'], fingerprints: ['AB:CD:EF'] });
  });

  it('defaults to the sandbox’s outbound certificate outside production', () => {
    expect(senderPins(parseEnv({ ...base, NODE_ENV: 'development' }))).toEqual({ subjects: [DEV_SENDER_SUBJECT], fingerprints: [] });
  });
});
