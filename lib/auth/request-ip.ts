import 'server-only';
import { getEnv } from '@/lib/env';
import { clientIpFrom, type HeaderSource } from './client-ip';

/** The caller's address with this deployment's proxy count (TRUSTED_PROXY_HOPS). */
export function requestIp(headers: HeaderSource): string | null {
  return clientIpFrom(headers, getEnv().TRUSTED_PROXY_HOPS);
}
