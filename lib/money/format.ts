import { currencyDigits } from './currency';

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(currency: string, locale: string): Intl.NumberFormat {
  const key = `${locale}|${currency}`;
  let nf = formatters.get(key);
  if (!nf) {
    nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
    formatters.set(key, nf);
  }
  return nf;
}

function toBigInt(minor: bigint | number): bigint {
  if (typeof minor === 'bigint') return minor;
  // A float or unsafe integer here is already a corrupted amount; refuse rather than round.
  if (!Number.isSafeInteger(minor)) throw new RangeError(`Minor units must be a safe integer, got ${minor}`);
  return BigInt(minor);
}

/** Exact decimal string in major units ("-1234.50"), built from digits, never by division. */
export function formatMinorAsInput(minor: bigint | number, currency: string): string {
  const value = toBigInt(minor);
  const digits = currencyDigits(currency);
  const negative = value < 0n;
  const abs = (negative ? -value : value).toString().padStart(digits + 1, '0');
  const whole = abs.slice(0, abs.length - digits);
  const fraction = abs.slice(abs.length - digits);
  return `${negative ? '-' : ''}${whole}${digits > 0 ? `.${fraction}` : ''}`;
}

/**
 * Display an amount in minor units. Intl.NumberFormat takes the decimal string as an exact
 * decimal (NumberFormat v3: Node 20, Chrome 106, Safari 15.4, Firefox 116), so totals past 2^53
 * keep every digit.
 */
export function formatMoney(minor: bigint | number, currency: string, locale = 'en-GB'): string {
  const decimal = formatMinorAsInput(minor, currency) as Intl.StringNumericLiteral;
  return formatter(currency, locale).format(decimal);
}

/** For figures Sparados may leave out (spent, available): "unknown" rather than a made-up 0. */
export const UNKNOWN_AMOUNT = 'unknown';

export function formatMoneyOrUnknown(minor: bigint | number | string | null | undefined, currency: string): string {
  return minor === null || minor === undefined ? UNKNOWN_AMOUNT : formatMoney(BigInt(minor), currency);
}

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** For JSON APIs that carry amounts as numbers: exact or an error, never a rounded amount. */
export function toSafeNumber(minor: bigint): number {
  if (minor > MAX_SAFE || minor < -MAX_SAFE) {
    throw new RangeError(`Amount ${minor} is beyond Number.MAX_SAFE_INTEGER and cannot be sent as a number`);
  }
  return Number(minor);
}
