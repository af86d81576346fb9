// `npm run csr -- --company … --corporation-id … --email … --country … [--state … --city …] [--out DIR] [--bits 4096]`
// Writes <company>.key (private key, mode 600) and <company>.csr for Sparados to sign, with the
// subject the seeds require. The equivalent of the seeds' openssl command, with the checks built in.
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createCsr, exportPrivateKeyPem, generateRsaKeyPair } from '../lib/pki';
import { DEFAULT_KEY_BITS, csrFileBase, opensslSubject, validateCsrSubject, validateKeyBits } from '../lib/sparados/csr-subject';

const USAGE = `Usage: npm run csr -- --company NAME --corporation-id UUID --email ADDRESS --country CC
                      [--state STATE] [--city CITY] [--out DIR] [--bits 4096] [--force]`;

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        company: { type: 'string' },
        'corporation-id': { type: 'string' },
        email: { type: 'string' },
        country: { type: 'string' },
        state: { type: 'string' },
        city: { type: 'string' },
        out: { type: 'string' },
        bits: { type: 'string' },
        force: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }

  const { subject, problems } = validateCsrSubject({
    company: values.company,
    corporationId: values['corporation-id'],
    email: values.email,
    country: values.country,
    state: values.state,
    city: values.city,
  });
  const bits = values.bits === undefined ? DEFAULT_KEY_BITS : Number(values.bits);
  const bitsProblem = validateKeyBits(bits);
  if (bitsProblem) problems.push(bitsProblem);
  if (!subject || problems.length > 0) {
    console.error(`Cannot create the CSR:\n${problems.map((p) => `  - ${p}`).join('\n')}\n${USAGE}`);
    return 2;
  }

  // npm runs scripts from the project root; INIT_CWD is where the user typed the command.
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const dir = resolve(cwd, values.out ?? '.');
  const base = csrFileBase(subject.organization!);
  const keyPath = join(dir, `${base}.key`);
  const csrPath = join(dir, `${base}.csr`);
  for (const path of [keyPath, csrPath]) {
    if (existsSync(path) && !values.force) {
      console.error(`${path} already exists: move it away or pass --force (a new key invalidates a certificate signed for the old one)`);
      return 1;
    }
  }

  console.log(`Generating an RSA ${bits}-bit key (this takes a few seconds)…`);
  const keys = await generateRsaKeyPair(bits);
  const csr = await createCsr({ subject, keys });
  await mkdir(dir, { recursive: true });
  await writeFile(keyPath, await exportPrivateKeyPem(keys.privateKey), { mode: 0o600 });
  await writeFile(csrPath, csr);

  console.log(`
Subject: ${opensslSubject(subject)}
Private key: ${keyPath}  (keep it secret; it never leaves this machine)
CSR:         ${csrPath}  (send this file to Sparados)

Check:  openssl req -verify -in "${csrPath}" -noout -subject
When Sparados returns the certificate, configure SPARADOS_CERT_FILE, SPARADOS_KEY_FILE and
SPARADOS_CORPORATION_ID=${subject.organizationalUnit}, then run npm run cert:check.`);
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(error);
    process.exit(1);
  },
);
