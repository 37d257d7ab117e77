/** Settings kept on this device: language and theme. */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { LANGUAGES } from '../i18n';
import { call } from '../api';

type Theme = 'light' | 'dark';

export function useTheme(): [Theme, (t: Theme) => void] {
  const [theme, setTheme] = useState<Theme>(() => (localStorage.getItem('casework.theme') === 'dark' ? 'dark' : 'light'));
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('casework.theme', theme);
  }, [theme]);
  return [theme, setTheme];
}

export function Settings() {
  const { t, i18n } = useTranslation();
  const [theme, setTheme] = useTheme();
  const vault = useQuery({ queryKey: ['vault'], queryFn: () => call<{ dataDir: string; email?: string; role?: string }>('vault.status', {}) });
  return (
    <section>
      <h1>{t('settings.title')}</h1>
      <div className="card narrow">
        <label>
          {t('settings.language')}
          <select value={i18n.language} onChange={(e) => void i18n.changeLanguage(e.target.value)}>
            {Object.entries(LANGUAGES).map(([k, v]) => <option key={k} value={k}>{v}</option>)}
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
          <dt>{t('settings.keyStore')}</dt><dd>{t('settings.keyStoreValue')}</dd>
          <dt>{t('settings.ocrLanguages')}</dt><dd>{t('settings.ocrLanguagesValue')}</dd>
          <dt>{t('settings.embedding')}</dt><dd>{t('settings.embeddingNone')}</dd>
          {vault.data && (<><dt>{t('settings.vaultFolder')}</dt><dd><code>{vault.data.dataDir}</code></dd></>)}
          {vault.data?.email && (<><dt>{t('settings.signedInAs')}</dt><dd>{vault.data.email} · {vault.data.role}</dd></>)}
        </dl>
        <p className="muted small">{t('settings.ocr')}</p>
      </div>
    </section>
  );
}
