/** The frame: first run / unlock when the vault is locked; otherwise navigation, header and screens. */
import { lazy, Suspense, useEffect, useState } from 'react';
import { NavLink, Route, Routes, useNavigate } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from './api';
import { useCoreEvents } from './events';
import { Unlock } from './Unlock';
import { Today } from './Today';
import { Cases } from '../cases/Cases';
import { useTheme } from './theme';
import { vaultStatusQuery } from './first-screen';
import { configWords } from '../config/words';
import { crmWords } from '../crm/words';
import { LicenceBanner } from '../admin/LicenceBanner';

// The two screens a session opens on (Today, Cases) are in the first chunk; every other screen loads on
// its first visit. Parsing the whole window before the first rows cost about a quarter of the start.
const named = <K extends string>(load: () => Promise<Record<K, React.ComponentType>>, name: K) => lazy(() => load().then((m) => ({ default: m[name] })));
const CasePage = named(() => import('../cases/CasePage'), 'CasePage');
const Search = named(() => import('../search/Search'), 'Search');
const Rules = named(() => import('../rules/Rules'), 'Rules');
const Settings = named(() => import('./Settings'), 'Settings');
const Sync = named(() => import('../sync/Sync'), 'Sync');
const Admin = named(() => import('../admin/Admin'), 'Admin');
const BudgetSheet = named(() => import('../debt-advice/BudgetSheet'), 'BudgetSheet');
const ConfigAdmin = named(() => import('../config/ConfigAdmin'), 'ConfigAdmin');
const Crm = named(() => import('../crm/Crm'), 'Crm');

export function App() {
  const { t } = useTranslation();
  useTheme();
  useCoreEvents();
  const status = useQuery(vaultStatusQuery);
  if (status.isLoading) return <p className="loading">{t('common.loading')}</p>;
  if (!status.data?.unlocked) return <Unlock exists={status.data?.exists ?? false} keyStores={status.data?.keyStores ?? []} />;
  return <Workspace role={status.data.role} />;
}

function Workspace({ role }: { role?: string }) {
  const { t, i18n } = useTranslation();
  const isAdmin = role === 'owner' || role === 'admin';
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [, setTick] = useState(0);
  const lock = useMutation({ mutationFn: () => call('vault.lock', {}), onSuccess: () => qc.invalidateQueries() });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        navigate('/search');
        setTick((n) => n + 1);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [navigate]);
  return (
    <div className="frame">
      <nav className="sidebar" aria-label={t('nav.label')}>
        <div className="brand">Casework</div>
        <NavLink to="/" end>
          {t('nav.today')}
        </NavLink>
        <NavLink to="/cases">{t('nav.cases')}</NavLink>
        <NavLink to="/search">
          {t('nav.search')} <kbd>Ctrl K</kbd>
        </NavLink>
        <NavLink to="/rules">{t('nav.rules')}</NavLink>
        <NavLink to="/sync">{t('nav.sync')}</NavLink>
        {isAdmin && <NavLink to="/admin">{t('nav.admin')}</NavLink>}
        <NavLink to="/config">{configWords(i18n.language).nav}</NavLink>
        <NavLink to="/crm">{crmWords(i18n.language).nav}</NavLink>
        <NavLink to="/settings">{t('nav.settings')}</NavLink>
        <button type="button" className="lock" onClick={() => lock.mutate()}>
          {t('nav.lock')}
        </button>
      </nav>
      <main className="content">
        <LicenceBanner />
        <Suspense fallback={<p className="loading">{t('common.loading')}</p>}>
          <Routes>
            <Route path="/" element={<Today />} />
            <Route path="/cases" element={<Cases />} />
            <Route path="/cases/:id" element={<CasePage />} />
            <Route path="/cases/:id/budget" element={<BudgetSheet />} />
            <Route path="/search" element={<Search />} />
            <Route path="/rules" element={<Rules />} />
            <Route path="/sync" element={<Sync />} />
            <Route path="/admin" element={<Admin />} />
            <Route path="/config" element={<ConfigAdmin />} />
            <Route path="/crm/*" element={<Crm />} />
            <Route path="/settings" element={<Settings />} />
          </Routes>
        </Suspense>
      </main>
    </div>
  );
}
