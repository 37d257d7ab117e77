/** The measure the OCR tests and benchmark judge by must itself be right. */
import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance } from '../../src-shared/text/edit-distance';

describe('edit distance and character error rate', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('flaw', 'lawn')).toBe(2);
    expect(editDistance('same', 'same')).toBe(0);
  });
  it('rates per character of the truth, ignoring case and whitespace runs', () => {
    expect(characterErrorRate('Royal  Bank', 'royal bank')).toBe(0);
    expect(characterErrorRate('abcd', 'abxd')).toBe(0.25);
    expect(characterErrorRate('abcd', '')).toBe(1);
    expect(characterErrorRate('', '')).toBe(0);
  });
});
