import { describe, expect, it } from 'vitest';
import { parseSparadosEnv } from '../../lib/env';
import { resolveSparadosConfig } from '../../lib/sparados/config';
import { loadCorporation } from '../../sandbox/fixtures/corporation';
import { sandboxClientEnv } from './sandbox-env';

const certs = { clientCert: '/c/client.pem', clientKey: '/c/client-key.pem', sandboxCa: '/c/sandbox-ca.pem' };

describe('sandboxClientEnv', () => {
  it('points every API of the client at the sandbox with the development certificate', () => {
    const env = sandboxClientEnv({ url: 'https://127.0.0.1:4443', certs });
    expect(env).toEqual({
      SANDBOX_URL: 'https://127.0.0.1:4443',
      SPARADOS_ENV: 'sandbox',
      SPARADOS_CARDS_URL: 'https://127.0.0.1:4443/secure',
      SPARADOS_THC_URL: 'https://127.0.0.1:4443/thc',
      SPARADOS_FULL_URL: 'https://127.0.0.1:4443',
      SPARADOS_CERT_FILE: '/c/client.pem',
      SPARADOS_KEY_FILE: '/c/client-key.pem',
      SPARADOS_CA_FILE: '/c/sandbox-ca.pem',
      SPARADOS_CORPORATION_ID: loadCorporation().corporationId,
    });
    // The client's own configuration reads them as the sandbox's base URLs.
    expect(resolveSparadosConfig(parseSparadosEnv(env), { readFile: () => null }).baseUrls).toEqual({
      cards: 'https://127.0.0.1:4443/secure',
      thc: 'https://127.0.0.1:4443/thc',
      full: 'https://127.0.0.1:4443',
    });
  });

  it('lets variables already set win, except the environment and the sandbox URL', () => {
    const env = sandboxClientEnv(
      { url: 'https://127.0.0.1:4443', certs, corporationId: 'corp-1' },
      { SPARADOS_CERT_FILE: '/mine/cert.pem', SPARADOS_ENV: 'beta', SANDBOX_URL: 'https://elsewhere', SPARADOS_KEY_FILE: '' },
    );
    expect(env).toMatchObject({
      SANDBOX_URL: 'https://127.0.0.1:4443',
      SPARADOS_ENV: 'sandbox',
      SPARADOS_CERT_FILE: '/mine/cert.pem',
      SPARADOS_KEY_FILE: '/c/client-key.pem',
      SPARADOS_CORPORATION_ID: 'corp-1',
    });
  });
});
