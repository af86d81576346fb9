import type { SubjectFields } from '@/lib/pki';
import { REQUIRED_COMMON_NAME } from './certificate-checks';

// The subject Sparados requires in a CSR (seeds 000, "Connecting to server-to-server APIs"):
// CN=V-Sparados, O=company, OU=corporation UUID, L, ST, C (ISO 3166-1 alpha-2), emailAddress,
// no commas in any value, RSA of at least 2048 bits. Pure checks, one message per problem.

export interface CsrSubjectInput {
  company?: string;
  corporationId?: string;
  email?: string;
  country?: string;
  state?: string;
  city?: string;
}

export const MIN_KEY_BITS = 2048;
export const DEFAULT_KEY_BITS = 4096;
export const ALLOWED_KEY_BITS = [2048, 3072, 4096, 8192] as const;

// Commas are Sparados' rule; the others break the "/C=…/O=…" and "C=…, O=…" text forms of a name.
// An e-mail may carry "+" and "=" in its local part, so it has a lighter set.
const FORBIDDEN = /[,/=+"\\<>;]/;
const FORBIDDEN_IN_EMAIL = /[,/"\\<>;]/;
const CONTROL = /[\u0000-\u001f\u007f]/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;
// Codes Intl knows that are not countries.
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'XA', 'XB', 'ZZ']);

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return false;
  // Intl answers an unassigned code with the code itself.
  return regionNames.of(code) !== code;
}

function checkText(label: string, value: string | undefined, max: number, required: boolean, problems: string[], forbidden = FORBIDDEN): string | undefined {
  const text = value?.trim();
  if (!text) {
    if (required) problems.push(`${label} is required`);
    return undefined;
  }
  if (text.includes(',')) problems.push(`${label} "${text}" contains a comma: Sparados refuses commas in certificate fields`);
  else if (forbidden.test(text)) {
    const found = [...new Set([...text].filter((c) => forbidden.test(c)))].join(' ');
    problems.push(`${label} "${text}" contains ${found}: not allowed in certificate names`);
  }
  else if (CONTROL.test(text)) problems.push(`${label} contains control characters`);
  else if (text.length > max) problems.push(`${label} is longer than ${max} characters`);
  return text;
}

export function validateCsrSubject(input: CsrSubjectInput): { subject: SubjectFields | null; problems: string[] } {
  const problems: string[] = [];
  const company = checkText('--company', input.company, 64, true, problems);
  const corporationId = checkText('--corporation-id', input.corporationId, 36, true, problems);
  if (corporationId && !problems.some((p) => p.startsWith('--corporation-id')) && !UUID.test(corporationId)) {
    problems.push(`--corporation-id "${corporationId}" is not a UUID (use the corporation id Sparados sent)`);
  }
  const email = checkText('--email', input.email, 128, true, problems, FORBIDDEN_IN_EMAIL);
  if (email && !problems.some((p) => p.startsWith('--email')) && !EMAIL.test(email)) problems.push(`--email "${email}" is not an e-mail address`);
  const countryText = checkText('--country', input.country, 2, true, problems);
  const country = countryText?.toUpperCase();
  if (country && !problems.some((p) => p.startsWith('--country')) && !isCountryCode(country)) {
    problems.push(`--country "${countryText}" is not an ISO 3166-1 alpha-2 country code (e.g. PL, DE, US)`);
  }
  const state = checkText('--state', input.state, 128, false, problems);
  const city = checkText('--city', input.city, 128, false, problems);
  if (problems.length > 0) return { subject: null, problems };
  return {
    subject: {
      commonName: REQUIRED_COMMON_NAME,
      organization: company,
      organizationalUnit: corporationId!.toLowerCase(),
      locality: city,
      state,
      country,
      emailAddress: email,
    },
    problems,
  };
}

export function validateKeyBits(bits: number): string | null {
  if (!Number.isInteger(bits) || bits < MIN_KEY_BITS) return `--bits must be at least ${MIN_KEY_BITS} (Sparados' minimum)`;
  if (!(ALLOWED_KEY_BITS as readonly number[]).includes(bits)) return `--bits must be one of ${ALLOWED_KEY_BITS.join(', ')}`;
  return null;
}

/** `<company>.key` / `<company>.csr`: the company name with anything unsafe in a file name replaced. */
export function csrFileBase(company: string): string {
  const base = company
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}._-]/gu, '')
    .replace(/^[.-]+/, '');
  return base || 'sparados';
}

/** The subject in openssl's -subj form, as the seeds show it. */
export function opensslSubject(subject: SubjectFields): string {
  const parts: Array<[string, string | undefined]> = [
    ['C', subject.country],
    ['ST', subject.state],
    ['L', subject.locality],
    ['O', subject.organization],
    ['OU', subject.organizationalUnit],
    ['CN', subject.commonName],
    ['emailAddress', subject.emailAddress],
  ];
  return parts
    .filter(([, v]) => v)
    .map(([k, v]) => `/${k}=${v}`)
    .join('');
}
