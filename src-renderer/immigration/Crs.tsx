/** CRS and FSW for a person of the case: the profile form, the breakdown, what would raise the score. */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { whatIfText } from './whatif-text';
import type { CaseFile } from '../../src-shared/contract/views';

const EDUCATION = ['none', 'secondary', 'one_year', 'two_year', 'bachelors', 'two_or_more', 'masters', 'doctoral'];
const TESTS = ['IELTS_GENERAL', 'CELPIP_G', 'PTE_CORE', 'CLB', 'TEF_CANADA', 'TCF_CANADA', 'NCLC'];
const ABILITIES = ['listening', 'reading', 'writing', 'speaking'] as const;

export function Crs({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const primary = c.persons.find((p) => p.relationship_to_primary === 'primary') ?? c.persons[0];
  // The form starts from what the case knows about the person (age from the date of birth).
  const born = primary?.date_of_birth ? new Date(String(primary.date_of_birth)) : null;
  const knownAge = born && !Number.isNaN(born.getTime()) ? Math.floor((Date.now() - born.getTime()) / (365.2425 * 864e5)) : null;
  const [p, setP] = useState({
    age: knownAge ?? 30,
    education: 'bachelors',
    test: 'IELTS_GENERAL',
    listening: 7,
    reading: 7,
    writing: 7,
    speaking: 7,
    canadianWorkYears: 0,
    foreignWorkYears: 3,
    hasSpouse: false,
    provincialNomination: false,
    siblingInCanada: false,
  });
  const profile = () => ({
    age: p.age,
    education: p.education,
    hasSpouse: p.hasSpouse,
    spouseAccompanying: p.hasSpouse,
    firstLanguage: { test: p.test, listening: p.listening, reading: p.reading, writing: p.writing, speaking: p.speaking },
    canadianWorkYears: p.canadianWorkYears,
    foreignWorkYears: p.foreignWorkYears,
    provincialNomination: p.provincialNomination,
    siblingInCanada: p.siblingInCanada,
  });
  const run = useMutation({
    mutationFn: async () => ({
      crs: await call('crs.calculate', { profile: profile() }),
      fsw: await call('fsw.calculate', { profile: profile() }),
      whatIf: await call('crs.whatIf', { profile: profile() }),
    }),
  });
  const save = useMutation({ mutationFn: () => call('crs.save', { caseId: c.id, ...(primary ? { personId: primary.id } : {}), profile: profile() }) });
  const num = (k: keyof typeof p) => (e: React.ChangeEvent<HTMLInputElement>) => setP({ ...p, [k]: Number(e.target.value) });
  const r = run.data;
  const groups = r ? (['core', 'spouse', 'skillTransferability', 'additional'] as const).map((g) => [g, r.crs[g]] as const) : [];
  return (
    <div className="grid2">
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <h2>
          {t('crs.profile')}
          {primary ? ` — ${primary.first_name} ${primary.last_name}` : ''}
        </h2>
        <label>
          {t('crs.age')}
          <input type="number" min={0} max={120} value={p.age} onChange={num('age')} />
        </label>
        <label>
          {t('crs.education')}
          <select value={p.education} onChange={(e) => setP({ ...p, education: e.target.value })}>
            {EDUCATION.map((x) => (
              <option key={x} value={x}>
                {t(`education.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('crs.test')}
          <select value={p.test} onChange={(e) => setP({ ...p, test: e.target.value })}>
            {TESTS.map((x) => (
              <option key={x} value={x}>
                {x.replace('_', ' ')}
              </option>
            ))}
          </select>
        </label>
        <div className="row">
          {ABILITIES.map((a) => (
            <label key={a} className="small-input">
              {t(`crs.${a}`)}
              <input type="number" step="0.5" value={p[a]} onChange={num(a)} />
            </label>
          ))}
        </div>
        <label>
          {t('crs.canadianWork')}
          <input type="number" min={0} max={60} value={p.canadianWorkYears} onChange={num('canadianWorkYears')} />
        </label>
        <label>
          {t('crs.foreignWork')}
          <input type="number" min={0} max={60} value={p.foreignWorkYears} onChange={num('foreignWorkYears')} />
        </label>
        <label className="inline">
          <input type="checkbox" checked={p.hasSpouse} onChange={(e) => setP({ ...p, hasSpouse: e.target.checked })} />
          {t('crs.spouse')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={p.siblingInCanada} onChange={(e) => setP({ ...p, siblingInCanada: e.target.checked })} />
          {t('crs.sibling')}
        </label>
        <label className="inline">
          <input type="checkbox" checked={p.provincialNomination} onChange={(e) => setP({ ...p, provincialNomination: e.target.checked })} />
          {t('crs.pnp')}
        </label>
        <ErrorNote error={run.error} />
        <div className="row">
          <button type="submit" className="primary">
            {t('crs.calculate')}
          </button>
          <button type="button" disabled={!r || save.isPending} onClick={() => save.mutate()}>
            {save.isSuccess ? t('crs.saved') : t('crs.save')}
          </button>
        </div>
        <ErrorNote error={save.error} />
      </form>
      {r && (
        <div className="card" aria-live="polite">
          <h2 data-testid="crs-total">{t('crs.total', { total: r.crs.total })}</h2>
          <p className="muted small">{t('crs.rules', { version: r.crs.rulesVersion })}</p>
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
          <p>
            {t('crs.fsw', { total: r.fsw.total })} {r.fsw.eligible ? t('crs.fswEligible') : t('crs.fswNot', { why: r.fsw.unmet.join('; ') })}
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
    </div>
  );
}
