import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '@/lib/env';
import { buildAuthOptions, OIDC_PROVIDER_ID } from './options';

const base = {
  DATABASE_URL: 'postgresql://localhost/unused',
  NEXTAUTH_SECRET: 'x'.repeat(40),
  SESSION_MAX_AGE_MINUTES: '90',
};

describe('auth options', () => {
  it('offers only e-mail and password when single sign-on is not configured', () => {
    const options = buildAuthOptions(parseEnv(base));
    expect(options.providers.map((p) => p.id)).toEqual(['credentials']);
    expect(options.session).toEqual({ strategy: 'jwt', maxAge: 90 * 60 });
    expect(options.pages).toEqual({ signIn: '/sign-in', error: '/sign-in' });
  });

  it('makes the session cookie Secure in production whatever NEXTAUTH_URL says, and over https anywhere', () => {
    expect(buildAuthOptions(parseEnv({ ...base, NODE_ENV: 'production', NEXTAUTH_URL: 'http://panel.internal' })).useSecureCookies).toBe(true);
    expect(buildAuthOptions(parseEnv({ ...base, NODE_ENV: 'development', NEXTAUTH_URL: 'https://panel.example' })).useSecureCookies).toBe(true);
    expect(buildAuthOptions(parseEnv({ ...base, NODE_ENV: 'development', NEXTAUTH_URL: 'http://localhost:3000' })).useSecureCookies).toBe(false);
  });

  it('adds an OpenID Connect provider discovered from the issuer when configured', () => {
    const options = buildAuthOptions(
      parseEnv({
        ...base,
        AUTH_OIDC_ISSUER: 'https://login.example.com/realms/corp/',
        AUTH_OIDC_CLIENT_ID: 'panel',
        AUTH_OIDC_CLIENT_SECRET: 'secret',
        AUTH_OIDC_NAME: 'Corp SSO',
      }),
    );
    const oidc = options.providers.find((p) => p.id === OIDC_PROVIDER_ID);
    expect(oidc).toMatchObject({
      type: 'oauth',
      name: 'Corp SSO',
      wellKnown: 'https://login.example.com/realms/corp/.well-known/openid-configuration',
      idToken: true,
      checks: ['pkce', 'state'],
      clientId: 'panel',
    });
  });

  it('admits only invited users through single sign-on unless sign-up is opened to named domains', () => {
    expect(parseEnv(base)).toMatchObject({ AUTH_OIDC_ALLOW_NEW_USERS: false, AUTH_OIDC_ALLOWED_DOMAINS: [] });
    expect(parseEnv({ ...base, AUTH_OIDC_ALLOW_NEW_USERS: 'true', AUTH_OIDC_ALLOWED_DOMAINS: ' Corp.example , @sub.corp.example ' })).toMatchObject({
      AUTH_OIDC_ALLOW_NEW_USERS: true,
      AUTH_OIDC_ALLOWED_DOMAINS: ['corp.example', 'sub.corp.example'],
    });
    const problems = (source: Record<string, string>) => {
      try {
        parseEnv({ ...base, ...source });
      } catch (error) {
        if (error instanceof EnvError) return error.problems.join('\n');
        throw error;
      }
      return '';
    };
    expect(problems({ AUTH_OIDC_ALLOW_NEW_USERS: 'true' })).toMatch(/AUTH_OIDC_ALLOWED_DOMAINS is required when AUTH_OIDC_ALLOW_NEW_USERS is true/);
    expect(problems({ AUTH_OIDC_ALLOW_NEW_USERS: 'true', AUTH_OIDC_ALLOWED_DOMAINS: 'corp.example, not a domain' })).toMatch(/"not a domain" is not an e-mail domain/);
    expect(problems({ AUTH_OIDC_ALLOW_NEW_USERS: 'yes' })).toMatch(/AUTH_OIDC_ALLOW_NEW_USERS/);
  });

  it('keeps redirects on this site', async () => {
    const redirect = buildAuthOptions(parseEnv(base)).callbacks!.redirect!;
    const baseUrl = 'https://panel.example.com';
    expect(await redirect({ url: '/cards', baseUrl })).toBe('https://panel.example.com/cards');
    expect(await redirect({ url: 'https://panel.example.com/audit', baseUrl })).toBe('https://panel.example.com/audit');
    expect(await redirect({ url: 'https://evil.example.net/', baseUrl })).toBe(baseUrl);
  });
});
