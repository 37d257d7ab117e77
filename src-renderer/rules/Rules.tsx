/** The rules in force: built-in packs and the firm's own versions, with their dates. */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { RuleProposals } from './RuleProposals';
import { Law } from './Law';

export function Rules() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['rules'], queryFn: () => call('rules.list', {}) });
  return (
    <section>
      <h1>{t('rules.title')}</h1>
      <h2>{t('rules.proposals')}</h2>
      <RuleProposals />
      <h2>{t('rules.approved')}</h2>
      <p className="muted">{t('rules.intro')}</p>
      <ErrorNote error={q.error} />
      <table className="simple">
        <thead>
          <tr>
            <th>{t('rules.rule')}</th>
            <th>{t('rules.version')}</th>
            <th>{t('rules.from')}</th>
            <th>{t('rules.until')}</th>
          </tr>
        </thead>
        <tbody>
          {q.data
            ?.sort((a, b) => a.ruleId.localeCompare(b.ruleId) || a.version - b.version)
            .map((r) => (
              <tr key={`${r.ruleId}@${r.version}`}>
                <td>
                  {r.label}
                  <div className="muted small">{r.ruleId}</div>
                </td>
                <td>{r.version}</td>
                <td>{r.from}</td>
                <td>{r.until ?? '—'}</td>
              </tr>
            ))}
        </tbody>
      </table>
      <Law />
    </section>
  );
}
