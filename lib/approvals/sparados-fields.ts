import type { FieldErrors } from '@/lib/errors';

// Sparados names fields by its request paths; the form shows them beside its own inputs.
const SPARADOS_FIELDS: Array<[RegExp, string]> = [
  [/^balance/, 'cardAliasId'],
  [/^user\.email/, 'cardholder.email'],
  [/^user\.prefix/, 'cardholder.phonePrefix'],
  [/^user\.phone/, 'cardholder.phoneNumber'],
  [/^user\.firstName/, 'cardholder.firstName'],
  [/^user\.lastName/, 'cardholder.lastName'],
  [/^user\.birthDate/, 'cardholder.birthDate'],
  [/^user\.nationality/, 'cardholder.nationality'],
  [/^user/, 'cardholder'],
  [/^rules\.budgetMinor/, 'budget'],
  [/^rules\.validityPeriod\.startDate/, 'startDate'],
  [/^rules\.validityPeriod\.endDate/, 'endDate'],
  [/^rules\.validityPeriod\.timezone/, 'timezone'],
  [/^rules\.limits/, 'limits'],
  [/^card\.visual/, 'visualId'],
  [/^card\.description/, 'description'],
  [/^tags/, 'tags'],
];

export function toFormFieldErrors(errors: FieldErrors | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [field, messages] of Object.entries(errors ?? {})) {
    const target = SPARADOS_FIELDS.find(([pattern]) => pattern.test(field))?.[1] ?? '_form';
    (out[target] ??= []).push(...messages.map((m) => `Sparados: ${field} ${m}`));
  }
  return out;
}
