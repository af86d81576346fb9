import { currencyDigits, currencyMarkers } from './currency';
import { formatMoney } from './format';

/*
 * What parseAmount accepts (strings only; no Number ever touches the value):
 * - digits 0-9, optionally preceded by one "-" or "−" (U+2212) and the currency's code or symbol on
 *   either side ("-€1,000.50", "CHF-1'234.50", "1 000,99 zł", "eur 5");
 * - grouping by "," or "." or "'" / "’" or a space (incl. no-break, narrow no-break, thin space), one
 *   kind per amount, 1–3 digits first and groups of exactly 3 after; Indian grouping is refused;
 * - a decimal mark "." or ",": with both present, whichever comes last; a lone mark followed by
 *   anything but exactly three digits. A lone mark with exactly three digits after 1–3 leading digits
 *   ("1,500", "1.500") is read as:
 *     currency without decimals (JPY) → thousands;
 *     "," with 1–2 decimals (EUR)      → thousands (English habit, "1,500" = 1500);
 *     "." with 1–2 decimals            → decimal, so "1.500" EUR is refused as too many decimals
 *                                        instead of silently becoming 1500;
 *     "," with 3 decimals (KWD)        → refused as ambiguous;
 *     "." with 3 decimals              → decimal (formatMinorAsInput's own shape).
 * - ".5" is 0.5; "5." and "5," are refused; trailing zeros past the currency's digits count as
 *   decimals ("1.500" EUR is refused).
 */

export type AmountError = 'EMPTY' | 'INVALID' | 'TOO_MANY_DECIMALS' | 'NEGATIVE' | 'ZERO' | 'TOO_LARGE';

export type ParseAmountResult =
  | { ok: true; minor: bigint }
  | { ok: false; error: AmountError; message: string };

export interface ParseAmountOptions {
  allowNegative?: boolean;
  allowZero?: boolean;
  /** Largest absolute value in minor units; defaults to what a JSON number carries exactly. */
  max?: bigint;
}

export const DEFAULT_MAX_MINOR = BigInt(Number.MAX_SAFE_INTEGER);

// Long enough for any real amount with separators and a symbol; keeps BigInt parsing trivial.
const MAX_INPUT_LENGTH = 100;

