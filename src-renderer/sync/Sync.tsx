/**
 * Sync with the firm's server: this device's state, pending changes, conflicts side by side (keep
 * mine / keep theirs / edit) and changes the server rejected, with its reasons; and the login that
 * connects a solo vault to a firm.
 *
 * Calls sync.status, sync.run, sync.login, sync.conflicts and sync.resolve (src-main/sync through the
 * contract).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';
import { formatDate, formatDateTime } from '../app/format';
import { useLabels } from '../app/labels';
import { signInErrorText, takeFailedJoin } from './sign-in';
import { editedValue, fieldLabel, fieldValue } from './field-text';

import type { ConflictView, InvitationOffer } from '../../src-shared/contract/views';

/** The starting text when editing a clashing value: my value as it would be typed. */
const editable = (v: unknown) => (v === null || v === undefined ? '' : typeof v === 'string' ? v : JSON.stringify(v));

/** Sync status; `poll` refreshes it every few seconds (the Sync screen, where counts should move). */
export function useSyncStatus(poll = false) {
  return useQuery({ queryKey: ['sync', 'status'], queryFn: () => call('sync.status', {}), retry: false, refetchInterval: poll ? 2000 : false });
}

/** A moment in the window's language and this computer's time zone. */
// One date format for the whole window (app/format.ts).
const when = (iso: string, lang: string) => formatDateTime(iso, lang);

export function Sync() {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const st = useSyncStatus(true);
  // The box follows the click at once (local state); a status poll already on its way is cancelled so
  // it cannot put the old value back, and the core's answer, its new status, then takes over.
  const [autoWanted, setAutoWanted] = useState<boolean | null>(null);
  const auto = useMutation({
    mutationFn: async (on: boolean) => {
      await qc.cancelQueries({ queryKey: ['sync', 'status'] });
      return call('sync.setAuto', { on });
    },
    onSuccess: (v) => qc.setQueryData(['sync', 'status'], v),
    onSettled: () => setAutoWanted(null),
  });
  const conflicts = useQuery({
    queryKey: ['sync', 'conflicts'],
    queryFn: () => call('sync.conflicts', {}),
    enabled: Boolean(st.data?.server),
  });
  const run = useMutation({ mutationFn: () => call('sync.run', {}), onSettled: () => qc.invalidateQueries() });
  const s = st.data;
  const open = (conflicts.data ?? []).filter((c) => c.status === 'open');
  return (
    <section>
      <h1>{t('sync.title')}</h1>
      <ErrorNote error={st.error} />
      {s && !s.server && <Login />}
      {s?.server && (
        <div className="card">
          <dl className="facts">
            <dt>{t('sync.server')}</dt>
            <dd>{s.server}</dd>
            <dt>{t('sync.device')}</dt>
            <dd>
              <code>{s.deviceId}</code>
            </dd>
            <dt>{t('sync.pending')}</dt>
            <dd data-testid="sync-pending">{s.pendingPushes}</dd>
            <dt>{t('sync.lastPush')}</dt>
            <dd>{s.lastPush ? when(s.lastPush, i18n.language) : t('sync.never')}</dd>
            <dt>{t('sync.lastPull')}</dt>
            <dd>{s.lastPull ? when(s.lastPull, i18n.language) : t('sync.never')}</dd>
          </dl>
          <label className="inline">
            <input
              type="checkbox"
              checked={autoWanted ?? s.auto !== false}
              onChange={(e) => {
                setAutoWanted(e.target.checked);
                auto.mutate(e.target.checked);
              }}
              disabled={auto.isPending}
            />
            {t('sync.auto')}
          </label>
          <p className="muted small" role="status" data-testid="sync-live">
            {s.auto === false ? t('sync.paused') : s.liveError ? t('sync.retrying', { reason: s.liveError }) : s.live ? t('sync.live') : t('sync.stopped')}
          </p>
          <ErrorNote error={auto.error} />
          <button type="button" className="primary" onClick={() => run.mutate()} disabled={run.isPending}>
            {run.isPending ? t('sync.running') : t('sync.now')}
          </button>
          {run.isPending && <progress className="progress" aria-label={t('sync.running')} />}
          <ErrorNote error={run.error} />
        </div>
      )}
      {s?.server && (
        <div className="card">
          <h2>{t('sync.conflicts')}</h2>
          <ErrorNote error={conflicts.error} />
          {conflicts.data && !open.length && <Empty>{t('sync.noConflicts')}</Empty>}
          {open.map((c) => (
            <Conflict key={c.id} c={c} />
          ))}
        </div>
      )}
    </section>
  );
}

