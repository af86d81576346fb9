import 'server-only';
import { z } from 'zod';

// The only module that reads process.env. Parsed once, on first use (Next's build imports server
// modules without a runtime environment, so parsing at import time would break `next build`);
// instrumentation.ts calls getEnv() at server start so a bad configuration fails fast.

const bool = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1');

const optionalString = z
  .string()
  .trim()
  .transform((v) => (v === '' ? undefined : v))
  .optional();

const ROLE_NAMES = ['VIEWER', 'OPERATOR', 'APPROVER', 'ADMIN'] as const;
type Role = (typeof ROLE_NAMES)[number];

const commaList = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  );

// Sparados connection (issue 4). Parsed here; file reads and certificate checks live in
// lib/sparados/config.ts. Kept as its own shape so scripts (csr, cert:check, bench) can parse it alone.
// Line breaks are dropped so both `base64 -w0` and wrapped `base64` output work.
const base64Pem = optionalString
  .transform((v) => v?.replace(/\s+/g, ''))
  .pipe(z.base64({ error: 'must be base64 of a PEM file (base64 -w0 file.pem)' }).optional());
const sparadosEnvShape = {
  SPARADOS_ENV: z.enum(['sandbox', 'beta', 'prod'], { error: 'SPARADOS_ENV must be sandbox, beta or prod' }).default('sandbox'),
  SPARADOS_CARDS_URL: optionalString.pipe(z.url({ error: 'SPARADOS_CARDS_URL must be a URL' }).optional()),
  SPARADOS_THC_URL: optionalString.pipe(z.url({ error: 'SPARADOS_THC_URL must be a URL' }).optional()),
  SPARADOS_FULL_URL: optionalString.pipe(z.url({ error: 'SPARADOS_FULL_URL must be a URL' }).optional()),
  SPARADOS_CERT_FILE: optionalString,
  SPARADOS_CERT_BASE64: base64Pem,
  SPARADOS_KEY_FILE: optionalString,
  SPARADOS_KEY_BASE64: base64Pem,
  SPARADOS_CA_FILE: optionalString,
  SPARADOS_CA_BASE64: base64Pem,
  SPARADOS_CORPORATION_ID: optionalString.pipe(z.uuid({ error: 'SPARADOS_CORPORATION_ID must be a UUID' }).optional()),
  /// Payment account id for GET /secure/balances/{balanceId} (not the Card Alias ID).
  SPARADOS_BALANCE_ID: optionalString,
  /// Card Alias ID used as balance.id when creating approvals.
  SPARADOS_CARD_ALIAS_ID: optionalString,
  SPARADOS_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
  SANDBOX_PORT: z.coerce.number().int().min(1).max(65_535).default(4443),
};
// LOG_LEVEL rides along so the Sparados client's redacting logger works in scripts too.
const sparadosEnvSchema = z.object({
  ...sparadosEnvShape,
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});
export type SparadosEnv = z.infer<typeof sparadosEnvSchema>;

