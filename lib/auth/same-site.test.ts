import { describe, expect, it } from 'vitest';
import { checkSameSite } from './same-site';

const self = 'https://panel.example';
const headers = (values: Record<string, string>) => ({ get: (name: string) => values[name.toLowerCase()] ?? null });

describe('checkSameSite', () => {
  it('lets the panel itself and a typed address through', () => {
    expect(checkSameSite(headers({ 'sec-fetch-site': 'same-origin' }), self)).toEqual({ ok: true });
    expect(checkSameSite(headers({ 'sec-fetch-site': 'none' }), self)).toEqual({ ok: true });
    expect(checkSameSite(headers({ origin: self }), self)).toEqual({ ok: true });
    expect(checkSameSite(headers({ referer: `${self}/transactions?q=x` }), self)).toEqual({ ok: true });
    expect(checkSameSite(headers({}), self)).toEqual({ ok: true });
  });

  it('refuses requests another site made a browser send', () => {
    const attempts: Array<Record<string, string>> = [{ 'sec-fetch-site': 'cross-site' }, { 'sec-fetch-site': 'same-site' }, { origin: 'https://evil.example' }, { referer: 'https://evil.example/x' }, { origin: 'null' }];
    for (const h of attempts) {
      expect(checkSameSite(headers(h), self), JSON.stringify(h)).toMatchObject({ ok: false });
    }
  });
});
