import { X509Certificate as NodeX509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  certificateToPem,
  createCsr,
  createSelfSignedCa,
  exportPrivateKeyPem,
  exportPublicKeyPem,
  generateRsaKeyPair,
  importKeyPairPem,
  importPublicKeyPem,
  isSignedBy,
  issueCertificate,
  loadCertificateAuthority,
  parseCertificate,
  parseCsr,
  type CertificateAuthority,
} from './index';

const corporationId = '0b6f3c1e-6a8e-4c4b-9f53-2f6c1f1d7a10';
const clientSubject = {
  commonName: 'V-Sparados',
  organization: 'Demo Company',
  organizationalUnit: corporationId,
  locality: 'Warsaw',
  state: 'Mazowieckie',
  country: 'PL',
  emailAddress: 'it@demo.example',
};

describe('lib/pki', () => {
  let ca: CertificateAuthority;
  let caPem: string;

  beforeAll(async () => {
    ca = await createSelfSignedCa({ commonName: 'Test CA', organization: 'Test' }, await generateRsaKeyPair(2048));
    caPem = certificateToPem(ca.certificate);
  });

  it('refuses keys under 2048 bits', async () => {
    await expect(generateRsaKeyPair(1024)).rejects.toThrow(/2048/);
  });

  it('exports keys Node itself reads, and imports them back', async () => {
    const keys = await generateRsaKeyPair(2048);
    const privatePem = await exportPrivateKeyPem(keys.privateKey);
    const publicPem = await exportPublicKeyPem(keys.publicKey);
    expect(privatePem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(createPrivateKey(privatePem).asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(createPublicKey(publicPem).asymmetricKeyType).toBe('rsa');
    const again = await importKeyPairPem(privatePem);
    expect(await exportPublicKeyPem(again.publicKey)).toBe(publicPem);
    expect(await exportPublicKeyPem(await importPublicKeyPem(publicPem))).toBe(publicPem);
  });

  it('makes a CA that Node recognises as a self-signed CA', () => {
    const parsed = parseCertificate(caPem);
    expect(parsed.isCa).toBe(true);
    expect(parsed.selfSigned).toBe(true);
    expect(new NodeX509Certificate(caPem).ca).toBe(true);
  });

  it('issues a client certificate with the Sparados subject, signed by the CA', async () => {
    const keys = await generateRsaKeyPair(2048);
    const pem = certificateToPem(await issueCertificate({ subject: clientSubject, publicKey: keys.publicKey, issuer: ca, clientAuth: true, days: 30 }));
    const parsed = parseCertificate(pem);
    expect(parsed.subject).toEqual(clientSubject);
    expect(parsed.issuer.commonName).toBe('Test CA');
    expect(parsed.keyBits).toBe(2048);
    expect(parsed.extendedKeyUsages).toEqual(['clientAuth']);
    expect(parsed.isCa).toBe(false);
    expect(parsed.notAfter.getTime() - parsed.notBefore.getTime()).toBe(30 * 86_400_000);
    expect(await isSignedBy(pem, caPem)).toBe(true);
    expect(new NodeX509Certificate(pem).checkIssued(new NodeX509Certificate(caPem))).toBe(true);
    expect(new NodeX509Certificate(pem).verify(new NodeX509Certificate(caPem).publicKey)).toBe(true);
  });

  it('puts DNS names and IPs in the server certificate', async () => {
    const keys = await generateRsaKeyPair(2048);
    const pem = certificateToPem(
      await issueCertificate({ subject: { commonName: 'localhost' }, publicKey: keys.publicKey, issuer: ca, serverAuth: true, serverNames: ['localhost'], ips: ['127.0.0.1'] }),
    );
    const parsed = parseCertificate(pem);
    expect(parsed.dnsNames).toEqual(['localhost']);
    expect(parsed.ips).toEqual(['127.0.0.1']);
    expect(new NodeX509Certificate(pem).checkHost('localhost')).toBe('localhost');
    expect(new NodeX509Certificate(pem).checkIP('127.0.0.1')).toBe('127.0.0.1');
  });

  it('tells a foreign signature apart', async () => {
    const other = await createSelfSignedCa({ commonName: 'Test CA' }, await generateRsaKeyPair(2048));
    const keys = await generateRsaKeyPair(2048);
    const pem = certificateToPem(await issueCertificate({ subject: clientSubject, publicKey: keys.publicKey, issuer: other }));
    expect(await isSignedBy(pem, caPem)).toBe(false);
  });

  it('reloads a CA from PEM and keeps signing with it', async () => {
    const reloaded = await loadCertificateAuthority(caPem, await exportPrivateKeyPem(ca.keys.privateKey));
    const keys = await generateRsaKeyPair(2048);
    const pem = certificateToPem(await issueCertificate({ subject: { commonName: 'x' }, publicKey: keys.publicKey, issuer: reloaded }));
    expect(await isSignedBy(pem, caPem)).toBe(true);
  });

  it('creates a CSR whose subject and signature read back', async () => {
    const keys = await generateRsaKeyPair(2048);
    const pem = await createCsr({ subject: clientSubject, keys });
    expect(pem).toMatch(/^-----BEGIN CERTIFICATE REQUEST-----/);
    const parsed = await parseCsr(pem);
    expect(parsed.subject).toEqual(clientSubject);
    expect(parsed.signatureValid).toBe(true);
    expect(parsed.subjectText).toContain(`OU=${corporationId}`);
    expect(await exportPublicKeyPem(parsed.publicKey)).toBe(await exportPublicKeyPem(keys.publicKey));
  });
});
