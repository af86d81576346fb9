import { x509 } from './x509';

/** The distinguished-name fields Sparados certificates use (see API-REFERENCE §1). */
export interface SubjectFields {
  commonName: string;
  organization?: string;
  organizationalUnit?: string;
  locality?: string;
  state?: string;
  country?: string;
  emailAddress?: string;
}

// Order follows the openssl `-subj` example of the seeds: C, ST, L, O, OU, CN, emailAddress.
const FIELD_TO_ATTRIBUTE = [
  ['country', 'C'],
  ['state', 'ST'],
  ['locality', 'L'],
  ['organization', 'O'],
  ['organizationalUnit', 'OU'],
  ['commonName', 'CN'],
  ['emailAddress', 'E'],
] as const satisfies ReadonlyArray<readonly [keyof SubjectFields, string]>;

/** JSON form avoids escaping problems of the string form (values are taken verbatim). */
export function toX509Name(fields: SubjectFields): x509.Name {
  const json: x509.JsonName = [];
  for (const [field, attribute] of FIELD_TO_ATTRIBUTE) {
    const value = fields[field];
    if (value !== undefined && value !== '') json.push({ [attribute]: [value] });
  }
  return new x509.Name(json);
}

export function fromX509Name(name: x509.Name): SubjectFields {
  const first = (attribute: string) => name.getField(attribute)[0];
  const fields: SubjectFields = { commonName: first('CN') ?? '' };
  for (const [field, attribute] of FIELD_TO_ATTRIBUTE) {
    if (field === 'commonName') continue;
    const value = first(attribute);
    if (value !== undefined) fields[field] = value;
  }
  return fields;
}
