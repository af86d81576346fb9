import { X509Certificate, createPrivateKey } from 'node:crypto';
import { parseCertificate, type ParsedCertificate } from '@/lib/pki';

// Checks of the client certificate against the configuration, as pure functions of PEM text and a
// clock, so each message is tested with certificates made on the fly. Used at client start, by
// `npm run cert:check` and by the Settings page.

export const REQUIRED_COMMON_NAME = 'V-Sparados';
export const EXPIRY_WARNING_DAYS = 30;
const DAY_MS = 86_400_000;

export interface ConfigProblem {
  severity: 'error' | 'warning';
  message: string;
}

export interface CertificateCheckInput {
  certificatePem: string;
  keyPem: string;
  caPem?: string | null;
  /** From SPARADOS_CORPORATION_ID; null when not configured. */
  corporationId: string | null;
  now?: Date;
}

export interface CertificateCheckResult {
  certificate: ParsedCertificate | null;
  daysToExpiry: number | null;
  problems: ConfigProblem[];
}

export function daysUntil(date: Date, now: Date): number {
  return Math.floor((date.getTime() - now.getTime()) / DAY_MS);
}

/** "From 30 days out": a certificate with exactly EXPIRY_WARNING_DAYS whole days left is already warned about. */
export function expiresSoon(daysToExpiry: number): boolean {
  return daysToExpiry <= EXPIRY_WARNING_DAYS;
}

export function checkClientCertificate(input: CertificateCheckInput): CertificateCheckResult {
  const now = input.now ?? new Date();
  const problems: ConfigProblem[] = [];
  const error = (message: string) => problems.push({ severity: 'error', message });

  let certificate: ParsedCertificate | null = null;
  try {
    certificate = parseCertificate(input.certificatePem);
  } catch {
    error('the client certificate is not a PEM X.509 certificate');
  }

  let keyReadable = true;
  try {
    createPrivateKey(input.keyPem);
  } catch {
    keyReadable = false;
    error('the private key is not a readable PEM private key (an encrypted key must be decrypted first)');
  }

  if (input.caPem) {
    try {
      new X509Certificate(input.caPem);
    } catch {
      error('the CA file is not a PEM X.509 certificate');
    }
  }

  if (!certificate) return { certificate, daysToExpiry: null, problems };

  if (keyReadable && !new X509Certificate(input.certificatePem).checkPrivateKey(createPrivateKey(input.keyPem))) {
    error('the private key does not match the certificate (it belongs to another key pair)');
  }

  const subject = certificate.subject;
  if (subject.commonName !== REQUIRED_COMMON_NAME) {
    error(`the certificate CN is "${subject.commonName}", Sparados requires CN=${REQUIRED_COMMON_NAME}`);
  }
  if (input.corporationId && subject.organizationalUnit?.toLowerCase() !== input.corporationId.toLowerCase()) {
    error(
      `the certificate OU is "${subject.organizationalUnit ?? '(none)'}", not the configured corporation id ${input.corporationId} (SPARADOS_CORPORATION_ID)`,
    );
  }
  if (certificate.keyType !== 'rsa' || (certificate.keyBits ?? 0) < 2048) {
    error(`the certificate key is ${certificate.keyType} ${certificate.keyBits ?? '?'} bit; Sparados requires RSA of at least 2048 bits`);
  }

  const daysToExpiry = daysUntil(certificate.notAfter, now);
  if (certificate.notBefore.getTime() > now.getTime()) {
    error(`the certificate is not valid before ${certificate.notBefore.toISOString()}`);
  }
  if (certificate.notAfter.getTime() <= now.getTime()) {
    error(`the certificate expired on ${certificate.notAfter.toISOString()}`);
  } else if (expiresSoon(daysToExpiry)) {
    problems.push({
      severity: 'warning',
      message: `the certificate expires on ${certificate.notAfter.toISOString()} (in ${daysToExpiry} days): send a new CSR to Sparados`,
    });
  }

  return { certificate, daysToExpiry, problems };
}