const BIDI_MARKS = /[\u200e\u200f\u061c]/g;
const MINUS = /^[-\u2212]/;
const SPACES = ' \u00a0\u202f\u2009';
const NUMBER_CHARS = /^[0-9.,'\u2019 \u00a0\u202f\u2009]+$/;
const DIGITS = /^\d+$/;
const LEADING_GROUP = /^[1-9]\d{0,2}$/;
const GROUP = /^\d{3}$/;

type Split = { whole: string; fraction: string } | { message: string };

function fail(error: AmountError, message: string): ParseAmountResult {
  return { ok: false, error, message };
}

function example(digits: number): string {
  return digits === 0 ? '1,250' : `1,250.${'5'.padEnd(digits, '0')}`;
}

function separatorKind(char: string): string {
  if (SPACES.includes(char)) return 'space';
  if (char === "'" || char === '\u2019') return 'apostrophe';
  return char;
}

function startsWithMarker(text: string, markers: readonly string[]): string | undefined {
  const upper = text.toUpperCase();
  return markers.find((m) => upper.startsWith(m.toUpperCase()));
}

function endsWithMarker(text: string, markers: readonly string[]): string | undefined {
  const upper = text.toUpperCase();
  return markers.find((m) => upper.endsWith(m.toUpperCase()));
}

/** Removes one sign and one currency marker from the edges. */
function stripAffixes(text: string, currency: string): { body: string; negative: boolean } {
  const markers = currencyMarkers(currency);
  let body = text;
  let negative = false;
  let marked = false;
  for (;;) {
    if (!negative && MINUS.test(body)) {
      negative = true;
      body = body.slice(1).trimStart();
      continue;
    }
    const marker = marked ? undefined : startsWithMarker(body, markers);
    if (marker) {
      marked = true;
      body = body.slice(marker.length).trimStart();
      continue;
    }
    break;
  }
  if (!marked) {
    const marker = endsWithMarker(body, markers);
    if (marker) body = body.slice(0, body.length - marker.length).trimEnd();
  }
  return { body, negative };
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

function chooseDecimalMark(body: string, digits: number): '.' | ',' | null | { message: string } {
  const dots = count(body, '.');
  const commas = count(body, ',');
  if (dots > 0 && commas > 0) {
    const mark = body.lastIndexOf('.') > body.lastIndexOf(',') ? '.' : ',';
    return count(body, mark) === 1 ? mark : { message: `Enter an amount like ${example(digits)}` };
  }
  if (dots + commas !== 1) return null;
  const mark = dots === 1 ? '.' : ',';
  const [head, tail] = body.split(mark);
  if (!(GROUP.test(tail) && LEADING_GROUP.test(head))) return mark;
  if (digits === 0) return null;
  if (mark === '.') return '.';
  if (digits < 3) return null;
  return { message: `It is unclear whether the comma separates thousands or decimals; write ${head}${tail} or ${head}.${tail}` };
}

function splitNumber(body: string, digits: number): Split {
  const invalid = { message: `Enter an amount like ${example(digits)}` };
  if (!NUMBER_CHARS.test(body) || !/\d/.test(body)) return invalid;
  const mark = chooseDecimalMark(body, digits);
  if (mark !== null && typeof mark === 'object') return mark;
  const [wholeRaw, fraction = ''] = mark ? body.split(mark) : [body];
  if (mark && !DIGITS.test(fraction)) return invalid;
  if (wholeRaw === '') return { whole: '0', fraction };
  if (DIGITS.test(wholeRaw)) return { whole: wholeRaw, fraction };

  const separators = [...wholeRaw.replace(/\d/g, '')];
  const kind = separatorKind(separators[0]);
  const groups = wholeRaw.split(/\D/);
  const wellGrouped =
    separators.every((s) => separatorKind(s) === kind) &&
    LEADING_GROUP.test(groups[0]) &&
    groups.slice(1).every((g) => GROUP.test(g));
  if (!wellGrouped) return { message: 'Put thousands separators every three digits, or leave them out' };
  return { whole: groups.join(''), fraction };
}

/** Parses a typed amount into minor units of `currency`, with messages fit to show beside the field. */
export function parseAmount(input: string, currency: string, opts: ParseAmountOptions = {}): ParseAmountResult {
  const { allowNegative = false, allowZero = false, max = DEFAULT_MAX_MINOR } = opts;
  if (max < 0n) throw new RangeError('max must not be negative');
  const digits = currencyDigits(currency);

  const text = input.replace(BIDI_MARKS, '').trim();
  if (text === '') return fail('EMPTY', 'Enter an amount');
  if (text.length > MAX_INPUT_LENGTH) return fail('INVALID', 'That is too long to be an amount');

  const { body, negative } = stripAffixes(text, currency);
  // A bare symbol is what a prefilled field looks like when left alone; a bare sign was typed.
  if (body === '' && !negative) return fail('EMPTY', 'Enter an amount');
  const split = splitNumber(body, digits);
  if ('message' in split) return fail('INVALID', split.message);
  if (split.fraction.length > digits) {
    return fail(
      'TOO_MANY_DECIMALS',
      digits === 0
        ? `${currency} has no decimal places; enter a whole amount`
        : `Use at most ${digits} decimal place${digits === 1 ? '' : 's'}`,
    );
  }

  const magnitude = BigInt(split.whole + split.fraction.padEnd(digits, '0'));
  if (magnitude === 0n) {
    return allowZero
      ? { ok: true, minor: 0n }
      : fail('ZERO', allowNegative ? 'The amount cannot be zero' : 'Enter an amount greater than zero');
  }
  if (negative && !allowNegative) return fail('NEGATIVE', 'The amount cannot be negative');
  if (magnitude > max) {
    return fail(
      'TOO_LARGE',
      allowNegative
        ? `Enter an amount between ${formatMoney(-max, currency)} and ${formatMoney(max, currency)}`
        : `Enter an amount no larger than ${formatMoney(max, currency)}`,
    );
  }
  return { ok: true, minor: negative ? -magnitude : magnitude };
}
