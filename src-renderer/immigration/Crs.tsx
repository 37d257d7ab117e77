/**
 * CRS and FSW for the principal applicant of the case: the profile form (every factor of
 * src-shared/rules/profile.ts), filled from what the case knows and asking for the rest; the day whose
 * rules apply (today unless chosen); the breakdown, the FSW verdict and what would raise the score, all
 * in the window's language; and the calculations saved on the case with their day and rule set.
 */
import { useMemo, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { DateField, ErrorNote, FieldError } from '../app/ui';
import { useLabels } from '../app/labels';
import { formatDate } from '../app/format';
import { check, invalidProps, type FieldErrors } from '../app/validation';
import { whatIfText } from './whatif-text';
import { ageOn, initialForm, profileOf, type Answer, type CrsForm, type LanguageForm } from './crs-form';
import { CANADIAN_EDUCATION, EDUCATION_LEVELS, profileSchema } from '../../src-shared/rules/profile';
import { TEST_TABLES } from '../../src-shared/rules/language';
import { todayIso } from '../../src-shared/text/dates';
import type { CaseFile } from '../../src-shared/contract/views';

const TESTS = Object.keys(TEST_TABLES);
const ABILITIES = ['listening', 'reading', 'writing', 'speaking'] as const;

export function Crs({ c }: { c: CaseFile }) {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  const primary = c.persons.find((p) => p.relationship_to_primary === 'primary') ?? c.persons[0];
  const [date, setDate] = useState(todayIso());
  const [f, setF] = useState<CrsForm>(() => initialForm(c.persons, todayIso()));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const profile = useMemo(() => profileOf(f), [f]);
  const run = useMutation({
    mutationFn: async () => ({
      crs: await call('crs.calculate', { profile, date }),
      fsw: await call('fsw.calculate', { profile, date }),
      whatIf: await call('crs.whatIf', { profile, date }),
    }),
  });
  const saved = useQuery({ queryKey: ['crs', 'saved', c.id], queryFn: () => call('crs.saved', { caseId: c.id }) });
  const save = useMutation({
    mutationFn: () => call('crs.save', { caseId: c.id, ...(primary ? { personId: primary.id } : {}), profile, date }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['crs', 'saved', c.id] }),
  });
  const set = <K extends keyof CrsForm>(k: K, v: CrsForm[K]) => setF((x) => ({ ...x, [k]: v }));
  const text = (k: keyof CrsForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(k, e.target.value as never);
  const box = (k: keyof CrsForm) => (e: React.ChangeEvent<HTMLInputElement>) => set(k, e.target.checked as never);
  const r = run.data;
  const groups = r ? (['core', 'spouse', 'skillTransferability', 'additional'] as const).map((g) => [g, r.crs[g]] as const) : [];

  const num = (k: keyof CrsForm, label: string, id: string) => (
    <div>
      <label>
        {label}
        <input inputMode="numeric" value={f[k] as string} onChange={text(k)} {...invalidProps(errors, id, `crs-${id}`)} />
      </label>
      <FieldError id={`crs-${id}`} errors={errors} field={id} />
    </div>
  );
  const education = (k: 'education' | 'spouseEducation', label: string, id: string) => (
    <div>
      <label>
        {label}
        <select value={f[k]} onChange={text(k)} {...invalidProps(errors, id, `crs-${id}`)}>
          <option value="">{t('crsForm.choose')}</option>
          {EDUCATION_LEVELS.map((x) => (
            <option key={x} value={x}>
              {t(`education.${x}`)}
            </option>
          ))}
        </select>
      </label>
      <FieldError id={`crs-${id}`} errors={errors} field={id} />
    </div>
  );
  const languageFields = (k: 'first' | 'second' | 'spouseLanguage', legend: string, id: string, optional: boolean) => {
    const l = f[k];
    const put = (part: keyof LanguageForm) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => set(k, { ...l, [part]: e.target.value });
    return (
      <fieldset className="checklist">
        <legend>{legend}</legend>
        <label>
          {t('crs.test')}
          <select value={l.test} onChange={put('test')} {...invalidProps(errors, `${id}.test`, `crs-${id}-test`)}>
            <option value="">{optional ? t('crsForm.noSecond') : t('crsForm.choose')}</option>
            {TESTS.map((x) => (
              <option key={x} value={x}>
                {L.languageTest(x)}
              </option>
            ))}
          </select>
        </label>
        <FieldError id={`crs-${id}-test`} errors={errors} field={`${id}.test`} />
        {(!optional || l.test) && (
          <div className="row">
            {ABILITIES.map((a) => (
              <div key={a}>
                <label className="small-input">
                  {t(`crs.${a}`)}
                  <input inputMode="decimal" value={l[a]} onChange={put(a)} {...invalidProps(errors, `${id}.${a}`, `crs-${id}-${a}`)} />
                </label>
                <FieldError id={`crs-${id}-${a}`} errors={errors} field={`${id}.${a}`} />
              </div>
            ))}
          </div>
        )}
      </fieldset>
    );
  };
  const answer = (
    k: 'arrangedEmploymentFsw' | 'studiedInCanada' | 'spouseStudiedInCanada' | 'workedInCanada' | 'spouseWorkedInCanada' | 'relativeInCanada',
    label: string,
  ) => (
    <label>
      {label}
      <select value={f[k]} onChange={(e) => set(k, e.target.value as Answer)}>
        <option value="">{t('crsForm.notKnown')}</option>
        <option value="yes">{t('answer.yes')}</option>
        <option value="no">{t('answer.no')}</option>
      </select>
    </label>
  );

  return (
    <div className="grid2">
      <form
        className="card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // The profile's own schema (the core applies the same): what is missing or out of range is named on its field.
          const found = check(profileSchema, profile, t);
          if (found) {
            // The spouse's answers live under spouse.* in the profile, and the language blocks under their names.
            const named: FieldErrors = {};
            for (const [k, v] of Object.entries(found))
              named[
                k
                  .replace(/^firstLanguage/, 'first')
                  .replace(/^secondLanguage/, 'second')
                  .replace(/^spouse\.language/, 'spouseLanguage')
              ] = v;
            setErrors(named);
            return;
          }
          setErrors(null);
          run.mutate();
        }}
      >
        <h2>
          {t('crs.profile')}
          {primary ? ` — ${primary.first_name} ${primary.last_name}` : ''}
        </h2>
        <p className="muted small">{t('crsForm.intro')}</p>
        <DateField
          label={t('crsForm.date')}
          value={date}
          testId="crs-date"
          onChange={(v) => {
            setDate(v);
            // Age is counted on the day whose rules apply.
            if (v && primary?.date_of_birth) set('age', ageOn(primary.date_of_birth, v));
          }}
        />
        {num('age', t('crs.age'), 'age')}
        {education('education', t('crs.education'), 'education')}
        <label>
          {t('crsForm.canadianEducation')}
          <select value={f.canadianEducation} onChange={text('canadianEducation')}>
            {CANADIAN_EDUCATION.map((x) => (
              <option key={x} value={x}>
                {t(`crsForm.canEd.${x}`)}
              </option>
            ))}
          </select>
        </label>
        {languageFields('first', t('crsForm.firstLanguage'), 'first', false)}
        {languageFields('second', t('crsForm.secondLanguage'), 'second', true)}
        {num('canadianWorkYears', t('crs.canadianWork'), 'canadianWorkYears')}
        {num('foreignWorkYears', t('crs.foreignWork'), 'foreignWorkYears')}
        <label className="inline">
          <input type="checkbox" checked={f.certificateOfQualification} onChange={box('certificateOfQualification')} />
          {t('crsForm.certificate')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={f.siblingInCanada} onChange={box('siblingInCanada')} />
          {t('crs.sibling')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={f.provincialNomination} onChange={box('provincialNomination')} />
          {t('crs.pnp')}
        </label>
        <label>
          {t('crsForm.arranged')}
          <select value={f.arrangedEmployment} onChange={text('arrangedEmployment')}>
            {(['none', 'noc_00', 'other'] as const).map((x) => (
              <option key={x} value={x}>
                {t(`crsForm.arrangedOpt.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="checklist">
          <legend>{t('crsForm.spouseSection')}</legend>
          <label className="inline">
            <input type="checkbox" checked={f.hasSpouse} onChange={box('hasSpouse')} />
            {t('crs.spouse')}
          </label>
          {f.hasSpouse && (
            <>
              <label className="inline">
                <input type="checkbox" checked={f.spouseAccompanying} onChange={box('spouseAccompanying')} />
                {t('crsForm.spouseComing')}
              </label>
              <label className="inline">
                <input type="checkbox" checked={f.spouseIsCanadianOrPR} onChange={box('spouseIsCanadianOrPR')} />
                {t('crsForm.spousePR')}
              </label>
              {f.spouseAccompanying && (
                <>
                  {education('spouseEducation', t('crsForm.spouseEducation'), 'spouse.education')}
                  {languageFields('spouseLanguage', t('crsForm.spouseLanguage'), 'spouseLanguage', true)}
                  {num('spouseCanadianWorkYears', t('crsForm.spouseCanadianWork'), 'spouse.canadianWorkYears')}
                </>
              )}
            </>
          )}
        </fieldset>
        <fieldset className="checklist">
          <legend>{t('crsForm.fswSection')}</legend>
          {num('fswWorkYears', t('crsForm.fswWork'), 'fswWorkYears')}
          {answer('arrangedEmploymentFsw', t('crsForm.fswArranged'))}
          {answer('studiedInCanada', t('crsForm.studied'))}
          {answer('workedInCanada', t('crsForm.worked'))}
          {f.hasSpouse && answer('spouseStudiedInCanada', t('crsForm.spouseStudied'))}
          {f.hasSpouse && answer('spouseWorkedInCanada', t('crsForm.spouseWorked'))}
          {answer('relativeInCanada', t('crsForm.relative'))}
        </fieldset>
        {errors && (
          <p role="alert" className="error">
            {t('errors.code.invalid_input')}
          </p>
        )}
        <ErrorNote error={run.error} />
        <div className="row">
          <button type="submit" className="primary" disabled={!date}>
            {t('crs.calculate')}
          </button>
          <button type="button" disabled={!r || save.isPending} onClick={() => save.mutate()}>
            {save.isSuccess ? t('crs.saved') : t('crs.save')}
          </button>
        </div>
        <ErrorNote error={save.error} />
      </form>
      <div>
        {r && (
          <div className="card" aria-live="polite">
            <h2 data-testid="crs-total">{t('crs.total', { total: r.crs.total })}</h2>
            <p className="muted small" data-testid="crs-rules">
              {t('crsForm.rulesOn', { date: formatDate(r.crs.date, i18n.language) })}
            </p>
            <div className="bars" role="list" aria-label={t('crs.breakdown')}>
              {groups.map(([g, v]) => (
                <div key={g} role="listitem" className="bar">
                  <span>{t(`crs.group.${g}`)}</span>
                  <span className="track">
                    <span className="fill" style={{ width: `${Math.min(100, (v / 600) * 100)}%` }} />
                  </span>
                  <strong>{v}</strong>
                </div>
              ))}
            </div>
            <p data-testid="fsw-verdict">
              {t('crsForm.fswLine', { total: r.fsw.total, pass: r.fsw.passMark })}{' '}
              {r.fsw.eligible
                ? t('crsForm.fswEligible')
                : `${t('crsForm.fswNot')} ${[
                    ...r.fsw.unmetRuleIds.map((id) => t('crsForm.unmet', { rule: L.rule(id) })),
                    ...(r.fsw.belowPassMark ? [t('crsForm.belowPass', { total: r.fsw.total, pass: r.fsw.passMark })] : []),
                  ].join('; ')}.`}
            </p>
            <h3>{t('crs.whatIf')}</h3>
            <ol className="whatif">
              {r.whatIf.improvements.slice(0, 8).map((i) => (
                <li key={i.id}>
                  +{i.gain} · {whatIfText(i, t)}
                </li>
              ))}
            </ol>
          </div>
        )}
        <div className="card">
          <h2>{t('crsForm.saved')}</h2>
          {saved.data && !saved.data.length && <p className="muted">{t('crsForm.noSaved')}</p>}
          <ul className="plain" data-testid="crs-saved">
            {saved.data?.map((s) => (
              <li key={s.id}>
                {t('crsForm.savedLine', { total: s.total, date: formatDate(s.date, i18n.language) })}
                <div className="muted small">{L.rulesVersion(s.rulesVersion, s.date)}</div>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
