import { describe, expect, it } from 'vitest';
import { fromPayload, toPayload } from './payload';

describe('held change payloads', () => {
  it('keep BigInt amounts and Date instants through JSON', () => {
    const input = { budgetMinor: 123_456_789_012_345n, validity: { start: new Date('2027-01-01T00:00:00.000Z') }, limits: [{ amountMinor: 5n }], note: null, tags: ['a'] };
    const stored = JSON.parse(JSON.stringify(toPayload(input)));
    expect(fromPayload(stored)).toEqual(input);
  });
});
