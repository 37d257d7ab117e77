/**
 * Derived text (OCR text, MRZ data, extraction proposals) carries the restricted values: the masks that
 * hide them in persons' fields hide them in that text too (classification.ts redactValues, applyAccess),
 * and a masked copy sent back by a device never replaces the stored text (restoreMasked).
 */
import { describe, expect, it } from 'vitest';
import { applyAccess, caseFacts, fieldAccess, policyForRole, redactValues, restoreMasked, rowFacts } from '../../src-shared/policy';

const PASSPORT = 'AB1234567';
const text = `PASSPORT ${PASSPORT}\nP<CANOKAFOR<<AMARA\n${PASSPORT}<<1CAN SIN 046-454-286`;

describe('derived text', () => {
  it('masks each value as its field is masked: •••••567 partial, ••••• hidden, longest first, special characters literal', () => {
    expect(redactValues(text, [PASSPORT, '046-454-286'], 'partial')).toBe('PASSPORT •••••567\nP<CANOKAFOR<<AMARA\n•••••567<<1CAN SIN •••••286');
    expect(redactValues(text, [PASSPORT, '046-454-286'], 'hidden')).toBe('PASSPORT •••••\nP<CANOKAFOR<<AMARA\n•••••<<1CAN SIN •••••');
    // A value inside a longer one: the longer one is masked whole.
    expect(redactValues('X AB1234567 Y', ['1234', PASSPORT], 'hidden')).toBe('X ••••• Y');
    // Too short to mask without masking ordinary words.
    expect(redactValues('the cat', ['cat'], 'hidden')).toBe('the cat');
    expect(redactValues('a.b*c+d', ['a.b*c+d'], 'hidden')).toBe('•••••');
  });

  it("the roles' access to a document's text follows their access to the restricted fields", () => {
    const facts = (as: 'consultant' | 'staff') =>
      rowFacts('document_metadata', {}, caseFacts('u', as === 'consultant' ? { assigned_consultant_id: 'u' } : { assigned_staff: ['u'] }, []), {
        access_level: 'case_team',
      });
    const got = (role: string, as: 'consultant' | 'staff') => fieldAccess(policyForRole(role), 'document_metadata', facts(as), 'extracted_text');
    expect([got('owner', 'staff'), got('admin', 'staff'), got('consultant', 'consultant')]).toEqual(['full', 'full', 'full']);
    expect([got('manager', 'staff'), got('consultant', 'staff'), got('staff', 'staff'), got('paralegal', 'staff')]).toEqual([
      'partial',
      'partial',
      'partial',
      'partial',
    ]);
    expect(got('trainee', 'staff')).toBe('hidden');
  });

  it('applies to JSON text and keeps the stored text when a masked copy comes back', () => {
    const row = { extracted_text: text, extracted_data: { mrz: { fields: { documentNumber: PASSPORT } } } };
    const access = { extracted_text: 'partial', extracted_data: 'partial' } as const;
    const seen = applyAccess('document_metadata', row, access, [PASSPORT]);
    expect(JSON.stringify(seen)).not.toContain(PASSPORT);
    expect(seen.extracted_data).toEqual({ mrz: { fields: { documentNumber: '•••••567' } } });
    expect(restoreMasked('document_metadata', { ...seen, quality_score: '90' }, row, access)).toEqual({ ...row, quality_score: '90' });
    // A new text without the mask is a real change (checked as a write of the field).
    expect(restoreMasked('document_metadata', { extracted_text: 'new' }, row, access)).toEqual({ extracted_text: 'new' });
  });
});
