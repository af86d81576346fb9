import { describe, expect, it } from 'vitest';
import { parseSparadosEnv } from '@/lib/env';
import { resolveSparadosConfig, SparadosConfigError, type ResolvedConfig } from './config';
import { checkSparadosAtStart } from './startup-check';

describe('checkSparadosAtStart', () => {
  it('stops the server with every configuration error in one message', () => {
    const resolved = resolveSparadosConfig(parseSparadosEnv({ SPARADOS_ENV: 'prod' }));
    const warnings: string[] = [];
    let thrown: unknown;
    try {
      checkSparadosAtStart(resolved, (line) => warnings.push(line));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(SparadosConfigError);
    const message = (thrown as Error).message;
    expect(message).toMatch(/^Sparados connection is not configured correctly:\n/);
    expect(message).toContain('SPARADOS_CERT_FILE or SPARADOS_CERT_BASE64 is required for prod');
    expect(message).toContain('SPARADOS_KEY_FILE or SPARADOS_KEY_BASE64 is required for prod');
    expect(message).toContain('SPARADOS_CORPORATION_ID is required for prod');
    expect(warnings).toEqual([]);
  });

  it('logs warnings and lets a usable configuration start', () => {
    // A configuration that resolved, with the warning an almost expired certificate gives
    // (config.test.ts makes that warning from a real certificate).
    const base = resolveSparadosConfig(parseSparadosEnv({ SPARADOS_ENV: 'beta' }));
    const resolved: ResolvedConfig = {
      ...base,
      config: { environment: 'beta' } as ResolvedConfig['config'],
      problems: [{ severity: 'warning', message: 'the certificate expires on 2031-01-01T00:00:00.000Z (in 12 days): send a new CSR to Sparados' }],
    };
    const warnings: string[] = [];
    expect(() => checkSparadosAtStart(resolved, (line) => warnings.push(line))).not.toThrow();
    expect(warnings).toEqual([
      'Sparados connection warning: the certificate expires on 2031-01-01T00:00:00.000Z (in 12 days): send a new CSR to Sparados',
    ]);
  });
});