function Conflict({ c }: { c: ConflictView }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState(editable(c.mine));
  const [bad, setBad] = useState(false);
  const discard = useMutation({ mutationFn: () => call('sync.discard', { id: c.id }), onSuccess: () => qc.invalidateQueries() });
  const resolve = useMutation({
    mutationFn: (how: { keep: 'mine' | 'theirs' } | { value: unknown }) => call('sync.resolve', { id: c.id, ...how }),
    onSuccess: () => qc.invalidateQueries(),
  });
  if (c.kind === 'rejected') {
    return (
      <div className="conflict" data-testid="rejected">
        <strong>{t('sync.rejected')}</strong> {c.label ?? t(`sync.record.${c.table}`, { defaultValue: c.table })}
        {c.field ? ` · ${fieldLabel(c.field, t)}` : ''}: <span className="error">{c.reason}</span>
        <div className="row">
          <button type="button" onClick={() => discard.mutate()} disabled={discard.isPending}>
            {t('sync.discard')}
          </button>
          <span className="muted small">{t('sync.discardNote')}</span>
        </div>
        <ErrorNote error={discard.error} />
      </div>
    );
  }
  return (
    <div className="conflict" data-testid="conflict">
      <p>
        <strong>{c.label ?? t(`sync.record.${c.table}`, { defaultValue: c.table })}</strong> · {fieldLabel(c.field, t)}
      </p>
      <div className="grid2">
        <div>
          <h3>{t('sync.mine')}</h3>
          <pre>{fieldValue(c.field, c.mine, t)}</pre>
        </div>
        <div>
          <h3>{t('sync.theirs')}</h3>
          <pre>{fieldValue(c.field, c.theirs, t)}</pre>
        </div>
      </div>
      {editing ? (
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            const v = editedValue(value, c);
            if (v.ok) {
              setBad(false);
              resolve.mutate({ value: v.value });
            } else setBad(true);
          }}
        >
          <input aria-label={t('sync.newValue')} value={value} onChange={(e) => setValue(e.target.value)} />
          <button type="submit" className="primary">
            {t('sync.useValue')}
          </button>
          {bad && (
            <p role="alert" className="error">
              {t('sync.notJson')}
            </p>
          )}
        </form>
      ) : (
        <div className="row">
          <button type="button" onClick={() => resolve.mutate({ keep: 'mine' })}>
            {t('sync.keepMine')}
          </button>
          <button type="button" onClick={() => resolve.mutate({ keep: 'theirs' })}>
            {t('sync.keepTheirs')}
          </button>
          <button type="button" onClick={() => setEditing(true)}>
            {t('sync.edit')}
          </button>
        </div>
      )}
      <ErrorNote error={resolve.error} />
    </div>
  );
}

