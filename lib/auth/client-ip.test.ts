import { describe, expect, it } from 'vitest';
import { clientIpFrom } from './client-ip';

describe('clientIpFrom', () => {
  it('takes the entry written by the outermost trusted proxy, not what the client put in front of it', () => {
    // One proxy that appends: the client forged 203.0.113.7, the proxy saw 198.51.100.20.
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '203.0.113.7, 198.51.100.20' }))).toBe('198.51.100.20');
    expect(clientIpFrom(new Headers({ 'x-forwarded-for': '203.0.113.7, 198.51.100.20' }), 1)).toBe('198.51.100.20');
    // A CDN then a load balancer: the CDN appended the client, the balancer appended the CDN.
    expect(clientIpFrom({ 'x-forwarded-for': '203.0.113.7, 198.51.100.20, 10.0.0.2' }, 2)).toBe('198.51.100.20');
    // Fewer entries than proxies: the left-most is all there is.
    expect(clientIpFrom({ 'x-forwarded-for': '198.51.100.20' }, 3)).toBe('198.51.100.20');
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
