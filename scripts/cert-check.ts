// `npm run cert:check [-- --cert FILE --key FILE --ca FILE --corporation-id UUID --env beta --connect]`
// Prints the client certificate's subject, issuer and validity and whether it fits the Sparados
// configuration (SPARADOS_* variables, overridable by flags to check a certificate before installing it).
// Exit code 0 when it fits (warnings allowed), 1 when not.
import { parseArgs } from 'node:util';
import { parseSparadosEnv } from '../lib/env';
import { resolveSparadosConfig } from '../lib/sparados/config';
import { closeSparadosAgents } from '../lib/sparados/dispatcher';

const USAGE = 'Usage: npm run cert:check -- [--cert FILE] [--key FILE] [--ca FILE] [--corporation-id UUID] [--env sandbox|beta|prod] [--connect]';

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        cert: { type: 'string' },
        key: { type: 'string' },
        ca: { type: 'string' },
        'corporation-id': { type: 'string' },
        env: { type: 'string' },
        connect: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const source: Record<string, string | undefined> = { ...process.env };
  const override = (name: string, value: string | undefined, clear?: string) => {
    if (value === undefined) return;
    source[name] = value;
    if (clear) delete source[clear];
  };
  override('SPARADOS_CERT_FILE', values.cert, 'SPARADOS_CERT_BASE64');
  override('SPARADOS_KEY_FILE', values.key, 'SPARADOS_KEY_BASE64');
  override('SPARADOS_CA_FILE', values.ca, 'SPARADOS_CA_BASE64');
  override('SPARADOS_CORPORATION_ID', values['corporation-id']);
  override('SPARADOS_ENV', values.env);

  const resolved = resolveSparadosConfig(parseSparadosEnv(source));
  const parsed = resolved.certificate?.certificate;
  const row = (label: string, value: string) => console.log(`  ${label.padEnd(12)} ${value}`);

  console.log(`Sparados client certificate (environment: ${resolved.environment})`);
  if (parsed) {
    const days = resolved.certificate!.daysToExpiry!;
    row('Subject', parsed.subjectText);
    row('Issuer', parsed.issuerText);
    row('Valid', `${parsed.notBefore.toISOString()} → ${parsed.notAfter.toISOString()} (${days >= 0 ? `${days} days left` : `expired ${-days} days ago`})`);
    row('Key', `${parsed.keyType.toUpperCase()} ${parsed.keyBits ?? '?'} bit`);
    row('Corporation', `OU ${parsed.subject.organizationalUnit ?? '(none)'}; configured ${source.SPARADOS_CORPORATION_ID || '(not set)'}`);
  }
  row('Cards API', resolved.baseUrls.cards);
  row('THC', resolved.baseUrls.thc);
  row('Full API', resolved.baseUrls.full);

  for (const problem of resolved.problems) console.log(`${problem.severity === 'error' ? '✗' : '!'} ${problem.message}`);
  const fits = resolved.config !== null;
  console.log(fits ? '✓ The certificate fits the configuration.' : '✗ The certificate does not fit the configuration.');
  if (!fits || !values.connect) return fits ? 0 : 1;

  const { createSparadosClient } = await import('../lib/sparados/client');
  const { testSparadosConnection } = await import('../lib/sparados/connection-test');
  const result = await testSparadosConnection(createSparadosClient({ config: resolved.config!, retry: { maxAttempts: 1 } }));
  console.log(`${result.ok ? '✓' : '✗'} ${result.endpoint}: ${result.message}${result.latencyMs !== null ? ` (${result.latencyMs} ms)` : ''}`);
  await closeSparadosAgents();
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
