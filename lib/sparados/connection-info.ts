import 'server-only';
import { expiresSoon, type ConfigProblem } from './certificate-checks';
import { getSparadosEnv } from '@/lib/env';
import { resolveSparadosConfig, type BaseUrls, type ResolvedConfig, type SparadosEnvironment } from './config';

// What the Settings page shows about the Sparados connection. Plain strings and numbers only:
// it crosses into a client component. Never the key, never the PEM.

export interface SparadosConnectionInfo {
  environment: SparadosEnvironment;
  baseUrls: BaseUrls;
  corporationId: string | null;
  certificate: {
    subject: string;
    issuer: string;
    notBefore: string;
    notAfter: string;
    daysToExpiry: number;
    /** From EXPIRY_WARNING_DAYS before expiry (and once expired). */
    expiryWarning: boolean;
    keyBits: number | null;
    source: string;
  } | null;
  problems: ConfigProblem[];
}

export function toConnectionInfo(resolved: ResolvedConfig): SparadosConnectionInfo {
  const parsed = resolved.certificate?.certificate ?? null;
  const days = resolved.certificate?.daysToExpiry ?? null;
  return {
    environment: resolved.environment,
    baseUrls: resolved.baseUrls,
    corporationId: resolved.config?.corporationId ?? parsed?.subject.organizationalUnit ?? null,
    certificate:
      parsed && days !== null
        ? {
            subject: parsed.subjectText,
            issuer: parsed.issuerText,
            notBefore: parsed.notBefore.toISOString(),
            notAfter: parsed.notAfter.toISOString(),
            daysToExpiry: days,
            expiryWarning: expiresSoon(days),
            keyBits: parsed.keyBits,
            source: resolved.config?.cert.origin ?? '',
          }
        : null,
    problems: resolved.problems,
  };
}

/** Resolved afresh on every call (three small file reads) so the days to expiry are today's. */
export function getSparadosConnectionInfo(now = new Date()): SparadosConnectionInfo {
  return toConnectionInfo(resolveSparadosConfig(getSparadosEnv(), { now }));
}
