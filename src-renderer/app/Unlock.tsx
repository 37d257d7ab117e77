/**
 * First run (create an encrypted vault, its key kept by a passphrase or by this computer's keychain)
 * and unlock (from the keychain with one press, or with the passphrase, which is always the way back).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from './api';
import { ErrorNote } from './ui';
import { rememberFailedJoin } from '../sync/sign-in';

type KeyStore = 'passphrase' | 'keychain';

/**
 * Join the firm right after the vault is made. The vault exists whatever happens here, so a failed
 * sign-in does not undo it: the person lands on the Sync screen with the reason in words and the
 * server address and email they typed (sign-in.ts keeps them in memory; the password is not kept).
 */
async function joinFirm(firm: { server: string; email: string; password: string }) {
  try {
    await call('sync.login', firm);
  } catch (error) {
    rememberFailedJoin({ server: firm.server, email: firm.email, error });
    window.location.hash = '#/sync';
    return;
  }
  // The first pull brings the firm's cases; if it fails the Sync screen shows why and offers "Sync now".
  await call('sync.run', {}).catch(() => undefined);
}

export function Unlock({ exists, keyStores = [] }: { exists: boolean; keyStores?: string[] }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [passphrase, setPassphrase] = useState('');
  const [confirm, setConfirm] = useState('');
  const [orgName, setOrgName] = useState('');
  const [store, setStore] = useState<KeyStore>('passphrase');
  const [mismatch, setMismatch] = useState(false);
  const [join, setJoin] = useState(false);
  const [firm, setFirm] = useState({ server: '', email: '', password: '' });
  const go = useMutation({
    mutationFn: async () => {
      if (exists) return call('vault.unlock', { passphrase });
      await call('vault.create', { passphrase, keyStore: store, ...(orgName.trim() && !join ? { orgName: orgName.trim() } : {}) });
      if (join) await joinFirm(firm);
    },
    onSuccess: () => qc.invalidateQueries(),
  });
  const setF = (k: keyof typeof firm) => (e: React.ChangeEvent<HTMLInputElement>) => setFirm({ ...firm, [k]: e.target.value });
  const fromKeychain = useMutation({ mutationFn: () => call('vault.unlock', {}), onSuccess: () => qc.invalidateQueries() });
  const hasKeychain = keyStores.some((k) => k === 'keychain' || k === 'safeStorage');
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
        <p className="muted">{exists ? (hasKeychain ? t('unlock.introKeychain') : t('unlock.intro')) : t('unlock.createIntro')}</p>
        {exists && hasKeychain && (
          <>
            <button type="button" className="primary" onClick={() => fromKeychain.mutate()} disabled={fromKeychain.isPending}>
              {t('unlock.withKeychain')}
            </button>
            <ErrorNote error={fromKeychain.error} />
          </>
        )}
        {!exists && (
          <>
            <label className="inline">
              <input type="checkbox" checked={join} onChange={(e) => setJoin(e.target.checked)} />
              {t('unlock.joinFirm')}
            </label>
            {join ? (
              <fieldset className="choice">
                <legend>{t('sync.connect')}</legend>
                <label>
                  {t('sync.serverUrl')}
                  <input type="url" value={firm.server} onChange={setF('server')} required placeholder="https://" />
                </label>
                <label>
                  {t('sync.email')}
                  <input type="email" value={firm.email} onChange={setF('email')} required autoComplete="username" />
                </label>
                <label>
                  {t('sync.password')}
                  <input type="password" value={firm.password} onChange={setF('password')} required autoComplete="current-password" />
                </label>
              </fieldset>
            ) : (
              <label>
                {t('unlock.orgName')}
                <input value={orgName} onChange={(e) => setOrgName(e.target.value)} autoComplete="organization" />
              </label>
            )}
            <fieldset className="choice">
              <legend>{t('unlock.keyStore')}</legend>
              {(['passphrase', 'keychain'] as const).map((k) => (
                <label key={k} className="inline">
                  <input type="radio" name="keyStore" value={k} checked={store === k} onChange={() => setStore(k)} />
                  {t(`unlock.store.${k}`)}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <label>
          {!exists && store === 'keychain' ? t('unlock.recovery') : t('unlock.passphrase')}
          <input
            type="password"
            value={passphrase}
            onChange={(e) => setPassphrase(e.target.value)}
            autoFocus={!hasKeychain}
            autoComplete={exists ? 'current-password' : 'new-password'}
            required
          />
        </label>
        {!exists && (
          <label>
            {t('unlock.confirm')}
            <input type="password" value={confirm} onChange={(e) => setConfirm(e.target.value)} autoComplete="new-password" required />
          </label>
        )}
        {mismatch && (
          <p role="alert" className="error">
            {t('unlock.mismatch')}
          </p>
        )}
        <ErrorNote error={go.error} />
        <button type="submit" className={exists && hasKeychain ? undefined : 'primary'} disabled={go.isPending}>
          {exists ? t('unlock.unlock') : t('unlock.create')}
        </button>
        {!exists && <p className="muted small">{store === 'keychain' ? t('unlock.keychainNote') : t('unlock.keyNote')}</p>}
      </form>
    </main>
  );
}
