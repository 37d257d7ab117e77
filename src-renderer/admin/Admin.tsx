/**
 * Administration for owners and admins: users and their roles, devices (revoke a lost laptop), and the
 * audit log with the verification of its hash chain.
 *
 * Calls admin.users, admin.devices, admin.revokeDevice, audit.search and audit.verify (src-main/admin/admin.ts).
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorNote, when } from '../app/ui';
import { useLabels } from '../app/labels';
import { call } from '../app/api';
import { AdminUsers } from './AdminUsers';

function Section({ title, q, children }: { title: string; q: { error: unknown }; children: React.ReactNode }) {
  return (
    <div className="card">
      <h2>{title}</h2>
      <ErrorNote error={q.error} />
      {children}
    </div>
  );
}

export function Admin() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const vault = useQuery({ queryKey: ['vault'], queryFn: () => call('vault.status', {}) });
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => call('admin.users', {}) });
  const devices = useQuery({ queryKey: ['admin', 'devices'], queryFn: () => call('admin.devices', {}) });
  const sync = useQuery({ queryKey: ['sync', 'status'], queryFn: () => call('sync.status', {}) });
  const L = useLabels();
  const revoke = useMutation({
    mutationFn: (id: string) => call('admin.revokeDevice', { id }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['admin'] }),
  });
  const [text, setText] = useState('');
  const [q, setQ] = useState('');
  useEffect(() => {
    const h = setTimeout(() => setQ(text.trim()), 200);
    return () => clearTimeout(h);
  }, [text]);
  const audit = useQuery({ queryKey: ['audit', q], queryFn: () => call('audit.search', { ...(q ? { q } : {}), limit: 100 }) });
  const verify = useQuery({ queryKey: ['audit', 'verify'], queryFn: () => call('audit.verify', {}) });
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <div className="grid2">
        <Section title={t('admin.users')} q={users}>
          <AdminUsers users={users.data} me={vault.data?.email} solo={vault.data?.solo === true} />
        </Section>
        <Section title={t('admin.devices')} q={devices}>
          {devices.data && !devices.data.length && <Empty>{t('admin.noDevices')}</Empty>}
          <ul className="plain">
            {devices.data?.map((d) => (
              <li key={d.id}>
                <span data-testid="device">{t('join.deviceOf', { user: d.userEmail, machine: d.name })}</span>
                {d.id === sync.data?.deviceId && <span className="badge ok"> {t('join.thisDevice')}</span>}{' '}
                <span className="muted">· {t('admin.lastSeen', { date: when(d.lastSeenAt) })}</span>{' '}
                {d.revokedAt ? (
                  <span className="badge danger">{t('admin.revoked')}</span>
                ) : (
                  <button type="button" onClick={() => revoke.mutate(d.id)}>
                    {t('admin.revoke')}
                  </button>
                )}
              </li>
            ))}
          </ul>
          <ErrorNote error={revoke.error} />
        </Section>
      </div>
      <Section title={t('admin.audit')} q={audit}>
        {verify.data && (
          <p className={verify.data.ok ? 'badge ok' : 'badge danger'} role="status" data-testid="audit-chain">
            {verify.data.ok ? t('admin.chainOk', { count: verify.data.entries }) : t('admin.chainBroken', { seq: verify.data.firstBrokenSeq })}
          </p>
        )}
        <input type="search" aria-label={t('admin.auditSearch')} placeholder={t('admin.auditSearch')} value={text} onChange={(e) => setText(e.target.value)} />
        {audit.data && !audit.data.length && <Empty>{t('admin.noAudit')}</Empty>}
        <table className="simple">
          <thead>
            <tr>
              <th>{t('admin.when')}</th>
              <th>{t('admin.who')}</th>
              <th>{t('admin.what')}</th>
            </tr>
          </thead>
          <tbody>
            {audit.data?.map((a) => (
              <tr key={a.seq}>
                <td className="date">{when(a.at)}</td>
                {/* A solo vault's one user is this computer's practitioner: "you", not a made-up address. */}
                <td>{vault.data?.solo && a.actorEmail === vault.data.email ? t('join.you') : (a.actorEmail ?? '')}</td>
                <td>{L.audit(a.action, a.table)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </Section>
    </section>
  );
}
