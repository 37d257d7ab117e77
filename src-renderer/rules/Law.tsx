/**
 * Law and guidance kept in the vault for search and for the rules that cite it: the imported sources,
 * and the import of a statute, regulation or IRCC page (HTML, text or PDF) saved from its address.
 * Re-importing an address says which sections changed and which approved rules cite it.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { PROVINCES } from '../../src-shared/immigration/provinces';
import { call } from '../app/api';
import { Empty, ErrorNote, toBase64 } from '../app/ui';

export function Law() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['law'], queryFn: () => call('law.list', {}) });
  const [file, setFile] = useState<File | null>(null);
  const [url, setUrl] = useState('');
  const [jurisdiction, setJurisdiction] = useState('federal');
  const run = useMutation({
    mutationFn: async () => call('law.import', { filename: file!.name, base64: await toBase64(file!), url: url.trim(), jurisdiction }),
    onSuccess: () => void qc.invalidateQueries(),
  });
  const r = run.data;
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('law.title')}</h2>
        {list.data && !list.data.length && <Empty>{t('law.empty')}</Empty>}
        <ul className="plain">
          {list.data?.map((s) => (
            <li key={s.id}>
              <strong>{s.title ?? s.url}</strong>{' '}
              <span className="muted small">
                {s.jurisdiction} · {t('law.sections', { count: s.sections })} · {String(s.importedAt ?? '').slice(0, 10)}
              </span>
              <div className="muted small">{s.url}</div>
            </li>
          ))}
        </ul>
        <ErrorNote error={list.error} />
      </div>
      <form
        className="card"
        onSubmit={(e) => {
          e.preventDefault();
          if (file) run.mutate();
        }}
      >
        <h2>{t('law.import')}</h2>
        <p className="muted small">{t('law.intro')}</p>
        <label>
          {t('law.file')}
          <input
            type="file"
            accept=".html,.htm,.txt,.pdf,text/html,text/plain,application/pdf"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            required
          />
        </label>
        <label>
          {t('law.url')}
          <input type="url" value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://laws-lois.justice.gc.ca/…" required />
        </label>
        <label>
          {t('law.jurisdiction')}
          <select value={jurisdiction} onChange={(e) => setJurisdiction(e.target.value)}>
            <option value="federal">{t('law.federal')}</option>
            {PROVINCES.map((p) => (
              <option key={p} value={p}>
                {t(`province.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {run.isPending && <progress className="progress" aria-label={t('law.importing')} />}
        <ErrorNote error={run.error} />
        {r && (
          <div role="status" data-testid="law-result">
            <p>{r.unchanged ? t('law.unchanged') : t('law.imported', { count: r.sections, title: r.title ?? url })}</p>
            {r.changedSections.length > 0 && (
              <ul className="plain small">
                {r.changedSections.map((c) => (
                  <li key={`${c.change}:${c.section}`}>
                    {t(`law.change.${c.change}`, { defaultValue: c.change })}: {c.section}
                  </li>
                ))}
              </ul>
            )}
            {r.citingRules.length > 0 && (
              <p className="error">{t('law.review', { rules: r.citingRules.map((x) => `${x.ruleId} v${x.version}`).join(', ') })}</p>
            )}
          </div>
        )}
        <button type="submit" className="primary" disabled={!file || run.isPending}>
          {run.isPending ? t('law.importing') : t('law.importButton')}
        </button>
      </form>
    </div>
  );
}
