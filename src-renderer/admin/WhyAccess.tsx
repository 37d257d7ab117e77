/**
 * "Who may see what" for owners and admins (issue 14 item 6): choose a colleague and a case; the answer
 * says whether they see it, what of a client's passport and identity numbers they see (whole, •••••123,
 * nothing), the rule that decides each and the facts it was judged on; and lists the colleague's
 * effective permissions. Calls policy.explain (the same engine and rules as the server).
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { UserLine } from '../../src-shared/contract/views';
import { ErrorNote } from '../app/ui';
import { call } from '../app/api';

/** `me`: this vault's own user (by email), named "you" as everywhere else in Administration (issue 17). */
export function WhyAccess({ users, me }: { users: UserLine[] | undefined; me?: string }) {
  const { t } = useTranslation();
  const [userId, setUserId] = useState('');
  const [caseId, setCaseId] = useState('');
  const cases = useQuery({ queryKey: ['cases', 'why'], queryFn: () => call('cases.list', { limit: 500, offset: 0, sort: 'case_number', direction: 'asc' }) });
  const why = useQuery({
    queryKey: ['policy', 'explain', userId, caseId],
    queryFn: () => call('policy.explain', { userId, ...(caseId ? { caseId } : {}) }),
    enabled: !!userId,
  });
  const c = why.data?.case;
  return (
    <div className="card" data-testid="why-access">
      <h2>{t('console.whyTitle')}</h2>
      <div className="row">
        <label>
          {t('console.whyUser')}
          <select value={userId} onChange={(e) => setUserId(e.target.value)}>
            <option value="">—</option>
            {users?.map((u) => (
              <option key={u.id} value={u.id}>
                {u.email === me ? t('console.whyYou') : [u.first_name, u.last_name].filter(Boolean).join(' ') || u.email} ({u.role})
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('console.whyCase')}
          <select value={caseId} onChange={(e) => setCaseId(e.target.value)}>
            <option value="">—</option>
            {cases.data?.rows.map((x) => (
              <option key={x.id} value={x.id}>
                {x.case_number}
                {x.client_name ? ` · ${x.client_name}` : ''}
              </option>
            ))}
          </select>
        </label>
      </div>
      <ErrorNote error={why.error ?? cases.error} />
      {c && (
        <div data-testid="why-answer">
          <p>
            <strong>{c.read.allowed ? t('console.whySees', { number: c.caseNumber }) : t('console.whyNotSees', { number: c.caseNumber })}</strong>{' '}
            <span className="muted">{c.read.rule ? t('console.whyBecause', { rule: c.read.rule.text }) : t('console.whyNoRule')}</span>
          </p>
          <p className="muted small">
            {t('console.whyFacts', { as: c.read.facts.as, documents: String(c.read.facts.grant_documents), money: String(c.read.facts.grant_money) })}
          </p>
          <table className="simple">
            <thead>
              <tr>
                <th>{t('console.whyField')}</th>
                <th>{t('console.whyAccess')}</th>
                <th>{t('console.whyRule')}</th>
              </tr>
            </thead>
            <tbody>
              {c.fields.map((f) => (
                <tr key={f.field} data-testid="why-field">
                  <td>{f.field}</td>
                  <td>{t(`console.fieldAccess.${f.access}`)}</td>
                  <td className="small">{f.because.rule?.text ?? t('console.whyNoRule')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {why.data && (
        <details>
          <summary>{t('console.whyPermissions', { role: why.data.role, count: why.data.permissions.length })}</summary>
          <ol className="small" data-testid="why-permissions">
            {why.data.permissions.map((r, i) => (
              <li key={i} className={r.inverted ? 'danger' : ''}>
                {r.text}
              </li>
            ))}
          </ol>
        </details>
      )}
    </div>
  );
}
