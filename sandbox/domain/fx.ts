// Fixed sandbox exchange rates. A real issuer converts at the network's daily rate plus its own
// commission; the sandbox needs rates that never move so tests and demos can predict amounts.

/** Commission on every cross-currency conversion, in basis points (2 %). */
export const FX_COMMISSION_BPS = 200;

const BPS = 10_000n;
const RATE_SCALE = 1_000_000n;

/**
 * Value of one major unit in PLN, scaled by 10^6 so every rate is an integer,
 * and the number of minor digits (ISO 4217).
 */
const CURRENCIES = {
  PLN: { minorDigits: 2, plnPerUnitMicros: 1_000_000n },
  EUR: { minorDigits: 2, plnPerUnitMicros: 4_300_000n },
  USD: { minorDigits: 2, plnPerUnitMicros: 4_000_000n },
  GBP: { minorDigits: 2, plnPerUnitMicros: 5_000_000n },
  CHF: { minorDigits: 2, plnPerUnitMicros: 4_500_000n },
  CZK: { minorDigits: 2, plnPerUnitMicros: 170_000n },
  SEK: { minorDigits: 2, plnPerUnitMicros: 380_000n },
  NOK: { minorDigits: 2, plnPerUnitMicros: 370_000n },
  DKK: { minorDigits: 2, plnPerUnitMicros: 580_000n },
  HUF: { minorDigits: 2, plnPerUnitMicros: 11_000n },
  JPY: { minorDigits: 0, plnPerUnitMicros: 26_000n },
} as const satisfies Record<string, { minorDigits: number; plnPerUnitMicros: bigint }>;

export type CurrencyCode = keyof typeof CURRENCIES;

export const SUPPORTED_CURRENCIES = Object.keys(CURRENCIES) as CurrencyCode[];

/** Thrown for a currency outside the sandbox's rate table; the server answers 400. */
export class UnknownCurrencyError extends Error {
  readonly code = 'UNKNOWN_CURRENCY';

  constructor(readonly currency: string) {
    super(`Unknown currency "${currency}"; supported: ${SUPPORTED_CURRENCIES.join(', ')}`);
    this.name = 'UnknownCurrencyError';
  }
}

export function isSupportedCurrency(code: string): code is CurrencyCode {
  return Object.hasOwn(CURRENCIES, code);
}

export function minorDigits(currency: string): number {
  return currencyInfo(currency).minorDigits;
}

/**
 * Converts an amount in minor units of `fromCurrency` into minor units of `balanceCurrency`.
 * Always against the cardholder: a debit (positive) costs rate + commission rounded up,
 * a credit (negative, e.g. a refund) returns rate − commission rounded toward zero.
 * The same currency is returned unchanged (no commission).
 */
export function toBalanceCurrency(amountMinor: number, fromCurrency: string, balanceCurrency: string): number {
  if (!Number.isSafeInteger(amountMinor)) {
    throw new RangeError(`amountMinor must be a safe integer, got ${amountMinor}`);
  }
  const from = currencyInfo(fromCurrency);
  const to = currencyInfo(balanceCurrency);
  if (fromCurrency === balanceCurrency) return amountMinor;

  const credit = amountMinor < 0;
  const magnitude = BigInt(Math.abs(amountMinor));
  const commission = credit ? BPS - BigInt(FX_COMMISSION_BPS) : BPS + BigInt(FX_COMMISSION_BPS);
  const numerator = magnitude * from.plnPerUnitMicros * 10n ** BigInt(to.minorDigits) * commission;
  const denominator = 10n ** BigInt(from.minorDigits) * to.plnPerUnitMicros * BPS;
  const quotient = credit ? numerator / denominator : ceilDiv(numerator, denominator);

  const converted = Number(quotient);
  if (!Number.isSafeInteger(converted)) {
    throw new RangeError(`Converted amount exceeds the safe integer range (${quotient} ${balanceCurrency})`);
  }
  return credit && converted !== 0 ? -converted : converted;
}

function currencyInfo(code: string) {
  if (!isSupportedCurrency(code)) throw new UnknownCurrencyError(code);
  return CURRENCIES[code];
}

function ceilDiv(numerator: bigint, denominator: bigint): bigint {
  return (numerator + denominator - 1n) / denominator;
}
