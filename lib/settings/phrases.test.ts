import { describe, expect, it } from 'vitest';
import { joinPhrases, orderChanged } from './phrases';

describe('joinPhrases', () => {
  it('uses commas, or semicolons once a phrase has commas of its own', () => {
    expect(joinPhrases(['a', 'b'])).toBe('a, b');
    expect(joinPhrases(['a (1, 2)', 'b'])).toBe('a (1, 2); b');
  });
});

describe('orderChanged', () => {
  it('compares only the entries both lists keep', () => {
    expect(orderChanged(['a', 'b', 'c'], ['a', 'c', 'd'])).toBe(false);
    expect(orderChanged(['a', 'b', 'c'], ['x', 'a', 'b', 'c'])).toBe(false);
    expect(orderChanged(['a', 'b', 'c'], ['b', 'a', 'c'])).toBe(true);
    expect(orderChanged([], ['a'])).toBe(false);
  });
});
