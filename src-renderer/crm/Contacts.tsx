/** Contacts: searchable list (name, email, phone, tags) and a small form to add one; a duplicate is refused by the core in words. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';
import { crmWords } from './words';

export const nameOf = (c: { first_name: string | null; last_name: string | null; organization_name?: string | null }) =>
  c.organization_name || [c.first_name, c.last_name].filter(Boolean).join(' ');

export function Contacts() {
  const { i18n } = useTranslation();
  const w = crmWords(i18n.language).contacts;
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const list = useQuery({ queryKey: ['crm.contacts', search], queryFn: () => call('crm.contacts', search ? { search } : {}) });
  const blank = { firstName: '', lastName: '', email: '', phone: '', country: '' };
  const [f, setF] = useState(blank);
  const add = useMutation({
    mutationFn: () => call('crm.contact.add', f),
    onSuccess: () => {
      setF(blank);
      void qc.invalidateQueries({ queryKey: ['crm.contacts'] });
    },
  });
  return (
    <div>
      <h1>{w.title}</h1>
      <input type="search" aria-label={w.search} placeholder={w.search} value={search} onChange={(e) => setSearch(e.target.value)} />
      <ErrorNote error={list.error ?? add.error} />
      {list.data && list.data.length === 0 && <Empty>{w.none}</Empty>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>{w.name}</th>
              <th>{w.email}</th>
              <th>{w.phone}</th>
              <th>{w.country}</th>
              <th>{w.tags}</th>
            </tr>
          </thead>
          <tbody>
            {list.data.map((c) => (
              <tr key={c.id}>
                <td>{nameOf(c)}</td>
                <td>{c.email}</td>
                <td>{c.phone}</td>
                <td>{c.country}</td>
                <td>{c.tags.join(', ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          add.mutate();
        }}
      >
        {(['firstName', 'lastName', 'email', 'phone', 'country'] as const).map((k) => (
          <label key={k}>
            {w[k]}
            <input value={f[k]} maxLength={k === 'country' ? 2 : 255} onChange={(e) => setF({ ...f, [k]: e.target.value })} />
          </label>
        ))}
        <button type="submit" disabled={add.isPending}>
          {w.add}
        </button>
      </form>
    </div>
  );
}