function Login() {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  // A sign-in tried on the first-run screen that failed: its reason is said here, once, and what was
  // typed is put back (all but the password, which is asked for again).
  const [firstRun] = useState(takeFailedJoin);
  const [f, setF] = useState({ server: firstRun?.server ?? '', email: firstRun?.email ?? '', password: '' });
  // Signing in first asks the server for this account's open invitations: a firm that invited the
  // person is offered as a choice before this vault joins anything.
  const [offers, setOffers] = useState<InvitationOffer[] | null>(null);
  const go = useMutation({
    mutationFn: async (how: { check: true } | { invitationId?: string }) => {
      if ('check' in how) {
        const open = (await call('sync.invitations', f)).filter((o) => !o.member);
        if (open.length) return setOffers(open);
      }
      await call('sync.login', { ...f, ...('invitationId' in how && how.invitationId ? { invitationId: how.invitationId } : {}) });
      await qc.invalidateQueries();
    },
  });
  // Single sign-on: the same core function as `casework login --sso`; the core opens the firm's
  // provider in the system browser and this call returns once the person finished there (or not).
  const sso = useMutation({
    mutationFn: async () => {
      await call('sync.ssoLogin', { server: f.server, email: f.email });
      await qc.invalidateQueries();
    },
  });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement>) => {
    setOffers(null);
    setF({ ...f, [k]: e.target.value });
  };
  return (
    <form
      className="card narrow"
      onSubmit={(e) => {
        e.preventDefault();
        go.mutate({ check: true });
      }}
    >
      <h2>{t('sync.connect')}</h2>
      <p className="muted">{t('sync.connectIntro')}</p>
      <label>
        {t('sync.serverUrl')}
        <input type="url" value={f.server} onChange={set('server')} required placeholder="https://" />
      </label>
      <label>
        {t('sync.email')}
        <input type="email" value={f.email} onChange={set('email')} required autoComplete="username" />
      </label>
      <label>
        {t('sync.password')}
        <input type="password" value={f.password} onChange={set('password')} required autoComplete="current-password" autoFocus={Boolean(firstRun)} />
      </label>
      {/* The first-run reason stands until the person tries again; then that attempt's answer replaces it. */}
      {firstRun && go.isIdle && (
        <p role="alert" className="error" data-testid="first-run-sign-in">
          {t('signIn.firstRunFailed', { reason: signInErrorText(firstRun.error, t) })}
        </p>
      )}
      {go.error && (
        <p role="alert" className="error">
          {signInErrorText(go.error, t)}
        </p>
      )}
      {offers ? (
        <div role="group" aria-label={t('signIn.invitations')} data-testid="invitations">
          <p>{t('signIn.invitationsIntro')}</p>
          {offers.map((o) => (
            <p key={o.id}>
              <button type="button" className="primary" onClick={() => go.mutate({ invitationId: o.id })} disabled={go.isPending}>
                {t('signIn.join', { firm: o.orgName })}
              </button>{' '}
              <span className="muted small">
                {t('signIn.asRole', { role: L.role(o.role) })}
                {o.expiresAt && ` · ${t('signIn.until', { date: formatDate(o.expiresAt, i18n.language) })}`}
              </span>
            </p>
          ))}
          <button type="button" onClick={() => go.mutate({})} disabled={go.isPending}>
            {t('signIn.withoutInvitation')}
          </button>
        </div>
      ) : (
        <button type="submit" className="primary" disabled={go.isPending || sso.isPending}>
          {t('sync.login')}
        </button>
      )}
      <div role="group" aria-label={t('signIn.sso')} className="sso">
        <p className="muted small">{t('signIn.ssoHint')}</p>
        <button
          type="button"
          disabled={go.isPending || sso.isPending}
          onClick={(e) => {
            // The server and email are needed, the password is not: check those two fields only.
            const missing = [...e.currentTarget.form!.querySelectorAll<HTMLInputElement>('input[type=url], input[type=email]')].find((i) => !i.checkValidity());
            if (missing) missing.reportValidity();
            else sso.mutate();
          }}
        >
          {t('signIn.sso')}
        </button>
        {sso.isPending && (
          <p role="status" className="muted">
            {t('signIn.ssoWaiting')}
          </p>
        )}
        {sso.error && (
          <p role="alert" className="error">
            {signInErrorText(sso.error, t)}
          </p>
        )}
      </div>
    </form>
  );
}
