/**
 * The firm's security events for owners and admins (issue 14): filter by status, severity and category;
 * acknowledge, resolve or reopen each. The events are the firm server's (admin.securityEvents,
 * admin.setSecurityEventStatus); a vault working on its own has none.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, EVENT_STATUSES, SEVERITIES, type Category, type EventStatus, type Severity } from '../../src-shared/policy/security-events';
import { Empty, ErrorNote, when } from '../app/ui';
import { call } from '../app/api';

function Filter<T extends string>({
  label,
  value,
  options,
  word,
  onChange,
}: {
  label: string;
  value: T | '';
  options: readonly T[];
  word: (v: T) => string;
  onChange: (v: T | '') => void;
}) {
  const { t } = useTranslation();
  return (
    <label>
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value as T | '')}>
        <option value="">{t('console.securityAny')}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {word(o)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The moves an admin may make from each status. */
const NEXT: Record<EventStatus, { to: EventStatus; word: string }[]> = {
  open: [
    { to: 'acknowledged', word: 'console.acknowledge' },
    { to: 'resolved', word: 'console.resolve' },
  ],
  acknowledged: [{ to: 'resolved', word: 'console.resolve' }],
  resolved: [{ to: 'open', word: 'console.reopen' }],
};

export function SecurityEvents() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [status, setStatus] = useState<EventStatus | ''>('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [category, setCategory] = useState<Category | ''>('');
  const filters = { ...(status ? { status } : {}), ...(severity ? { severity } : {}), ...(category ? { category } : {}) };
  const events = useQuery({ queryKey: ['admin', 'security', filters], queryFn: () => call('admin.securityEvents', filters) });
  const move = useMutation({
    mutationFn: (x: { id: number; status: EventStatus }) => call('admin.setSecurityEventStatus', x),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin', 'security'] }),
  });
  const kind = (k: string) => t(`console.eventKind.${k}`, { defaultValue: k });
  return (
    <div className="card" data-testid="security-events">
      <h2>{t('console.securityTitle')}</h2>
      <div className="row">
        <Filter
          label={t('console.securityFilterStatus')}
          value={status}
          options={EVENT_STATUSES}
          word={(v) => t(`console.eventStatus.${v}`)}
          onChange={setStatus}
        />
        <Filter
          label={t('console.securityFilterSeverity')}
          value={severity}
          options={SEVERITIES}
          word={(v) => t(`console.severity.${v}`)}
          onChange={setSeverity}
        />
        <Filter
          label={t('console.securityFilterCategory')}
          value={category}
          options={CATEGORIES}
          word={(v) => t(`console.category.${v}`)}
          onChange={setCategory}
        />
      </div>
      <ErrorNote error={events.error ?? move.error} />
      {events.data && !events.data.length && <Empty>{t('console.securityNone')}</Empty>}
      {!!events.data?.length && (
        <table className="simple">
          <thead>
            <tr>
              <th>{t('admin.when')}</th>
              <th>{t('console.securityKind')}</th>
              <th>{t('console.securityFilterSeverity')}</th>
              <th>{t('console.securityFilterCategory')}</th>
              <th>{t('console.securityWho')}</th>
              <th>{t('console.securityFilterStatus')}</th>
              <th>{t('console.securityActions')}</th>
            </tr>
          </thead>
          <tbody>
            {events.data.map((e) => (
              <tr key={e.id} data-testid="security-event">
                <td className="date">{when(e.at)}</td>
                <td>{kind(e.kind)}</td>
                <td>
                  <span className={`badge ${e.severity === 'high' || e.severity === 'critical' ? 'danger' : e.severity === 'medium' ? 'warn' : ''}`}>
                    {t(`console.severity.${e.severity}`)}
                  </span>
                </td>
                <td>{t(`console.category.${e.category}`)}</td>
                <td>{e.userEmail ?? ''}</td>
                <td>{t(`console.eventStatus.${e.status}`)}</td>
                <td>
                  {NEXT[e.status].map((n) => (
                    <button
                      key={n.to}
                      type="button"
                      disabled={move.isPending}
                      onClick={() => move.mutate({ id: e.id, status: n.to })}
                      aria-label={`${t(n.word)}: ${kind(e.kind)} ${e.id}`}
                    >
                      {t(n.word)}
                    </button>
                  ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
