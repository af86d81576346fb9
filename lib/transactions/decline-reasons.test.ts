import { describe, expect, it } from 'vitest';
import type { DeclineReason as SandboxDeclineReason } from '@/sandbox/domain/authorization/types';
import {
  DECLINE_REASONS,
  DECLINE_REASON_INFO,
  declineFixHref,
  declineReasonInfo,
  isDeclineReason,
  parseCardFix,
  type DeclineReason,
} from './decline-reasons';

const CARD = '6b1f5f7e-3c1a-4b8e-9d2f-0a1b2c3d4e5f';

describe('decline reasons table', () => {
  it('covers exactly the reasons the sandbox (SANDBOX.md) can send', () => {
    // A type-level check both ways: a reason added to the sandbox and not here fails to compile.
    const fromSandbox: Record<SandboxDeclineReason, true> = {
      CARD_LOCKED: true,
      APPROVAL_NOT_ACTIVE: true,
      OUTSIDE_VALIDITY: true,
      INSUFFICIENT_BUDGET: true,
      INSUFFICIENT_BALANCE: true,
      GENERAL_LIMIT: true,
      ECOMMERCE_LIMIT: true,
      ATM_LIMIT: true,
      FOREIGN_LIMIT: true,
      MCC_NOT_ALLOWED: true,
      MCC_BLOCKED: true,
    };
    const same: SandboxDeclineReason extends DeclineReason ? (DeclineReason extends SandboxDeclineReason ? true : false) : false = true;
    expect(same).toBe(true);
    expect([...DECLINE_REASONS].sort()).toEqual(Object.keys(fromSandbox).sort());
  });

  it.each([
    ['INSUFFICIENT_BUDGET', `/cards/${CARD}?fix=topup`],
    ['ATM_LIMIT', `/cards/${CARD}?fix=limits&limit=atm`],
    ['ECOMMERCE_LIMIT', `/cards/${CARD}?fix=limits&limit=ecommerce`],
    ['FOREIGN_LIMIT', `/cards/${CARD}?fix=limits&limit=foreign`],
    ['GENERAL_LIMIT', `/cards/${CARD}?fix=limits&limit=general`],
    ['MCC_BLOCKED', `/cards/${CARD}?fix=mcc`],
    ['MCC_NOT_ALLOWED', `/cards/${CARD}?fix=mcc`],
    ['CARD_LOCKED', `/cards/${CARD}?fix=unlock`],
    ['OUTSIDE_VALIDITY', `/cards/${CARD}?fix=dates`],
  ] as const)('%s links to the form that fixes it', (reason, href) => {
    expect(declineFixHref(reason, CARD)).toBe(href);
  });

  it.each(['APPROVAL_NOT_ACTIVE', 'INSUFFICIENT_BALANCE'] as const)('%s only explains: no card setting would help', (reason) => {
    expect(DECLINE_REASON_INFO[reason].fix).toBeNull();
    expect(declineFixHref(reason, CARD)).toBeNull();
    expect(DECLINE_REASON_INFO[reason].explanation.length).toBeGreaterThan(40);
  });

  it('gives every reason a title and a sentence, and every fix a label', () => {
    for (const reason of DECLINE_REASONS) {
      const info = DECLINE_REASON_INFO[reason];
      expect(info.title).toMatch(/^[A-Z]/);
      expect(info.explanation).toMatch(/\.$/);
      if (info.fix) expect(info.fix.label).toMatch(/^[A-Z]/);
    }
  });

  it('has no fix link without a known card', () => {
    expect(declineFixHref('ATM_LIMIT', null)).toBeNull();
  });

  it('shows unknown and missing reasons without crashing', () => {
    expect(declineReasonInfo('NEW_REASON_2027')).toMatchObject({ title: 'Declined (NEW_REASON_2027)', fix: null });
    expect(declineReasonInfo(null)).toMatchObject({ title: 'Declined', fix: null });
    expect(declineFixHref('NEW_REASON_2027', CARD)).toBeNull();
    expect(isDeclineReason('ATM_LIMIT')).toBe(true);
    expect(isDeclineReason('atm_limit')).toBe(false);
  });

  it('reads back every link it makes (the card page side)', () => {
    for (const reason of DECLINE_REASONS) {
      const href = declineFixHref(reason, CARD);
      if (!href) continue;
      const fix = DECLINE_REASON_INFO[reason].fix!;
      const parsed = parseCardFix(new URL(href, 'http://x').searchParams);
      expect(parsed).toEqual(fix.kind === 'limits' ? { kind: 'limits', limit: fix.limit } : { kind: fix.kind });
    }
  });

  it('ignores unknown fix parameters and defaults a bad limit to the general one', () => {
    expect(parseCardFix({ fix: 'explode' })).toBeNull();
    expect(parseCardFix({})).toBeNull();
    expect(parseCardFix({ fix: 'limits', limit: 'nope' })).toEqual({ kind: 'limits', limit: 'general' });
    expect(parseCardFix({ fix: ['unlock', 'topup'] })).toEqual({ kind: 'unlock' });
  });
});
