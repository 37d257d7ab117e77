/**
 * One person's details, edited in place: names, date of birth, contact, relationship, status in Canada
 * and passport. Only changed fields are sent (sync merges per field); the passport is one JSON field,
 * so its other keys are kept when the number or expiry changes. The shared zod schema names a bad field
 * before anything is sent.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { validateRow } from '../../src-shared/schema/validators';
import { RELATIONSHIPS } from '../../src-shared/schema/tables';
import type { PersonRecord } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { changedFields } from './form-diff';
import { ErrorNote } from '../app/ui';

const TEXT = ['first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'relationship_to_primary', 'immigration_status'] as const;
type Form = Record<(typeof TEXT)[number] | 'passport_number' | 'passport_expiry', string>;

const passportOf = (p: PersonRecord): Record<string, unknown> => {
  const raw = p.passport_info;
  const v: unknown =
    typeof raw === 'string'
      ? (() => {
          try {
            return JSON.parse(raw) as unknown;
          } catch {
            return {};
          }
        })()
      : raw;
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};
const formOf = (p: PersonRecord): Form => ({
  ...(Object.fromEntries(TEXT.map((k) => [k, p[k] == null ? '' : String(p[k]).slice(0, k === 'date_of_birth' ? 10 : undefined)])) as Record<
    (typeof TEXT)[number],
    string
  >),
  passport_number: String(passportOf(p).number ?? ''),
  passport_expiry: String(passportOf(p).expiry ?? ''),
});

export function PersonEdit({ person, onDone }: { person: PersonRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const before = formOf(person);
  const [f, setF] = useState<Form>(before);
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (fields: Record<string, unknown>) => call('persons.update', { id: person.id, fields }),
    onSuccess: () => {
      void qc.invalidateQueries();
      onDone();
    },
  });
  const set = (k: keyof Form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const fields: Record<string, unknown> = changedFields(before, f, TEXT);
    if (f.passport_number.trim() !== before.passport_number || f.passport_expiry !== before.passport_expiry) {
      fields.passport_info = { ...passportOf(person), number: f.passport_number.trim() || undefined, expiry: f.passport_expiry || undefined };
    }
    if (!Object.keys(fields).length) return onDone();
    const v = validateRow('persons', 'update', fields);
    setInvalid(v.ok ? null : `${t('errors.code.invalid_input')} (${v.message.replace(/^persons: /, '')})`);
    if (v.ok) save.mutate(fields);
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-label={t('people.editOf', { name: `${person.first_name} ${person.last_name}` })}>
      <div className="row">
        <label>
          {t('people.firstName')}
          <input value={f.first_name} onChange={set('first_name')} required />
        </label>
        <label>
          {t('people.lastName')}
          <input value={f.last_name} onChange={set('last_name')} required />
        </label>
      </div>
      <div className="row">
        <label>
          {t('people.dateOfBirth')}
          <input type="date" value={f.date_of_birth} onChange={set('date_of_birth')} />
        </label>
        <label>
          {t('people.relationship')}
          <select value={f.relationship_to_primary} onChange={set('relationship_to_primary')}>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {t(`relationship.${r}`)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="row">
        <label>
          {t('people.email')}
          <input type="email" value={f.email} onChange={set('email')} />
        </label>
        <label>
          {t('people.phone')}
          <input type="tel" value={f.phone} onChange={set('phone')} maxLength={20} />
        </label>
      </div>
      <label>
        {t('people.status')}
        <input value={f.immigration_status} onChange={set('immigration_status')} maxLength={100} placeholder={t('people.statusHint')} />
      </label>
      <div className="row">
        <label>
          {t('people.passport')}
          <input value={f.passport_number} onChange={set('passport_number')} maxLength={20} autoComplete="off" />
        </label>
        <label>
          {t('people.passportExpiry')}
          <input type="date" value={f.passport_expiry} onChange={set('passport_expiry')} />
        </label>
      </div>
      {invalid && (
        <p role="alert" className="error">
          {invalid}
        </p>
      )}
      <ErrorNote error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('people.saveEdit')}
        </button>
        <button type="button" onClick={onDone}>
          {t('case.cancel')}
        </button>
      </div>
    </form>
  );
}
