import { describe, expect, it } from 'vitest';
import { isWriteConflict } from './run-action';

describe('isWriteConflict', () => {
  it('recognises Prisma and driver-adapter reports of a serialization failure or deadlock', () => {
    expect(isWriteConflict({ code: 'P2034' })).toBe(true);
    expect(isWriteConflict(Object.assign(new Error('TransactionWriteConflict'), { cause: { kind: 'TransactionWriteConflict' } }))).toBe(true);
    expect(isWriteConflict({ cause: { originalCode: '40P01' } })).toBe(true);
  });

  it('leaves other errors alone', () => {
    expect(isWriteConflict(new Error('boom'))).toBe(false);
    expect(isWriteConflict({ code: 'P2002' })).toBe(false);
    expect(isWriteConflict(null)).toBe(false);
  });
});
