import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './client-ip';

describe('clientIpFrom', () => {
  it('takes the left-most X-Forwarded-For entry', () => {
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '203.0.113.7, 10.0.0.2' }))).toBe('203.0.113.7');
  });

  it('reads plain header objects as next-auth passes them', () => {
    expect(clientIpFrom({ 'x-forwarded-for': '198.51.100.1' })).toBe('198.51.100.1');
  });

  it('unwraps IPv4-mapped IPv6 addresses and brackets', () => {
    expect(clientIpFrom({ 'x-forwarded-for': '::ffff:127.0.0.1' })).toBe('127.0.0.1');
    expect(clientIpFrom({ 'x-forwarded-for': '[::1]' })).toBe('::1');
  });

  it('falls back to X-Real-IP and refuses junk', () => {
    expect(clientIpFrom({ 'x-real-ip': '192.0.2.5' })).toBe('192.0.2.5');
    expect(clientIpFrom({ 'x-forwarded-for': '<script>' })).toBeNull();
    expect(clientIpFrom({})).toBeNull();
  });
});
