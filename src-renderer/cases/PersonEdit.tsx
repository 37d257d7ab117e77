/**
 * One person's details, edited in place: names, date of birth, contact, relationship, status in Canada,
 * passport, and what the CRS form starts from (highest education, first language test, years of work
 * in Canada and abroad: the person record's education, language_tests and work_experience lists, read
 * by immigration/crs-form.ts). Only changed fields are sent (sync merges per field); the passport and
 * the lists are JSON fields, so what this form does not show in them is kept. The shared zod schema
 * names a bad field, in words next to it, before anything is sent.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { validateRow } from '../../src-shared/schema/validators';
import { RELATIONSHIPS } from '../../src-shared/schema/tables';
import type { PersonRecord } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { changedFields } from './form-diff';
import { DateField, ErrorNote, FieldError } from '../app/ui';
import { coreErrors, invalidProps, type FieldErrors } from '../app/validation';
import { useLabels } from '../app/labels';
import { todayIso } from '../../src-shared/text/dates';
import { EDUCATION_LEVELS } from '../../src-shared/rules/profile';
import { TEST_TABLES } from '../../src-shared/rules/language';

const TESTS = Object.keys(TEST_TABLES);
const ABILITIES = ['listening', 'reading', 'writing', 'speaking'] as const;
type Ability = (typeof ABILITIES)[number];
const CANADA = /^(ca|can|canada)$/i;

const TEXT = ['first_name', 'last_name', 'date_of_birth', 'email', 'phone', 'relationship_to_primary', 'immigration_status'] as const;
type Facts = 'education' | 'test' | Ability | 'work_canada' | 'work_abroad';
type Form = Record<(typeof TEXT)[number] | 'passport_number' | 'passport_expiry' | Facts, string>;

const parsed = (raw: unknown): unknown => {
  if (typeof raw !== 'string') return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
};
const passportOf = (p: PersonRecord): Record<string, unknown> => {
  const v = parsed(p.passport_info);
  return v && typeof v === 'object' ? (v as Record<string, unknown>) : {};
};
/** One of the person's JSON lists (rows carry every column of the table; the view names a few). */
const listOf = (p: PersonRecord, k: 'education' | 'language_tests' | 'work_experience'): Array<Record<string, unknown>> => {
  const v = parsed((p as unknown as Record<string, unknown>)[k]);
  return Array.isArray(v) ? v.filter((x): x is Record<string, unknown> => Boolean(x) && typeof x === 'object') : [];
};
const str = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? String(v) : '');
const yearsOf = (p: PersonRecord, canada: boolean) => {
  const jobs = listOf(p, 'work_experience').filter((j) => CANADA.test(str(j.country)) === canada);
  return jobs.length ? String(jobs.reduce((n, j) => n + (Number(j.years) || 0), 0)) : '';
};
const highestEducation = (p: PersonRecord) => {
  const found = listOf(p, 'education').map((e) => EDUCATION_LEVELS.indexOf(str(e.level) as (typeof EDUCATION_LEVELS)[number]));
  const best = Math.max(-1, ...found);
  return best >= 0 ? EDUCATION_LEVELS[best] : '';
};
const formOf = (p: PersonRecord): Form => ({
  ...(Object.fromEntries(TEXT.map((k) => [k, p[k] == null ? '' : String(p[k]).slice(0, k === 'date_of_birth' ? 10 : undefined)])) as Record<
    (typeof TEXT)[number],
    string
  >),
  passport_number: String(passportOf(p).number ?? ''),
  passport_expiry: String(passportOf(p).expiry ?? ''),
  education: highestEducation(p),
  test: str(listOf(p, 'language_tests')[0]?.test),
  ...(Object.fromEntries(ABILITIES.map((a) => [a, str(listOf(p, 'language_tests')[0]?.[a])])) as Record<Ability, string>),
  work_canada: yearsOf(p, true),
  work_abroad: yearsOf(p, false),
});

/** The JSON lists the CRS facts changed, keeping every entry and key this form does not show. */
function factFields(p: PersonRecord, before: Form, f: Form): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (f.education !== before.education) {
    const rest = listOf(p, 'education').filter((e) => str(e.level) !== before.education);
    out.education = f.education ? [{ level: f.education }, ...rest] : rest;
  }
  if (f.test !== before.test || ABILITIES.some((a) => f[a] !== before[a])) {
    const [first, ...rest] = listOf(p, 'language_tests');
    const scores = Object.fromEntries(ABILITIES.filter((a) => f[a].trim() !== '').map((a) => [a, Number(f[a].replace(',', '.'))]));
    out.language_tests = f.test ? [{ ...(first ?? {}), test: f.test, ...scores }, ...rest] : rest;
  }
  // Years are kept per job; a changed total replaces the jobs of that side (Canada or abroad) with one line.
  for (const [key, canada] of [
    ['work_canada', true],
    ['work_abroad', false],
  ] as const) {
    if (f[key] === before[key]) continue;
    const others = ((out.work_experience as Array<Record<string, unknown>> | undefined) ?? listOf(p, 'work_experience')).filter(
      (j) => CANADA.test(str(j.country)) !== canada,
    );
    const years = Number(f[key].replace(',', '.'));
    out.work_experience = f[key].trim() === '' || !Number.isFinite(years) ? others : [...others, { country: canada ? 'CA' : '', years }];
  }
  return out;
}

