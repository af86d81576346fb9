import { describe, expect, it } from 'vitest';
import { percentDone } from './progress';

describe('percentDone', () => {
  it('counts finished rows among the valid ones, rounding down', () => {
    expect(percentDone({ totalRows: 10, invalidRows: 2, succeeded: 3, failed: 1, checking: 0, waiting: 0 })).toBe(50);
    expect(percentDone({ totalRows: 3, invalidRows: 0, succeeded: 2, failed: 0, checking: 0, waiting: 0 })).toBe(66);
    expect(percentDone({ totalRows: 3, invalidRows: 0, succeeded: 3, failed: 0, checking: 0, waiting: 0 })).toBe(100);
    expect(percentDone({ totalRows: 2, invalidRows: 2, succeeded: 0, failed: 0, checking: 0, waiting: 0 })).toBe(100);
  });

  it('counts rows waiting for Sparados to confirm as processed', () => {
    expect(percentDone({ totalRows: 4, invalidRows: 0, succeeded: 2, failed: 1, checking: 1, waiting: 0 })).toBe(100);
  });
});

describe('percentDone with held rows', () => {
  it('counts rows waiting for a second approver as processed', () => {
    expect(percentDone({ totalRows: 4, invalidRows: 0, succeeded: 1, failed: 0, checking: 1, waiting: 2 })).toBe(100);
  });
});
