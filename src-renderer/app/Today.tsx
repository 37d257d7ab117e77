/** Today: tasks due this week, documents expiring, recent cases. */
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { todayQuery } from './first-screen';
import { Empty, ErrorNote } from './ui';
import { formatDate } from './format';
import { useSyncStatus } from '../sync/Sync';

export function Today() {
  const { t, i18n } = useTranslation();
  const d = (v: string) => formatDate(v, i18n.language);
  const q = useQuery(todayQuery);
  const s = q.data;
  const sync = useSyncStatus();
  const today = new Date().toISOString().slice(0, 10);
  return (
    <section>
      <h1>{t('today.title')}</h1>
      <ErrorNote error={q.error} />
      <div className="grid3">
        <div className="card">
          <h2>{t('today.tasks')}</h2>
          {s && !s.tasksDue.length && <Empty>{t('today.noTasks')}</Empty>}
          <ul className="plain">
            {s?.tasksDue.map((x) => (
              <li key={x.id}>
                <Link to={`/cases/${x.case_id}`}>{x.title}</Link>{' '}
                <span className={x.due_date?.slice(0, 10) < today ? 'date badge danger' : 'date muted'}>
                  {x.due_date?.slice(0, 10) < today ? t('today.overdue', { date: d(x.due_date) }) : d(x.due_date)}
                </span>
                {x.client || x.caseNumber ? (
                  <div className="context" data-testid="task-context">
                    {t('context.onCase', { client: x.client ?? '', number: x.caseNumber ?? '' })}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>{t('today.deadlines')}</h2>
          {s && !s.expiring.length && !s.itaWindows?.length && <Empty>{t('today.noDeadlines')}</Empty>}
          <ul className="plain">
            {s?.itaWindows?.map((w) => (
              <li key={`ita-${w.caseId}`} data-testid="ita-window">
                <Link to={`/cases/${w.caseId}`}>{w.client ?? w.caseNumber}</Link> <span className="muted">{t('ita.short')}</span>{' '}
                <span className={w.daysLeft < 0 ? 'badge danger' : w.daysLeft <= 14 ? 'badge warn' : 'badge'}>
                  {w.daysLeft < 0 ? t('ita.missed', { date: d(w.deadline) }) : t('ita.daysLeft', { count: w.daysLeft, date: d(w.deadline) })}
                </span>
              </li>
            ))}
            {s?.expiring.map((x) => (
              <li key={x.id}>
                <Link to={`/cases/${x.caseId}`}>{x.title}</Link>{' '}
                <span className={x.expired ? 'badge danger' : 'badge warn'}>
                  {x.expired ? t('today.expired', { date: d(x.expiresOn) }) : t('today.expires', { date: d(x.expiresOn) })}
                </span>
                {x.client || x.caseNumber ? (
                  <div className="context" data-testid="deadline-context">
                    {t('context.onCase', { client: x.client ?? '', number: x.caseNumber ?? '' })}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        </div>
        <div className="card">
          <h2>{t('today.recent')}</h2>
          {s && !s.recentCases.length && (
            <Empty>
              {t('today.noCases')} <Link to="/cases">{t('today.openCases')}</Link>
            </Empty>
          )}
          <ul className="plain">
            {s?.recentCases.map((c) => (
              <li key={c.id}>
                <Link to={`/cases/${c.id}`}>{c.client_name || c.case_number}</Link> <span className="muted">{t(`status.${c.status}`)}</span>
              </li>
            ))}
          </ul>
        </div>
        {sync.data && (
          <div className="card">
            <h2>{t('today.sync')}</h2>
            {!sync.data.server ? (
              <p className="muted">
                {t('today.syncSolo')} <Link to="/sync">{t('nav.sync')}</Link>
              </p>
            ) : (
              <ul className="plain">
                <li>{sync.data.pendingPushes ? t('today.syncPending', { count: sync.data.pendingPushes }) : t('today.syncUpToDate')}</li>
                {sync.data.conflicts > 0 && (
                  <li>
                    <Link to="/sync">{t('today.syncConflicts', { count: sync.data.conflicts })}</Link>
                  </li>
                )}
              </ul>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
