/**
 * Settings. Language and theme belong to the window (kept in this browser profile, so they apply before
 * the vault is unlocked); the key stores, the OCR languages of new documents and the search model
 * belong to the vault (settings.get / settings.set / models.install).
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { BackupProgress } from '../../src-shared/contract/views';
import { LANGUAGES } from './i18n';
import { call, casework } from './api';
import { ErrorNote, Progress } from './ui';
import { useLabels } from './labels';
import { useTheme, type Theme } from './theme';

const OCR_CHOICES = ['eng', 'fra', 'eng+fra'] as const;

export function Settings() {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  const [theme, setTheme] = useTheme();
  const vault = useQuery({ queryKey: ['vault'], queryFn: () => call('vault.status', {}) });
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <div className="grid2">
        <div className="card">
          <h2>{t('settings.window')}</h2>
          <label>
            {t('settings.language')}
            <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
              {Object.entries(LANGUAGES).map(([k, v]) => (
                <option key={k} value={k}>
                  {v}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('settings.theme')}
            <select value={theme} onChange={(e) => setTheme(e.target.value as Theme)}>
              <option value="light">{t('settings.light')}</option>
              <option value="dark">{t('settings.dark')}</option>
            </select>
          </label>
          <dl className="facts">
            {vault.data && (
              <>
                <dt>{t('settings.vaultFolder')}</dt>
                <dd>
                  <code>{vault.data.dataDir}</code>
                </dd>
              </>
            )}
            {vault.data?.orgName && (
              <>
                <dt>{t('join.practice')}</dt>
                <dd data-testid="practice-name">{vault.data.orgName}</dd>
              </>
            )}
            {vault.data?.email && (
              <>
                <dt>{t('settings.signedInAs')}</dt>
                <dd>{vault.data.solo ? t('join.soloUser') : `${vault.data.email} · ${L.role(vault.data.role)}`}</dd>
              </>
            )}
          </dl>
        </div>
        <VaultSettings />
        <Backup />
      </div>
    </section>
  );
}

function VaultSettings() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
  const onSuccess = (v: unknown) => qc.setQueryData(['settings'], v);
  const set = useMutation({ mutationFn: (input: { ocrLanguages?: string; activeModel?: string }) => call('settings.set', input), onSuccess });
  const [folder, setFolder] = useState('');
  const install = useMutation({
    mutationFn: () => call('models.install', { folder }),
    onSuccess: (v) => {
      onSuccess(v);
      setFolder('');
    },
  });
  const s = q.data;
  return (
    <div className="card">
      <h2>{t('settings.vault')}</h2>
      <ErrorNote error={q.error} />
      {s && (
        <>
          <dl className="facts">
            <dt>{t('settings.keyStore')}</dt>
            <dd>{s.keyStores.map((k) => t(`settings.store.${k}`)).join(' · ')}</dd>
          </dl>
          <label>
            {t('settings.ocrLanguages')}
            <select value={s.defaultOcrLanguages} onChange={(e) => set.mutate({ ocrLanguages: e.target.value })} disabled={set.isPending}>
              {OCR_CHOICES.map((c) => (
                <option key={c} value={c}>
                  {t(`settings.ocrChoice.${c}`)}
                </option>
              ))}
            </select>
          </label>
          <p className="muted small">{t('settings.ocr')}</p>
          <label>
            {t('settings.embedding')}
            <select
              value={s.activeModel ?? ''}
              onChange={(e) => e.target.value && set.mutate({ activeModel: e.target.value })}
              disabled={set.isPending || !s.models.length}
            >
              {!s.activeModel && <option value="">{t('settings.embeddingNone')}</option>}
              {s.models.map((m) => (
                <option key={m.name} value={m.name}>
                  {m.name} ({m.dim})
                </option>
              ))}
            </select>
          </label>
          {s.pendingEmbeddings > 0 && s.activeModel && (
            <p className="muted small" role="status">
              {t('settings.pendingEmbeddings', { count: s.pendingEmbeddings })}
            </p>
          )}
          <ErrorNote error={set.error} />
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (folder.trim()) install.mutate();
            }}
          >
            <label className="grow">
              {t('settings.modelFolder')}
              <input value={folder} onChange={(e) => setFolder(e.target.value)} placeholder="/path/to/all-MiniLM-L6-v2" spellCheck={false} />
            </label>
            <button type="submit" disabled={!folder.trim() || install.isPending}>
              {install.isPending ? t('settings.installing') : t('settings.install')}
            </button>
          </form>
          {install.isPending && <progress className="progress" aria-label={t('settings.installing')} />}
          <ErrorNote error={install.error} />
        </>
      )}
    </div>
  );
}

/** An encrypted, verified copy of the whole vault, restorable elsewhere with its own passphrase. */
function Backup() {
  const { t } = useTranslation();
  const settings = useQuery({ queryKey: ['settings'], queryFn: () => call('settings.get', {}) });
  const [file, setFile] = useState<string | null>(null);
  const [pass, setPass] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [percent, setPercent] = useState<number | null>(null);
  useEffect(
    () =>
      casework.on('progress', (p) => {
        const x = p as BackupProgress;
        if (x?.kind === 'backup') setPercent(x.percent);
      }),
    [],
  );
  const target = file ?? settings.data?.backupSuggestion ?? '';
  const run = useMutation({
    mutationFn: () => call('backup.create', { file: target, passphrase: pass }),
    onSettled: () => setPercent(null),
    onSuccess: () => {
      setPass('');
      setAgain('');
      setFile(null);
    },
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    setMismatch(pass !== again);
    if (pass === again) run.mutate();
  };
  return (
    <form className="card" onSubmit={submit}>
      <h2>{t('backup.title')}</h2>
      <p className="muted small">{t('backup.intro')}</p>
      <label>
        {t('backup.file')}
        <input value={target} onChange={(e) => setFile(e.target.value)} spellCheck={false} required />
      </label>
      <label>
        {t('backup.passphrase')}
        <input type="password" value={pass} onChange={(e) => setPass(e.target.value)} autoComplete="new-password" required />
      </label>
      <label>
        {t('backup.again')}
        <input type="password" value={again} onChange={(e) => setAgain(e.target.value)} autoComplete="new-password" required />
      </label>
      {mismatch && (
        <p role="alert" className="error">
          {t('unlock.mismatch')}
        </p>
      )}
      {run.isPending && <Progress value={(percent ?? 0) / 100} label={t('backup.running')} />}
      {run.data && (
        <p role="status" data-testid="backup-done">
          {t('backup.done', { file: run.data.file, size: (run.data.bytes / 1e6).toFixed(1) })}
        </p>
      )}
      <ErrorNote error={run.error} />
      <button type="submit" className="primary" disabled={run.isPending}>
        {run.isPending ? t('backup.running') : t('backup.now')}
      </button>
    </form>
  );
}
