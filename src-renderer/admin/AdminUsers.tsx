/**
 * Users and roles (owner/admin): each colleague with their role and membership, changed in place; and
 * adding a colleague with a first password. The firm server does the work and checks who may; the
 * replica's user list catches up through sync (live, so in a moment).
 */
import { useState } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router-dom';
import { ROLES, type Role } from '../../src-shared/schema/tables';
import type { Input } from '../../src-shared/contract';
import type { UserLine } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';
import { useLabels } from '../app/labels';
import { formatDate } from '../app/format';

export function AdminUsers({ users, me, solo = false }: { users: UserLine[] | undefined; me?: string; solo?: boolean }) {
  const { t, i18n } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  const refresh = () => qc.invalidateQueries({ queryKey: ['admin'] });
  const change = useMutation({
    mutationFn: (x: Input<'admin.setMembership'>) => call('admin.setMembership', x),
    onSettled: refresh,
  });
  const blank: Input<'admin.addUser'> = { email: '', firstName: '', lastName: '', role: 'consultant', password: '' };
  const [f, setF] = useState(blank);
  const [added, setAdded] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => call('admin.addUser', f),
    onSuccess: () => {
      setAdded(f.email);
      setF(blank);
      void refresh();
    },
  });
  const set = (k: keyof typeof f) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setF({ ...f, [k]: e.target.value });
  // A vault that works on its own has one user, this computer's practitioner (the core names it with a
  // placeholder address): shown as "you", and colleagues come through a firm server, not this form.
  if (solo) {
    const self = users?.find((u) => u.email === me);
    return (
      <>
        <ul className="plain">
          <li data-testid="admin-user">
            <strong>{t('join.soloUser')}</strong> {self && <span className="badge">{L.role(self.role)}</span>}
          </li>
        </ul>
        <p className="muted">
          {t('join.soloColleagues')} <Link to="/sync">{t('nav.sync')}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      {users && !users.length && <Empty>{t('admin.noUsers')}</Empty>}
      <ul className="plain">
        {users?.map((u) => (
          <li key={u.id} data-testid="admin-user">
            <strong>{[u.first_name, u.last_name].filter(Boolean).join(' ') || u.email}</strong> <span className="muted">{u.email}</span>{' '}
            {u.email === me ? (
              <span className="badge">{L.role(u.role)}</span>
            ) : (
              <>
                <select
                  aria-label={t('admin.roleOf', { email: u.email })}
                  value={u.role}
                  onChange={(e) => change.mutate({ userId: u.id, role: e.target.value as Role })}
                  disabled={change.isPending}
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {L.role(r)}
                    </option>
                  ))}
                </select>{' '}
                <button
                  type="button"
                  onClick={() => change.mutate({ userId: u.id, status: u.active === false ? 'active' : 'suspended' })}
                  disabled={change.isPending}
                >
                  {u.active === false ? t('admin.reactivate') : t('admin.suspend')}
                </button>
              </>
            )}
            {u.active === false && <span className="muted"> · {t('admin.inactive')}</span>}
          </li>
        ))}
      </ul>
      <ErrorNote error={change.error} />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        <h3>{t('admin.addUser')}</h3>
        <div className="row">
          <label>
            {t('people.firstName')}
            <input value={f.firstName} onChange={set('firstName')} required />
          </label>
          <label>
            {t('people.lastName')}
            <input value={f.lastName} onChange={set('lastName')} required />
          </label>
        </div>
        <label>
          {t('people.email')}
          <input type="email" value={f.email} onChange={set('email')} required autoComplete="off" />
        </label>
        <label>
          {t('admin.roleLabel')}
          <select value={f.role} onChange={set('role')}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {L.role(r)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('admin.firstPassword')}
          <input type="password" value={f.password} onChange={set('password')} required autoComplete="new-password" />
        </label>
        <ErrorNote error={add.error} />
        {add.data && (
          <p role="status" className="notice" data-testid="user-added">
            {'invitation' in add.data
              ? t('invite.sent', { email: add.data.invitation.email, date: formatDate(add.data.invitation.expiresAt, i18n.language) })
              : t('invite.added', { email: added ?? '' })}
          </p>
        )}
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('admin.add')}
        </button>
      </form>
    </>
  );
}
