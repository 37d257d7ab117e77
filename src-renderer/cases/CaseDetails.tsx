/**
 * The case's editable details (priority, program, destination province, fees). Only the fields the
 * user changed are sent: sync merges field by field, so an untouched field never overwrites a
 * colleague's edit of it, and a real clash on one field becomes a conflict the Sync screen shows.
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../src-shared/schema/tables';
import { PROVINCES } from '../../src-shared/immigration/provinces';
import { isExpressEntry } from '../../src-shared/immigration/ita';
import { validateRow } from '../../src-shared/schema/validators';
import type { CaseRecord } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { changedFields } from './form-diff';
import { DateField, ErrorNote } from '../app/ui';
import { todayIso } from '../../src-shared/text/dates';
import { formatDate, formatMoney } from '../app/format';

/** Programs a case type files under (config_case_types.category); a case may hold another value. */
const PROGRAMS = ['express_entry', 'temporary_residence', 'provincial_nominee', 'debt_advice', 'home_care'];
const FIELDS = ['priority', 'immigration_program', 'target_province', 'total_fees'] as const;
type Field = (typeof FIELDS)[number];
type Form = Record<Field, string>;

const formOf = (c: CaseRecord): Form => Object.fromEntries(FIELDS.map((f) => [f, c[f] == null ? '' : String(c[f])])) as Form;

export function CaseDetails({ c }: { c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [form, setForm] = useState<Form>(() => formOf(c));
  const [invalid, setInvalid] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (fields: Record<string, unknown>) => call('cases.update', { id: c.id, fields }),
    onSuccess: () => {
      setEditing(false);
      void qc.invalidateQueries();
    },
  });
  const set = (k: Field) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  const start = () => {
    setForm(formOf(c));
    setInvalid(null);
    save.reset();
    setEditing(true);
  };
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const fields = changedFields(formOf(c), form, FIELDS);
    if (!Object.keys(fields).length) {
      setInvalid(t('case.noChange'));
      return;
    }
    // The schema the core applies, run here first so the field is named before anything is sent.
    const v = validateRow('cases', 'update', fields);
    setInvalid(v.ok ? null : `${t('errors.code.invalid_input')} (${v.message.replace(/^cases: /, '')})`);
    if (v.ok) save.mutate(fields);
  };

  if (!editing) {
    return (
      <div className="case-details">
        <dl className="facts">
          <dt>{t('cases.priority')}</dt>
          <dd data-testid="case-priority">{t(`priority.${c.priority}`)}</dd>
          <dt>{t('case.program')}</dt>
          <dd>{c.immigration_program ? t(`program.${c.immigration_program}`, { defaultValue: c.immigration_program }) : '—'}</dd>
          <dt>{t('case.province')}</dt>
          <dd>{c.target_province ? t(`province.${c.target_province}`, { defaultValue: c.target_province }) : '—'}</dd>
          <dt>{t('case.fees')}</dt>
          <dd>
            {formatMoney(c.total_fees, 'CAD', i18n.language)} · {t('case.paid')} {formatMoney(c.paid_amount ?? '0', 'CAD', i18n.language)}
          </dd>
        </dl>
        <button type="button" onClick={start}>
          {t('case.edit')}
        </button>
      </div>
    );
  }
  return (
    <form className="case-details" onSubmit={submit} noValidate aria-label={t('case.edit')}>
      <label>
        {t('cases.priority')}
        <select value={form.priority} onChange={set('priority')}>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('case.program')}
        <select value={form.immigration_program} onChange={set('immigration_program')}>
          <option value="">—</option>
          {[...new Set([...PROGRAMS, ...(form.immigration_program ? [form.immigration_program] : [])])].map((p) => (
            <option key={p} value={p}>
              {t(`program.${p}`, { defaultValue: p })}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('case.province')}
        <select value={form.target_province} onChange={set('target_province')}>
          <option value="">—</option>
          {PROVINCES.map((p) => (
            <option key={p} value={p}>
              {t(`province.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('money.total')}
        <input inputMode="decimal" value={form.total_fees} onChange={set('total_fees')} />
      </label>
      {invalid && (
        <p role="alert" className="error">
          {invalid}
        </p>
      )}
      <ErrorNote error={save.error} />
      <div className="row">
        <button type="submit" className="primary" disabled={save.isPending}>
          {t('case.save')}
        </button>
        <button type="button" onClick={() => setEditing(false)}>
          {t('case.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * For an Express Entry case: record the day the invitation to apply arrived. The core adds the
 * milestone and a task due 60 days later; Today then counts the days left.
 */
export function RecordIta({ c }: { c: CaseRecord }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [date, setDate] = useState('');
  const save = useMutation({
    mutationFn: () => call('cases.recordIta', { id: c.id, date }),
    onSuccess: () => {
      setDate('');
      void qc.invalidateQueries();
    },
  });
  if (!isExpressEntry(c)) return null;
  return (
    <form
      className="row case-details"
      onSubmit={(e) => {
        e.preventDefault();
        if (date) save.mutate();
      }}
    >
      <DateField label={t('ita.received')} value={date} max={todayIso()} required onChange={setDate} />
      <button type="submit" disabled={!date || save.isPending}>
        {t('ita.record')}
      </button>
      {save.data && (
        <span role="status" className="muted">
          {t('ita.applyBy', { date: formatDate(save.data.deadline, i18n.language) })}
        </span>
      )}
      <ErrorNote error={save.error} />
    </form>
  );
}
