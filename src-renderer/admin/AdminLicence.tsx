/**
 * The vault's licence for owners and admins (issue 15): state in words, licensee, seats used, dates,
 * modules, and the import of a licence file (a solo vault; a firm's laptops follow their server's lease).
 * Calls license.status and license.import.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorNote } from '../app/ui';
import { formatDate } from '../app/format';
import { call } from '../app/api';

export function AdminLicence() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const lic = useQuery({ queryKey: ['license'], queryFn: () => call('license.status', {}) });
  const [file, setFile] = useState('');
  const imp = useMutation({
    mutationFn: () => call('license.import', { file }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['license'] }),
  });
  const s = lic.data;
  const day = (v: string | null) => (v ? formatDate(v, i18n.language) : '—');
  return (
    <div className="card" data-testid="licence">
      <h2>{t('console.licence')}</h2>
      <ErrorNote error={lic.error} />
      {s && (
        <dl className="facts">
          <dt>{t('console.licence')}</dt>
          <dd>
            <span className={`badge ${s.state === 'valid' ? 'ok' : s.state === 'grace' || s.state === 'none' ? 'warn' : 'danger'}`} data-testid="licence-state">
              {t(`console.state.${s.state}`)}
            </span>{' '}
            <span className="muted">({t(`console.source.${s.source}`)})</span>
          </dd>
          <dt>{t('console.licensee')}</dt>
          <dd>{s.licensee ?? '—'}</dd>
          <dt>{t('console.seats')}</dt>
          <dd>{s.seats === null ? '—' : t('console.seatsUsed', { used: s.seatsUsed, seats: s.seats })}</dd>
          <dt>{t('console.until')}</dt>
          <dd>{day(s.until)}</dd>
          <dt>{t('console.graceUntil')}</dt>
          <dd>{day(s.graceUntil)}</dd>
          <dt>{t('console.modules')}</dt>
          <dd data-testid="licence-modules">
            {s.modules.length ? s.modules.map((m) => t(`console.module.${m}`, { defaultValue: m })).join(', ') : t('console.noModules')}
          </dd>
        </dl>
      )}
      {s?.reason && <p className="muted">{s.reason}</p>}
      {s?.clockRollback && <p className="error">{t('console.clockRollback')}</p>}
      {s?.source !== 'lease' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            imp.mutate();
          }}
        >
          <h3>{t('console.importTitle')}</h3>
          <label>
            {t('console.importFile')}
            <input value={file} onChange={(e) => setFile(e.target.value)} required />
          </label>
          <button type="submit" disabled={imp.isPending}>
            {t('console.import')}
          </button>
          {imp.data && <p role="status">{t('console.imported', { state: t(`console.state.${imp.data.state}`) })}</p>}
          <ErrorNote error={imp.error} />
        </form>
      )}
    </div>
  );
}
