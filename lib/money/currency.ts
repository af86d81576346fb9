// Currency facts come from the runtime's Intl data (CLDR), so browser and server agree without a
// hand-kept table. CLDR digits can differ from ISO 4217 exponents for a few currencies (HUF, IQD,
// ISK…); Sparados balances are EUR, where both say 2.

const CODE = /^[A-Z]{3}$/;

let supported: ReadonlySet<string> | undefined;
const digitsCache = new Map<string, number>();
const symbolsCache = new Map<string, readonly string[]>();

export function isCurrencyCode(code: string): boolean {
  if (!CODE.test(code)) return false;
  supported ??= new Set(Intl.supportedValuesOf('currency'));
  return supported.has(code);
}

export function assertCurrencyCode(code: string): void {
  if (!isCurrencyCode(code)) throw new RangeError(`Unknown currency code: ${JSON.stringify(code)}`);
}

/** Number of minor-unit digits: EUR 2, JPY 0, KWD 3. */
export function currencyDigits(currency: string): number {
  const cached = digitsCache.get(currency);
  if (cached !== undefined) return cached;
  assertCurrencyCode(currency);
  const digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits;
  if (digits === undefined) throw new RangeError(`No fraction digits known for ${currency}`);
  digitsCache.set(currency, digits);
  return digits;
}

// Locales whose symbols users plausibly paste or type next to an amount ("€", "zł", "￥", "US$").
const SYMBOL_LOCALES = ['en', 'en-GB', 'en-US', 'de', 'fr', 'pl', 'ja', 'zh'];

/** Code and symbols of one currency, longest first so "US$" is tried before "$". */
export function currencyMarkers(currency: string): readonly string[] {
  const cached = symbolsCache.get(currency);
  if (cached) return cached;
  assertCurrencyCode(currency);
  const found = new Set<string>([currency]);
  for (const locale of SYMBOL_LOCALES) {
    for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
      const parts = new Intl.NumberFormat(locale, { style: 'currency', currency, currencyDisplay }).formatToParts(1);
      for (const part of parts) if (part.type === 'currency') found.add(part.value.trim());
    }
  }
  found.delete('');
  const markers = [...found].sort((a, b) => b.length - a.length);
  symbolsCache.set(currency, markers);
  return markers;
}
