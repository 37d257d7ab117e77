/**
 * Administration for owners and admins: users and their roles, the licence, devices and their sync
 * health (rename, revoke a lost laptop), the audit log with the verification of its hash chain, and its
 * export with the chain proof (AdminLicence, AdminDevices, AuditExport: issue 15), and the firm's security
 * events (SecurityEvents: issue 14), and the encrypted-data registry (EncryptedData: issue 19).
 *
 * Calls admin.users, admin.devices, admin.revokeDevice, audit.search and audit.verify (src-main/admin/admin.ts).
 */
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorNote, when } from '../app/ui';
import { useLabels } from '../app/labels';
import { call } from '../app/api';
import { AdminUsers } from './AdminUsers';
import { AdminLicence } from './AdminLicence';
import { AdminDevices } from './AdminDevices';
import { AuditExport } from './AuditExport';
import { SecurityEvents } from './SecurityEvents';
import { WhyAccess } from './WhyAccess';
import { EncryptedData } from './EncryptedData';

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
  const vault = useQuery({ queryKey: ['vault'], queryFn: () => call('vault.status', {}) });
  const users = useQuery({ queryKey: ['admin', 'users'], queryFn: () => call('admin.users', {}) });
  const L = useLabels();
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
        <AdminLicence />
      </div>
      <AdminDevices />
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
      <AuditExport />
      {!vault.data?.solo && <SecurityEvents />}
      <WhyAccess users={users.data} me={vault.data?.email} />
      <EncryptedData />
    </section>
  );
}
