/**
 * Edit forms send only what changed (sync merges field by field): untouched and whitespace-only edits
 * are left out, an emptied field is sent as null, and the text is sent trimmed.
 */
import { describe, expect, it } from 'vitest';
import { changedFields } from '../../src-renderer/cases/form-diff';

describe('the fields an edit form sends', () => {
  it('sends only changed fields, trimmed, with an emptied one as null', () => {
    const before = { priority: 'normal', target_province: 'ON', total_fees: '1500.00' };
    expect(changedFields(before, { ...before }, ['priority', 'target_province', 'total_fees'])).toEqual({});
    expect(changedFields(before, { ...before, target_province: ' ON ' }, ['priority', 'target_province', 'total_fees'])).toEqual({});
    expect(changedFields(before, { priority: 'urgent', target_province: '', total_fees: ' 1750.00 ' }, ['priority', 'target_province', 'total_fees'])).toEqual({
      priority: 'urgent',
      target_province: null,
      total_fees: '1750.00',
    });
  });
  it('looks only at the keys it is given', () => {
    const keys: ('a' | 'b')[] = ['a'];
    expect(changedFields({ a: 'x', b: 'y' }, { a: 'x2', b: 'y2' }, keys)).toEqual({ a: 'x2' });
  });
});
