import { describe, expect, it } from 'vitest';
import { DEFAULT_MCC_CATEGORIES } from './mcc';
import { describeMccList, limitsInWords, limitsToForm, mccToForm, readStoredRules } from './rules-view';

const rules = readStoredRules({
  limits: [
    { type: 'ecommerce', amountMinor: 20_000, timeUnit: 'weekly' },
    { type: 'atm', amountMinor: 0, timeUnit: null },
    { type: 'general', amountMinor: 150_050, timeUnit: 'monthly' },
  ],
  ecommerce: true,
});

describe('limitsInWords', () => {
  it('says each limit in words, absent ones as Sparados default', () => {
    expect(limitsInWords(rules, 'PLN')).toEqual([
      `General: ${new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'PLN' }).format(1500.5)} per month`,
      `Online: ${new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'PLN' }).format(200)} per week`,
      'ATM: disabled',
      'Foreign: Sparados default',
      'Merchants: all',
    ]);
  });

  it('names merchant categories and lists leftover codes', () => {
    const withMcc = readStoredRules({ limits: [{ type: 'mcc_whitelist', amountMinor: 0, timeUnit: null, mccList: ['5812', '5813', '5814', '4121', '0742'] }] });
    expect(limitsInWords(withMcc, 'EUR', DEFAULT_MCC_CATEGORIES).at(-1)).toBe('Merchants: only Restaurants and bars; Taxis and ride-hailing; MCC 0742');
    const blocked = readStoredRules({ limits: [{ type: 'mcc_blacklist', amountMinor: null, timeUnit: null, mccList: ['7995'] }] });
    expect(limitsInWords(blocked, 'EUR', []).at(-1)).toBe('Merchants: all except MCC 7995');
  });

  it('shortens long code lists', () => {
    const codes = Array.from({ length: 12 }, (_, i) => String(1000 + i));
    expect(describeMccList(codes, [])).toBe('MCC 1000, 1001, 1002, 1003, 1004, 1005, 1006, 1007 and 4 more codes');
  });

  it('reads rules stored by older versions without failing', () => {
    expect(limitsInWords(readStoredRules(null), 'EUR')).toContain('ATM: Sparados default');
  });
});

describe('rules back into the edit form', () => {
  it('fills the limits editor with typed amounts', () => {
    expect(limitsToForm(rules, 'PLN')).toEqual({
      general: { mode: 'amount', amount: '1500.50', period: 'monthly' },
      ecommerce: { mode: 'amount', amount: '200.00', period: 'weekly' },
      atm: { mode: 'disabled', amount: '', period: 'monthly' },
      foreign: { mode: 'default', amount: '', period: 'monthly' },
    });
  });

  it('ticks whole categories and types the rest', () => {
    const stored = readStoredRules({ limits: [{ type: 'mcc_blacklist', amountMinor: 0, timeUnit: null, mccList: ['7800', '7801', '7802', '7995', '1234'] }] });
    expect(mccToForm(stored, DEFAULT_MCC_CATEGORIES)).toEqual({ mode: 'block', categories: ['gambling'], codes: '1234' });
    expect(mccToForm(rules, DEFAULT_MCC_CATEGORIES)).toEqual({ mode: 'none', categories: [], codes: '' });
  });
});