const schema = z
  .object({
    ...sparadosEnvShape,
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    DATABASE_URL: z
      .string({ error: 'DATABASE_URL is required (npm run dev and npm test set it for the embedded database)' })
      .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),

    NEXTAUTH_SECRET: z
      .string({ error: 'NEXTAUTH_SECRET is required: a random string of at least 32 characters' })
      .min(32, 'NEXTAUTH_SECRET must be at least 32 characters'),
    NEXTAUTH_URL: optionalString.pipe(z.url({ error: 'NEXTAUTH_URL must be a URL' }).optional()),
    SESSION_MAX_AGE_MINUTES: z.coerce.number().int().min(5).max(60 * 24 * 7).default(8 * 60),
    /// Roles that must sign in with a second factor (TOTP): a comma list, "all" or "none" (docs/decisions/109).
    MFA_REQUIRED_ROLES: z
      .string()
      .default('ADMIN,APPROVER')
      .transform((v, ctx) => {
        const text = v.trim().toUpperCase();
        if (text === 'NONE' || text === '') return [] as Role[];
        if (text === 'ALL') return [...ROLE_NAMES];
        const roles = text.split(',').map((r) => r.trim()).filter(Boolean);
        const unknown = roles.filter((r) => !(ROLE_NAMES as readonly string[]).includes(r));
        if (unknown.length) ctx.addIssue({ code: 'custom', message: `MFA_REQUIRED_ROLES: unknown role ${unknown.join(', ')} (use VIEWER, OPERATOR, APPROVER, ADMIN, all or none)` });
        return roles as Role[];
      }),
    /// Server actions one user may run per minute (lib/actions/rate-limit.ts); polls and type-ahead do not count.
    ACTIONS_PER_MINUTE: z.coerce.number().int().min(10).max(10_000).default(120),
    LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    LOGIN_LOCK_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
    /// Proxies in front of the panel that append to X-Forwarded-For (lib/auth/client-ip.ts).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),

    AUTH_OIDC_ISSUER: optionalString.pipe(z.url({ error: 'AUTH_OIDC_ISSUER must be a URL' }).optional()),
    AUTH_OIDC_CLIENT_ID: optionalString,
    AUTH_OIDC_CLIENT_SECRET: optionalString,
    AUTH_OIDC_NAME: z.string().default('Single sign-on'),
    /// Whether someone the identity provider knows but the panel does not may sign in (and is added
    /// with AUTH_OIDC_DEFAULT_ROLE). Off: single sign-on admits only invited or existing users.
    AUTH_OIDC_ALLOW_NEW_USERS: optionalString.pipe(bool.optional()).transform((v) => v ?? false),
    /// Comma-separated e-mail domains new single sign-on users must belong to (required with AUTH_OIDC_ALLOW_NEW_USERS).
    AUTH_OIDC_ALLOWED_DOMAINS: optionalString.transform((v) =>
      (v ?? '')
        .split(',')
        .map((d) => d.trim().toLowerCase().replace(/^@/, ''))
        .filter(Boolean),
    ),
    /// Role given to a first-time single sign-on user; an ADMIN can raise it later.
    AUTH_OIDC_DEFAULT_ROLE: z.enum(['VIEWER', 'OPERATOR', 'APPROVER', 'ADMIN']).default('VIEWER'),

    /// Worker (issue 5): how often approvals are synced from Sparados; changes show within two intervals.
    SYNC_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
    /// A write left SENT (timeout, crash) this long is finished by the reconciler from what Sparados says.
    RECONCILE_AFTER_SECONDS: z.coerce.number().int().min(1).max(86_400).default(30),
    /// PostgreSQL schema where pg-boss keeps its job tables.
    JOBS_SCHEMA: z.string().regex(/^[a-z_][a-z0-9_]*$/, 'JOBS_SCHEMA must be a lower-case SQL identifier').default('pgboss'),

    /// Webhook listener (issue 7, docs/decisions/080): its own HTTPS port for Sparados events, mTLS with the Verestro CA.
    WEBHOOK_HOST: z.string().trim().min(1).default('127.0.0.1'),
    WEBHOOK_PORT: z.coerce.number().int().min(0).max(65_535).default(4480),
    /// CA whose client certificates may call the listener (the environment's Verestro CA).
    WEBHOOK_CA_FILE: z.string().trim().min(1).default('.certs/verestro-ca.pem'),
    /// The listener's own server certificate; in dev the sandbox server certificate (localhost) is reused (decision 081).
    WEBHOOK_TLS_CERT_FILE: z.string().trim().min(1).default('.certs/sandbox-server.pem'),
    WEBHOOK_TLS_KEY_FILE: z.string().trim().min(1).default('.certs/sandbox-server-key.pem'),
    /// Which certificates may call the listener beyond the CA's signature (docs/decisions/108): subject common
    /// names and SHA-256 fingerprints, comma-separated. Required in production.
    WEBHOOK_ALLOWED_SUBJECTS: commaList,
    WEBHOOK_ALLOWED_FINGERPRINTS: commaList,
    /// THC may call POST /basic/transaction-event with HTTP Basic instead of a client certificate when both are set.
    WEBHOOK_THC_BASIC_USER: optionalString,
    WEBHOOK_THC_BASIC_PASSWORD: optionalString,
    /// Where one-time codes go (lib/notify, docs/decisions/119): channels in order of preference, comma-separated,
    /// from email (SMTP_URL), sms (SMS_HTTP_URL) and console (development only). A code goes by the first that
    /// reaches the cardholder; if it fails, by the next; if all fail, the worker retries with backoff.
    NOTIFIER: commaList.pipe(z.array(z.enum(['email', 'sms', 'console'], { error: 'NOTIFIER lists channels from email, sms and console' })).transform((v) => (v.length ? v : ['console' as const]))),
    /// SMTP server for the e-mail channel: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465.
    SMTP_URL: optionalString.pipe(z.url({ protocol: /^smtps?$/, error: 'SMTP_URL must be smtp://… or smtps://…' }).optional()),
    NOTIFY_EMAIL_FROM: z.string().trim().min(3).default('Company cards <cards@localhost>'),
    /// SMS provider over HTTP: POSTs SMS_HTTP_BODY (placeholders {{to}} and {{text}}, escaped for the content type)
    /// to SMS_HTTP_URL with SMS_HTTP_AUTHORIZATION as the Authorization header; any 2xx is accepted.
    SMS_HTTP_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: 'SMS_HTTP_URL must be an http(s) URL' }).optional()),
    SMS_HTTP_AUTHORIZATION: optionalString,
    SMS_HTTP_CONTENT_TYPE: z.enum(['application/json', 'application/x-www-form-urlencoded']).default('application/json'),
    SMS_HTTP_BODY: z.string().default('{"to":"{{to}}","text":"{{text}}"}'),
    /// Development mail sink's message list (npm run dev starts it): shown on the panel's /dev/mail page.
    DEV_MAIL_SINK_URL: optionalString.pipe(z.url({ error: 'DEV_MAIL_SINK_URL must be a URL' }).optional()),
    /// How often the worker pages through THC for events that never arrived, and how far back each pass reaches.
    TRANSACTIONS_RECONCILE_SECONDS: z.coerce.number().int().min(5).max(86_400).default(60),
    TRANSACTIONS_RECONCILE_OVERLAP_MINUTES: z.coerce.number().int().min(0).max(7 * 24 * 60).default(15),

    /// Requests inbox (issue 6): hours an unanswered change request lives before Sparados expires it. Sparados
    /// does not document it, so it is unknown unless set; with SPARADOS_ENV=sandbox the sandbox's own setting
    /// (SANDBOX_REAPPROVAL_EXPIRY_HOURS, default 72) is used.
    SPARADOS_REAPPROVAL_EXPIRY_HOURS: optionalString.pipe(z.coerce.number<string | undefined>().min(0).max(24 * 365).optional()),
    SANDBOX_REAPPROVAL_EXPIRY_HOURS: optionalString.pipe(z.coerce.number<string | undefined>().min(0).max(24 * 365).optional()),

    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    ALLOW_PRODUCTION_SEED: optionalString.pipe(bool.optional()),
  })
  .superRefine((env, ctx) => {
    if (env.NOTIFIER.includes('email') && !env.SMTP_URL) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'SMTP_URL is required when NOTIFIER includes email' });
    if (env.NOTIFIER.includes('sms') && !env.SMS_HTTP_URL) ctx.addIssue({ code: 'custom', path: ['SMS_HTTP_URL'], message: 'SMS_HTTP_URL is required when NOTIFIER includes sms' });
    if (env.NOTIFIER.includes('sms') && !env.SMS_HTTP_BODY.includes('{{text}}')) ctx.addIssue({ code: 'custom', path: ['SMS_HTTP_BODY'], message: 'SMS_HTTP_BODY must contain {{text}}, where the message goes' });
    if (Boolean(env.WEBHOOK_THC_BASIC_USER) !== Boolean(env.WEBHOOK_THC_BASIC_PASSWORD)) {
      ctx.addIssue({ code: 'custom', path: ['WEBHOOK_THC_BASIC_PASSWORD'], message: 'WEBHOOK_THC_BASIC_USER and WEBHOOK_THC_BASIC_PASSWORD are set together or not at all' });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      for (const [name, value] of [
        ['AUTH_OIDC_ISSUER', env.AUTH_OIDC_ISSUER],
        ['AUTH_OIDC_CLIENT_ID', env.AUTH_OIDC_CLIENT_ID],
        ['AUTH_OIDC_CLIENT_SECRET', env.AUTH_OIDC_CLIENT_SECRET],
      ] as const) {
        if (!value) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is required when single sign-on is configured` });
      }
    }
    // Open sign-up without a domain list would let anyone with an account at the provider read the company's cards.
    if (env.AUTH_OIDC_ALLOW_NEW_USERS && env.AUTH_OIDC_ALLOWED_DOMAINS.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['AUTH_OIDC_ALLOWED_DOMAINS'],
        message: 'AUTH_OIDC_ALLOWED_DOMAINS is required when AUTH_OIDC_ALLOW_NEW_USERS is true (e.g. "example.com")',
      });
    }
    for (const domain of env.AUTH_OIDC_ALLOWED_DOMAINS) {
      if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) {
        ctx.addIssue({ code: 'custom', path: ['AUTH_OIDC_ALLOWED_DOMAINS'], message: `AUTH_OIDC_ALLOWED_DOMAINS: "${domain}" is not an e-mail domain` });
      }
    }
  });

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
  });
  throw new EnvError(problems);
}

/** The Sparados variables alone: scripts that talk to Sparados need no database or auth settings. */
export function parseSparadosEnv(source: Record<string, string | undefined>): SparadosEnv {
  const result = sparadosEnvSchema.safeParse(source);
  if (result.success) return result.data;
  throw new EnvError(result.error.issues.map((issue) => {
    const name = issue.path.join('.') || 'environment';
    return issue.message.startsWith(name) ? issue.message : `${name}: ${issue.message}`;
  }));
}

let cachedSparados: SparadosEnv | undefined;

export function getSparadosEnv(): SparadosEnv {
  cachedSparados ??= parseSparadosEnv(process.env);
  return cachedSparados;
}

let cached: Env | undefined;

export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export function oidcEnabled(env: Env = getEnv()): boolean {
  return Boolean(env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_CLIENT_ID && env.AUTH_OIDC_CLIENT_SECRET);
}
