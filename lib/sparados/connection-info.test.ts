import { describe, expect, it } from 'vitest';
import { certificateToPem, createSelfSignedCa, exportPrivateKeyPem, generateRsaKeyPair, issueCertificate } from '@/lib/pki';
import { parseSparadosEnv } from '@/lib/env';
import { resolveSparadosConfig } from './config';
import { toConnectionInfo } from './connection-info';

const DAY = 86_400_000;

describe('toConnectionInfo', () => {
  it('shows environment, URLs, subject, issuer and days to expiry, with a warning from 30 days out', async () => {
    const ca = await createSelfSignedCa({ commonName: 'Info CA' }, await generateRsaKeyPair(2048));
    const keys = await generateRsaKeyPair(2048);
    const corporationId = '4f9d2c7a-1b3e-4a6f-8c5d-2e7b9a1c3d5f';
    const cert = certificateToPem(
      await issueCertificate({ subject: { commonName: 'V-Sparados', organization: 'Demo', organizationalUnit: corporationId }, publicKey: keys.publicKey, issuer: ca, days: 100 }),
    );
    const env = parseSparadosEnv({
      SPARADOS_ENV: 'beta',
      SPARADOS_CERT_BASE64: Buffer.from(cert).toString('base64'),
      SPARADOS_KEY_BASE64: Buffer.from(await exportPrivateKeyPem(keys.privateKey)).toString('base64'),
      SPARADOS_CORPORATION_ID: corporationId,
    });

    const today = toConnectionInfo(resolveSparadosConfig(env));
    expect(today).toMatchObject({
      environment: 'beta',
      baseUrls: { cards: 'https://sparadosv2-bc-api.secure-verestro.dev/secure' },
      corporationId,
      certificate: { subject: `O=Demo, OU=${corporationId}, CN=V-Sparados`, issuer: 'CN=Info CA', daysToExpiry: 99, expiryWarning: false, keyBits: 2048 },
      problems: [],
    });

    const later = toConnectionInfo(resolveSparadosConfig(env, { now: new Date(Date.now() + 80 * DAY) }));
    expect(later.certificate).toMatchObject({ daysToExpiry: 19, expiryWarning: true });
    expect(later.problems.map((p) => p.severity)).toEqual(['warning']);

    // The boundary: exactly 30 whole days left already warns (page flag and problem list), 31 does not.
    const notAfter = Date.parse(today.certificate!.notAfter);
    const at30 = toConnectionInfo(resolveSparadosConfig(env, { now: new Date(notAfter - 30 * DAY - 60_000) }));
    expect(at30.certificate).toMatchObject({ daysToExpiry: 30, expiryWarning: true });
    expect(at30.problems).toEqual([expect.objectContaining({ severity: 'warning', message: expect.stringContaining('(in 30 days)') })]);
    const at31 = toConnectionInfo(resolveSparadosConfig(env, { now: new Date(notAfter - 31 * DAY - 60_000) }));
    expect(at31.certificate).toMatchObject({ daysToExpiry: 31, expiryWarning: false });
    expect(at31.problems).toEqual([]);

    const info = JSON.stringify(today);
    expect(info).not.toContain('PRIVATE KEY');
    expect(info).not.toContain('BEGIN CERTIFICATE');
  }, 30_000);

  it('still shows environment and URLs when nothing is configured', () => {
    const info = toConnectionInfo(resolveSparadosConfig(parseSparadosEnv({ SPARADOS_ENV: 'prod' })));
    expect(info).toMatchObject({ environment: 'prod', certificate: null, corporationId: null });
    expect(info.baseUrls.full).toBe('https://sp-api.secure-verestro.com');
    expect(info.problems.length).toBe(3);
  });
});
