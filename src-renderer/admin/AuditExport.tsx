/**
 * Export a date range of the firm's server audit log with the proof of its chain (issue 15): first and
 * last day, CSV or JSON Lines, and the file to write. Calls admin.exportAudit.
 */
import { useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DateField, ErrorNote } from '../app/ui';
import { call } from '../app/api';

const today = () => new Date().toISOString().slice(0, 10);

export function AuditExport() {
  const { t } = useTranslation();
  const [from, setFrom] = useState(() => `${today().slice(0, 8)}01`);
  const [to, setTo] = useState(today);
  const [format, setFormat] = useState<'jsonl' | 'csv'>('jsonl');
  const [file, setFile] = useState('');
  const run = useMutation({ mutationFn: () => call('admin.exportAudit', { from, to, format, file }) });
  return (
    <div className="card" data-testid="audit-export">
      <h2>{t('console.exportTitle')}</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate();
        }}
      >
        <DateField label={t('console.exportFrom')} value={from} onChange={setFrom} max={today()} required testId="export-from" />
        <DateField label={t('console.exportTo')} value={to} onChange={setTo} max={today()} required testId="export-to" />
        <label>
          {t('console.exportFormat')}
          <select value={format} onChange={(e) => setFormat(e.target.value as 'jsonl' | 'csv')}>
            <option value="jsonl">{t('console.formatJsonl')}</option>
            <option value="csv">{t('console.formatCsv')}</option>
          </select>
        </label>
        <label>
          {t('console.exportFile')}
          <input value={file} onChange={(e) => setFile(e.target.value)} required />
        </label>
        <button type="submit" disabled={run.isPending}>
          {t('console.export')}
        </button>
      </form>
      {run.data && (
        <p role="status" data-testid="audit-exported">
          {t('console.exported', { count: run.data.entries, file: run.data.file })}
        </p>
      )}
      <p className="muted small">{t('console.exportNote')}</p>
      <ErrorNote error={run.error} />
    </div>
  );
}
