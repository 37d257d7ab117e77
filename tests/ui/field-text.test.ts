/**
 * The Sync screen's "edit" resolution: what the person types becomes the value to keep — text for a
 * text field, JSON for a number, yes/no or list field (so a JSON column is never turned into a string),
 * and typing that is not JSON there is refused rather than sent.
 */
import { describe, expect, it } from 'vitest';
import { editedValue } from '../../src-renderer/sync/field-text';

describe('the value typed to settle a clash', () => {
  it('stays text for a text field, and an emptied field becomes null', () => {
    expect(editedValue('Toronto', { mine: 'Ottawa', theirs: 'Montreal' })).toEqual({ ok: true, value: 'Toronto' });
    expect(editedValue('{"looks":"like json"}', { mine: 'a', theirs: null })).toEqual({ ok: true, value: '{"looks":"like json"}' });
    expect(editedValue('', { mine: 'a', theirs: 'b' })).toEqual({ ok: true, value: null });
  });
  it('is read as JSON when either side is a number, a yes/no or a list', () => {
    expect(editedValue('3', { mine: 2, theirs: 1 })).toEqual({ ok: true, value: 3 });
    expect(editedValue('["vip","refugee"]', { mine: ['vip'], theirs: null })).toEqual({ ok: true, value: ['vip', 'refugee'] });
    expect(editedValue('false', { mine: null, theirs: true })).toEqual({ ok: true, value: false });
    expect(editedValue('vip, refugee', { mine: ['vip'], theirs: [] })).toEqual({ ok: false });
  });
});