/** Problems in the CRS facts, by field, in words (the profile schema checks the same on the CRS tab). */
function factErrors(f: Form, t: (k: string, o?: Record<string, unknown>) => string): FieldErrors {
  const e: FieldErrors = {};
  for (const k of ['work_canada', 'work_abroad', ...ABILITIES] as const) {
    const v = f[k].trim().replace(',', '.');
    if (v !== '' && !(Number(v) >= 0 && Number(v) <= 60)) e[k] = t('validation.notNumber');
  }
  if (!f.test && ABILITIES.some((a) => f[a].trim())) e.test = t('validation.choose');
  return e;
}

export function PersonEdit({ person, onDone }: { person: PersonRecord; onDone: () => void }) {
  const { t } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  const before = formOf(person);
  const [f, setF] = useState<Form>(before);
  const [invalid, setInvalid] = useState<FieldErrors | null>(null);
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
    // A name emptied is said in words, naming the field (the schema would only say "expected string").
    const names: FieldErrors = {};
    if (!f.first_name.trim()) names.first_name = `${t('people.firstName')}: ${t('validation.required')}`;
    if (!f.last_name.trim()) names.last_name = `${t('people.lastName')}: ${t('validation.required')}`;
    if (Object.keys(names).length) return setInvalid(names);
    const facts = factErrors(f, t);
    if (Object.keys(facts).length) return setInvalid(facts);
    Object.assign(fields, factFields(person, before, f));
    if (!Object.keys(fields).length) return onDone();
    const v = validateRow('persons', 'update', fields);
    setInvalid(v.ok ? null : coreErrors(v.message.replace(/^persons: /, ''), t));
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
        <DateField
          label={t('people.dateOfBirth')}
          value={f.date_of_birth}
          max={todayIso()}
          error={invalid?.date_of_birth}
          onChange={(v) => setF({ ...f, date_of_birth: v })}
        />
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
        <DateField label={t('people.passportExpiry')} value={f.passport_expiry} onChange={(v) => setF({ ...f, passport_expiry: v })} />
      </div>
      <fieldset className="checklist" data-testid="person-crs-facts">
        <legend>{t('people.crsFacts')}</legend>
        <label>
          {t('crs.education')}
          <select value={f.education} onChange={set('education')}>
            <option value="">{t('people.notRecorded')}</option>
            {EDUCATION_LEVELS.map((x) => (
              <option key={x} value={x}>
                {t(`education.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('crs.test')}
          <select value={f.test} onChange={set('test')} {...invalidProps(invalid, 'test', 'pe-test')}>
            <option value="">{t('people.notRecorded')}</option>
            {TESTS.map((x) => (
              <option key={x} value={x}>
                {L.languageTest(x)}
              </option>
            ))}
          </select>
        </label>
        <FieldError id="pe-test" errors={invalid} field="test" />
        <div className="row">
          {ABILITIES.map((a) => (
            <div key={a}>
              <label className="small-input">
                {t(`crs.${a}`)}
                <input inputMode="decimal" value={f[a]} onChange={set(a)} {...invalidProps(invalid, a, `pe-${a}`)} />
              </label>
              <FieldError id={`pe-${a}`} errors={invalid} field={a} />
            </div>
          ))}
        </div>
        <div className="row">
          <div>
            <label className="small-input">
              {t('crs.canadianWork')}
              <input inputMode="decimal" value={f.work_canada} onChange={set('work_canada')} {...invalidProps(invalid, 'work_canada', 'pe-wca')} />
            </label>
            <FieldError id="pe-wca" errors={invalid} field="work_canada" />
          </div>
          <div>
            <label className="small-input">
              {t('crs.foreignWork')}
              <input inputMode="decimal" value={f.work_abroad} onChange={set('work_abroad')} {...invalidProps(invalid, 'work_abroad', 'pe-wab')} />
            </label>
            <FieldError id="pe-wab" errors={invalid} field="work_abroad" />
          </div>
        </div>
      </fieldset>
      {invalid && Object.keys(invalid).some((k) => !['test', 'work_canada', 'work_abroad', 'date_of_birth', ...ABILITIES].includes(k)) && (
        <p role="alert" className="error">
          {t('errors.code.invalid_input')}{' '}
          {Object.entries(invalid)
            .filter(([k]) => !['test', 'work_canada', 'work_abroad', 'date_of_birth', ...ABILITIES].includes(k))
            .map(([, m]) => m)
            .join(' ')}
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
