/** Support tickets with both SLA clocks (first answer, resolution): state in words, deadline, and the steps that stop or restart them. */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { SlaClock } from '../../src-shared/crm/sla';
import { call } from '../app/api';
import { Empty, ErrorNote, when } from '../app/ui';
import { crmWords, type CrmWords } from './words';

const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

function Clock({ c, w }: { c: SlaClock; w: CrmWords['tickets'] }) {
  return (
    <span className={`sla ${c.state}`} data-state={c.state}>
      {w.state[c.state]}
      {c.dueAt && c.state !== 'met' ? ` · ${w.due} ${when(c.dueAt)}` : ''}
    </span>
  );
}

export function Tickets() {
  const { i18n } = useTranslation();
  const w = crmWords(i18n.language).tickets;
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['crm.tickets'], queryFn: () => call('crm.tickets', { open: true }) });
  const [f, setF] = useState<{ subject: string; priority: (typeof PRIORITIES)[number] }>({ subject: '', priority: 'normal' });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['crm.tickets'] });
  const add = useMutation({
    mutationFn: () => call('crm.ticket.add', f),
    onSuccess: () => {
      setF({ subject: '', priority: 'normal' });
      refresh();
    },
  });
  const step = useMutation({
    mutationFn: (s: { id: string; step: 'respond' | 'wait' | 'resume' | 'resolve' }) => call('crm.ticket.step', s),
    onSuccess: refresh,
  });
  return (
    <div>
      <h1>{w.title}</h1>
      <ErrorNote error={list.error ?? add.error ?? step.error} />
      {list.data && list.data.length === 0 && <Empty>{w.none}</Empty>}
      {list.data && list.data.length > 0 && (
        <table>
          <thead>
            <tr>
              <th>#</th>
              <th>{w.subject}</th>
              <th>{w.priority}</th>
              <th>{w.firstResponse}</th>
              <th>{w.resolution}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.map((t) => (
              <tr key={t.id} data-ticket={t.subject}>
                <td>{t.ticket_number}</td>
                <td>
                  {t.subject}
                  <br />
                  <small>{w.status[t.status as keyof typeof w.status] ?? t.status}</small>
                </td>
                <td>{w.priorities[t.priority]}</td>
                <td>
                  <Clock c={t.sla.firstResponse} w={w} />
                </td>
                <td>
                  <Clock c={t.sla.resolution} w={w} />
                </td>
                <td className="actions">
                  {(t.status === 'waiting_on_customer'
                    ? (['resume', 'resolve'] as const)
                    : t.status === 'new'
                      ? (['respond', 'wait', 'resolve'] as const)
                      : (['wait', 'resolve'] as const)
                  ).map((s) => (
                    <button key={s} type="button" onClick={() => step.mutate({ id: t.id, step: s })} disabled={step.isPending}>
                      {w.steps[s]}
                    </button>
                  ))}
                </td>
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
        <label>
          {w.subject}
          <input value={f.subject} required maxLength={255} onChange={(e) => setF({ ...f, subject: e.target.value })} />
        </label>
        <label>
          {w.priority}
          <select value={f.priority} onChange={(e) => setF({ ...f, priority: e.target.value as (typeof PRIORITIES)[number] })}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {w.priorities[p]}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={add.isPending}>
          {w.add}
        </button>
      </form>
    </div>
  );
}
