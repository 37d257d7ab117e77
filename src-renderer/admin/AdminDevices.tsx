/**
 * The firm's devices and their sync health (issue 15): one row per laptop, named by user and machine,
 * this device marked, last seen and last synced, what its last report said (pending changes, failed
 * pushes, open conflicts, disk, licence lease, version), warnings for devices silent for N days or
 * holding unsynced changes; rename and revoke. Calls admin.devices, admin.renameDevice, admin.revokeDevice.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { DeviceLine } from '../../src-shared/contract/views';
import { Empty, ErrorNote, when } from '../app/ui';
import { formatDate } from '../app/format';
import { call } from '../app/api';

function size(bytes: number, lng: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let v = bytes;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return new Intl.NumberFormat(lng, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: 1 }).format(v);
}

function Health({ d, staleDays }: { d: DeviceLine; staleDays: number }) {
  const { t, i18n } = useTranslation();
  const h = d.health;
  const facts = h
    ? [
        h.pendingChanges ? t('console.pending', { count: h.pendingChanges }) : null,
        h.failedPushes ? t('console.failed', { count: h.failedPushes }) : null,
        h.openConflicts ? t('console.conflicts', { count: h.openConflicts }) : null,
        t('console.disk', { size: size(h.diskUsedBytes, i18n.language) }),
        h.lease ? t('console.lease', { date: formatDate(h.lease.expiresAt, i18n.language) }) : null,
      ].filter(Boolean)
    : [t('console.noReport')];
  return (
    <>
      {d.warnings?.length ? (
        <ul className="plain" data-testid="device-warnings">
          {d.warnings.map((w) => (
            <li key={w} className="badge warn">
              {t(`console.warning.${w}`, { days: staleDays })}
            </li>
          ))}
        </ul>
      ) : (
        !d.revokedAt && <span className="badge ok">{t('console.healthy')}</span>
      )}
      <span className="muted small"> {facts.join(' · ')}</span>
    </>
  );
}

export function AdminDevices() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [staleDays, setStaleDays] = useState(7);
  const devices = useQuery({ queryKey: ['admin', 'devices', staleDays], queryFn: () => call('admin.devices', { staleDays }) });
  const done = () => qc.invalidateQueries({ queryKey: ['admin', 'devices'] });
  const revoke = useMutation({ mutationFn: (id: string) => call('admin.revokeDevice', { id }), onSuccess: done });
  const [renaming, setRenaming] = useState<{ id: string; name: string } | null>(null);
  const rename = useMutation({
    mutationFn: (r: { id: string; name: string }) => call('admin.renameDevice', r),
    onSuccess: () => {
      setRenaming(null);
      return done();
    },
  });
  return (
    <div className="card" data-testid="devices">
      <h2>{t('console.devicesTitle')}</h2>
      <ErrorNote error={devices.error} />
      <label>
        {t('console.staleDays')}{' '}
        <input type="number" min={1} max={365} value={staleDays} onChange={(e) => setStaleDays(Math.max(1, Math.min(365, Number(e.target.value) || 1)))} />
      </label>
      {devices.data && !devices.data.length && <Empty>{t('admin.noDevices')}</Empty>}
      {!!devices.data?.length && (
        <table className="simple">
          <thead>
            <tr>
              <th>{t('console.device')}</th>
              <th>{t('console.lastSeen')}</th>
              <th>{t('console.lastSync')}</th>
              <th>{t('console.version')}</th>
              <th>{t('console.health')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {devices.data.map((d) => (
              <tr key={d.id} data-testid="device-row">
                <td>
                  {renaming?.id === d.id ? (
                    <form
                      onSubmit={(e) => {
                        e.preventDefault();
                        rename.mutate(renaming);
                      }}
                    >
                      <input
                        aria-label={t('console.renameTo', { name: d.name })}
                        value={renaming.name}
                        onChange={(e) => setRenaming({ id: d.id, name: e.target.value })}
                        autoFocus
                      />
                      <button type="submit">{t('console.save')}</button>
                      <button type="button" onClick={() => setRenaming(null)}>
                        {t('console.cancel')}
                      </button>
                    </form>
                  ) : (
                    <span data-testid="device">{t('join.deviceOf', { user: d.userEmail, machine: d.name })}</span>
                  )}
                  {d.thisDevice && <span className="badge ok"> {t('join.thisDevice')}</span>}
                </td>
                <td className="date">{d.lastSeenAt ? when(d.lastSeenAt) : t('console.never')}</td>
                <td className="date">{d.lastSyncAt ? when(d.lastSyncAt) : t('console.never')}</td>
                <td>{d.appVersion ?? '—'}</td>
                <td>
                  <Health d={d} staleDays={staleDays} />
                </td>
                <td>
                  {d.revokedAt ? (
                    <span className="badge danger">{t('admin.revoked')}</span>
                  ) : (
                    <>
                      <button type="button" onClick={() => setRenaming({ id: d.id, name: d.name })}>
                        {t('console.rename')}
                      </button>{' '}
                      {!d.thisDevice && (
                        <button type="button" onClick={() => revoke.mutate(d.id)}>
                          {t('admin.revoke')}
                        </button>
                      )}
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ErrorNote error={revoke.error ?? rename.error} />
    </div>
  );
}
