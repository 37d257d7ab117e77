/** First run (create an encrypted vault) and unlock. */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../api';
import { ErrorNote } from '../ui';

export function Unlock({ exists }: { exists: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [orgName, setOrgName] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const go = useMutation({
    mutationFn: () => (exists ? call('vault.unlock', { passphrase }) : call('vault.create', { passphrase, ...(orgName.trim() ? { orgName: orgName.trim() } : {}) })),
    onSuccess: () => qc.invalidateQueries(),
  });
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    if (!exists && passphrase !== confirm) return setMismatch(true);
    setMismatch(false);
    go.mutate();
  };
  return (
    <main className="unlock">
      <form onSubmit={submit} className="card narrow">
        <h1>{exists ? t('unlock.title') : t('unlock.createTitle')}</h1>
        <p className="muted">{exists ? t('unlock.intro') : t('unlock.createIntro')}</p>
        {!exists && (
          <label>
            {t('unlock.orgName')}
            <input value={orgName} onChange={(e) => setOrgName(e.target.value)} autoComplete="organization" />
          </label>
        )}
        <label>
          {t('unlock.passphrase')}
          <input type="password" value={passphrase} onChange={(e) => setPassphrase(e.target.value)} autoFocus autoComplete={exists ? 'current-password' : 'new-password'} required />
        </label>
        {!exists && (
          <label>
            {t('unlock.confirm')}
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required />
          </label>
        )}
        {mismatch && <p role="alert" className="error">{t('unlock.mismatch')}</p>}
        <ErrorNote error={go.error} />
        <button type="submit" className="primary" disabled={go.isPending}>
          {exists ? t('unlock.unlock') : t('unlock.create')}
        </button>
        {!exists && <p className="muted small">{t('unlock.keyNote')}</p>}
        {!exists && <p className="muted small">{t('unlock.firmNote')}</p>}
      </form>
    </main>
  );
}
