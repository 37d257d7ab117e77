/**
 * Leads: the list with each score, a form for a new enquiry, and a lead's page with its score explained
 * factor by factor (points over the firm's average lead, the method and the confidence), its first answer
 * and its conversion into a case of an enabled pack.
 */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Factor, LeadScore } from '../../src-shared/crm/scoring';
import { call } from '../app/api';
import { Empty, ErrorNote, when } from '../app/ui';
import { crmWords, type CrmWords } from './words';
import { nameOf } from './Contacts';

const SOURCES = ['referral', 'website', 'walk_in', 'event', 'social', 'ads'] as const;

export function Leads() {
  const { i18n } = useTranslation();
  const w = crmWords(i18n.language).leads;
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['crm.leads'], queryFn: () => call('crm.leads', {}) });
  const types = useQuery({ queryKey: ['caseTypes.list'], queryFn: () => call('caseTypes.list', {}) });
  const blank = { firstName: '', lastName: '', email: '', source: 'referral', caseType: '' };
  const [f, setF] = useState(blank);
  const add = useMutation({
    mutationFn: () => call('crm.lead.add', f),
    onSuccess: () => {
      setF(blank);
      void qc.invalidateQueries({ queryKey: ['crm.leads'] });
    },
  });
  return (
    <div>
      <h1>{w.title}</h1>
      <ErrorNote error={list.error ?? add.error} />
      {list.data && list.data.length === 0 && <Empty>{w.none}</Empty>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{crmWords(i18n.language).contacts.name}</th>
              <th>{w.source}</th>
              <th>{w.caseType}</th>
              <th>{w.statusLabel}</th>
              <th>{w.score}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((l) => (
              <tr key={l.id}>
                <td>
                  <Link to={`/crm/leads/${l.id}`}>{l.lead_number}</Link>
                </td>
                <td>{nameOf(l)}</td>
                <td>{w.sources[l.source as (typeof SOURCES)[number]] ?? l.source}</td>
                <td>{types.data?.find((t) => t.code === l.case_type)?.name ?? l.case_type}</td>
                <td>{w.status[l.status]}</td>
                <td>
                  <meter min={0} max={100} value={l.lead_score} aria-label={`${w.score} ${l.lead_score}`} /> {l.lead_score}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <label>
          {crmWords(i18n.language).contacts.firstName}
          <input value={f.firstName} required maxLength={100} onChange={(e) => setF({ ...f, firstName: e.target.value })} />
        </label>
        <label>
          {crmWords(i18n.language).contacts.lastName}
          <input value={f.lastName} required maxLength={100} onChange={(e) => setF({ ...f, lastName: e.target.value })} />
        </label>
        <label>
          {crmWords(i18n.language).contacts.email}
          <input type="email" value={f.email} maxLength={255} onChange={(e) => setF({ ...f, email: e.target.value })} />
        </label>
        <label>
          {w.source}
          <select value={f.source} onChange={(e) => setF({ ...f, source: e.target.value })}>
            {SOURCES.map((s) => (
              <option key={s} value={s}>
                {w.sources[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          {w.caseType}
          <select value={f.caseType} onChange={(e) => setF({ ...f, caseType: e.target.value })}>
            <option value="">—</option>
            {types.data?.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending}>
          {w.add}
        </button>
      </form>
    </div>
  );
}

/**
 * A factor's value in the window's language: the core states values in plain English ("referral",
 * "2.5 h", "not answered yet", "30 won of 80"); sources, case types and those phrases are put in words here.
 */
function factorValue(f: Factor, words: CrmWords, typeName: (code: string) => string | undefined): string {
  const w = words.score;
  switch (f.factor) {
    case 'source':
      return words.leads.sources[f.value as keyof CrmWords['leads']['sources']] ?? f.value;
    case 'case_type':
      return typeName(f.value) ?? f.value;
    case 'response_time': {
      const h = /^([\d.]+) h$/.exec(f.value);
      return h ? w.hours(h[1]!) : w.notAnswered;
    }
    case 'base': {
      const m = /^(\d+) won of (\d+)$/.exec(f.value);
      return m ? w.wonOf(m[1]!, m[2]!) : w.rule;
    }
    default:
      return f.value;
  }
}

export function ScoreExplained({ score, words, typeName }: { score: LeadScore; words: CrmWords; typeName: (code: string) => string | undefined }) {
  const w = words.score;
  return (
    <section aria-labelledby="score-title" className="score-explained">
      <h2 id="score-title">
        {w.title}: {score.score} / 100
      </h2>
      <p>
        {w.method[score.method]} · {w.confidence(score.confidence)}
        {score.trainedOn ? ` · ${w.trainedOn(score.trainedOn)}` : ''}
      </p>
      <p className="help">{w.explain}</p>
      <table>
        <tbody>
          {score.factors.map((f) => (
            <tr key={f.factor} data-factor={f.factor}>
              <th scope="row">{w.factor[f.factor]}</th>
              <td>{factorValue(f, words, typeName)}</td>
              <td className={f.points > 0 ? 'up' : f.points < 0 ? 'down' : ''}>{w.points(f.points)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function LeadPage() {
  const { id = '' } = useParams();
  const { i18n } = useTranslation();
  const words = crmWords(i18n.language);
  const w = words.leads;
  const qc = useQueryClient();
  const page = useQuery({ queryKey: ['crm.lead', id], queryFn: () => call('crm.lead', { id }) });
  const types = useQuery({ queryKey: ['caseTypes.list'], queryFn: () => call('caseTypes.list', {}) });
  const [caseType, setCaseType] = useState('');
  const refresh = () => void qc.invalidateQueries();
  const respond = useMutation({ mutationFn: () => call('crm.lead.respond', { id }), onSuccess: refresh });
  const convert = useMutation({ mutationFn: () => call('crm.lead.convert', caseType ? { id, caseType } : { id }), onSuccess: refresh });
  const lead = page.data?.lead;
  const open = lead && ['new', 'qualified', 'contacted'].includes(lead.status);
  return (
    <div>
      <p>
        <Link to="/crm/leads">← {w.back}</Link>
      </p>
      <ErrorNote error={page.error ?? respond.error ?? convert.error} />
      {lead && (
        <>
          <h1>
            {lead.lead_number} · {nameOf(lead)}
          </h1>
          <p>
            {w.status[lead.status]} · {w.sources[lead.source as keyof typeof w.sources] ?? lead.source} · {when(lead.created_at)}
          </p>
          <ScoreExplained score={page.data!.score} words={words} typeName={(code) => types.data?.find((t) => t.code === code)?.name} />
          {open && (
            <div className="actions">
              {!lead.first_response_at && (
                <button onClick={() => respond.mutate()} disabled={respond.isPending}>
                  {w.respond}
                </button>
              )}
              <label>
                {w.caseType}
                <select value={caseType || lead.case_type || ''} onChange={(e) => setCaseType(e.target.value)}>
                  <option value="">—</option>
                  {types.data?.map((t) => (
                    <option key={t.code} value={t.code}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </label>
              <button onClick={() => convert.mutate()} disabled={convert.isPending}>
                {w.convert}
              </button>
            </div>
          )}
          {convert.data && (
            <p role="status">
              {w.converted(convert.data.case.case_number)} <Link to={`/cases/${convert.data.case.id}`}>{w.openCase}</Link>
            </p>
          )}
          {!convert.data && lead.converted_to_case_id && (
            <p>
              <Link to={`/cases/${lead.converted_to_case_id}`}>{w.openCase}</Link>
            </p>
          )}
        </>
      )}
    </div>
  );
}
