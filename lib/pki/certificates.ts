import { X509Certificate as NodeX509Certificate, randomBytes } from 'node:crypto';
import { x509 } from './x509';
import { RSA_SIGNING, importKeyPairPem } from './keys';
import { fromX509Name, toX509Name, type SubjectFields } from './names';

const DAY_MS = 86_400_000;

export interface CertificateAuthority {
  certificate: x509.X509Certificate;
  keys: CryptoKeyPair;
}

function serialNumber(): string {
  // Positive 64-bit serial: clear the top bit so DER does not read it as negative.
  const bytes = randomBytes(8);
  bytes[0] &= 0x7f;
  return bytes.toString('hex');
}

function validity(days: number): { notBefore: Date; notAfter: Date } {
  // Back-date by an hour so a client whose clock runs slightly behind still accepts the certificate.
  const notBefore = new Date(Date.now() - 3_600_000);
  return { notBefore, notAfter: new Date(notBefore.getTime() + days * DAY_MS) };
}

export async function createSelfSignedCa(
  subject: SubjectFields,
  keys: CryptoKeyPair,
  days = 3650,
): Promise<CertificateAuthority> {
  const certificate = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: serialNumber(),
    name: toX509Name(subject),
    ...validity(days),
    keys,
    signingAlgorithm: RSA_SIGNING,
    extensions: [
      new x509.BasicConstraintsExtension(true, 0, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign | x509.KeyUsageFlags.digitalSignature, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  return { certificate, keys };
}

export interface IssueCertificateOptions {
  subject: SubjectFields;
  publicKey: CryptoKey;
  issuer: CertificateAuthority;
  serverNames?: string[];
  ips?: string[];
  clientAuth?: boolean;
  serverAuth?: boolean;
  days?: number;
}

export async function issueCertificate(options: IssueCertificateOptions): Promise<x509.X509Certificate> {
  const { subject, publicKey, issuer, serverNames = [], ips = [], clientAuth = false, serverAuth = false, days = 825 } = options;
  const usages: string[] = [];
  if (serverAuth) usages.push(x509.ExtendedKeyUsage.serverAuth);
  if (clientAuth) usages.push(x509.ExtendedKeyUsage.clientAuth);
  const extensions: x509.Extension[] = [
    new x509.BasicConstraintsExtension(false, undefined, true),
    new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
    await x509.SubjectKeyIdentifierExtension.create(publicKey),
    await x509.AuthorityKeyIdentifierExtension.create(issuer.keys.publicKey),
  ];
  if (usages.length > 0) extensions.push(new x509.ExtendedKeyUsageExtension(usages));
  const altNames = [
    ...serverNames.map((value) => ({ type: 'dns' as const, value })),
    ...ips.map((value) => ({ type: 'ip' as const, value })),
  ];
  if (altNames.length > 0) extensions.push(new x509.SubjectAlternativeNameExtension(altNames));
  return x509.X509CertificateGenerator.create({
    serialNumber: serialNumber(),
    subject: toX509Name(subject),
    issuer: issuer.certificate.subjectName,
    ...validity(days),
    publicKey,
    signingKey: issuer.keys.privateKey,
    signingAlgorithm: RSA_SIGNING,
    extensions,
  });
}

export function certificateToPem(certificate: x509.X509Certificate): string {
  return certificate.toString('pem') + '\n';
}

export async function loadCertificateAuthority(certificatePem: string, privateKeyPem: string): Promise<CertificateAuthority> {
  return { certificate: new x509.X509Certificate(certificatePem), keys: await importKeyPairPem(privateKeyPem) };
}

export interface ParsedCertificate {
  subject: SubjectFields;
  issuer: SubjectFields;
  subjectText: string;
  issuerText: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  keyType: string;
  keyBits: number | null;
  isCa: boolean;
  extendedKeyUsages: Array<'serverAuth' | 'clientAuth' | string>;
  dnsNames: string[];
  ips: string[];
  selfSigned: boolean;
  pem: string;
}

const EKU_NAMES: Record<string, string> = {
  [x509.ExtendedKeyUsage.serverAuth]: 'serverAuth',
  [x509.ExtendedKeyUsage.clientAuth]: 'clientAuth',
};

/** Parses the first certificate of a PEM text. Throws on anything that is not a certificate. */
export function parseCertificate(pem: string): ParsedCertificate {
  const certificate = new x509.X509Certificate(pem);
  const node = new NodeX509Certificate(pem);
  const details = node.publicKey.asymmetricKeyDetails;
  const basic = certificate.getExtension(x509.BasicConstraintsExtension);
  const eku = certificate.getExtension(x509.ExtendedKeyUsageExtension);
  const san = certificate.getExtension(x509.SubjectAlternativeNameExtension);
  const names = san?.names.toJSON() ?? [];
  return {
    subject: fromX509Name(certificate.subjectName),
    issuer: fromX509Name(certificate.issuerName),
    subjectText: certificate.subject,
    issuerText: certificate.issuer,
    serialNumber: certificate.serialNumber,
    notBefore: certificate.notBefore,
    notAfter: certificate.notAfter,
    keyType: node.publicKey.asymmetricKeyType ?? 'unknown',
    keyBits: details?.modulusLength ?? null,
    isCa: basic?.ca ?? false,
    extendedKeyUsages: (eku?.usages ?? []).map((u) => EKU_NAMES[String(u)] ?? String(u)),
    dnsNames: names.filter((n) => n.type === 'dns').map((n) => n.value),
    ips: names.filter((n) => n.type === 'ip').map((n) => n.value),
    selfSigned: certificate.subject === certificate.issuer,
    pem: certificateToPem(certificate),
  };
}

/** True when `certificatePem` carries a valid signature of `issuerPem`'s key. */
export async function isSignedBy(certificatePem: string, issuerPem: string): Promise<boolean> {
  const certificate = new x509.X509Certificate(certificatePem);
  const issuer = new x509.X509Certificate(issuerPem);
  if (certificate.issuer !== issuer.subject) return false;
  return certificate.verify({ publicKey: issuer.publicKey, signatureOnly: true });
}
