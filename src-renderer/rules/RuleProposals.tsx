/**
 * Proposed rule changes awaiting review: each beside the approved version it would change, field by
 * field, with approve and reject (reject needs a reason). Owners and admins only; the core checks.
 *
 * Calls rules.proposals, rules.diff, rules.approve and rules.reject (src-main/rules through the contract).
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { RuleProposalRecord } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';

const show = (v: unknown) => (v === null || v === undefined ? '—' : typeof v === 'string' ? v : JSON.stringify(v));

export function RuleProposals() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['rules', 'proposals'], queryFn: () => call('rules.proposals', {}) });
  const pending = (q.data ?? []).filter((p) => p.status === 'pending');
  return (
    <div>
      <ErrorNote error={q.error} />
      {q.data && !pending.length && <Empty>{t('rules.noProposals')}</Empty>}
      {pending.map((p) => (
        <ProposalCard key={p.id} p={p} />
      ))}
    </div>
  );
}

function ProposalCard({ p }: { p: RuleProposalRecord }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [notes, setNotes] = useState('');
  const diff = useQuery({ queryKey: ['rules', 'diff', p.id], queryFn: () => call('rules.diff', { id: p.id }) });
  const decide = useMutation({
    // Reject needs a reason: its button waits for the notes (and the contract refuses it without).
    mutationFn: async (how: 'approve' | 'reject') => {
      if (how === 'approve') await call('rules.approve', { id: p.id, ...(notes.trim() ? { notes: notes.trim() } : {}) });
      else await call('rules.reject', { id: p.id, notes: notes.trim() });
    },
    onSuccess: () => qc.invalidateQueries(),
  });
  return (
    <div className="card proposal">
      <h3>{p.rule_id}</h3>
      {p.rationale && <p className="muted">{p.rationale}</p>}
      <table className="simple">
        <caption className="muted small">{t('rules.changes')}</caption>
        <thead>
          <tr>
            <th>{t('rules.field')}</th>
            <th>{t('rules.before')}</th>
            <th>{t('rules.after')}</th>
          </tr>
        </thead>
        <tbody>
          {diff.data?.changes.map((c) => (
            <tr key={c.path}>
              <td>
                <code>{c.path}</code>
              </td>
              <td className="del">{show(c.before)}</td>
              <td className="ins">{show(c.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <label>
        {t('rules.notes')}
        <input value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
      <div className="row">
        <button type="button" className="primary" onClick={() => decide.mutate('approve')} disabled={decide.isPending}>
          {t('rules.approve')}
        </button>
        <button type="button" onClick={() => decide.mutate('reject')} disabled={decide.isPending || !notes.trim()}>
          {t('rules.reject')}
        </button>
      </div>
      <ErrorNote error={diff.error ?? decide.error} />
    </div>
  );
}
