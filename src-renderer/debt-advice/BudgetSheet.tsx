/**
 * A debt-advice case's budget sheet in the Standard Financial Statement's structure: the lines as typed
 * and monthly, the totals, and a form whose totals update as the line is typed (computed in the window
 * with the same shared arithmetic the core stores, src-shared/debt-advice: whole pence, each line
 * rounded, totals the sum of the lines). Guideline warnings and finalising come from the core.
 */
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SECTIONS, CATEGORY_SECTION, type Category } from '../../src-shared/debt-advice/sfs';
import { FREQUENCIES, type Frequency } from '../../src-shared/debt-advice/frequency';
import { formatPence } from '../../src-shared/debt-advice/money';
import { call } from '../app/api';
import { Empty, ErrorNote } from '../app/ui';
import { liveTotals } from './live-totals';

export function BudgetSheet() {
  const { id: caseId = '' } = useParams();
  const { t } = useTranslation();
  const qc = useQueryClient();
  const budgets = useQuery({ queryKey: ['debt.budgets', caseId], queryFn: () => call('debt.budgets', { caseId }) });
  const current = budgets.data?.[0];
  const view = useQuery({ queryKey: ['debt.budget.show', current?.id], queryFn: () => call('debt.budget.show', { id: current!.id }), enabled: !!current });
  const blank = { category: 'earnings' as Category, label: '', amount: '', frequency: 'monthly' as Frequency, note: '' };
  const [f, setF] = useState(blank);
  const refresh = () => void qc.invalidateQueries();
  const create = useMutation({ mutationFn: () => call('debt.budget.create', { caseId }), onSuccess: refresh });
  const add = useMutation({
    mutationFn: () =>
      call('debt.budget.addLine', {
        budgetId: current!.id,
        category: f.category,
        label: f.label,
        amount: f.amount,
        frequency: f.frequency,
        ...(f.note ? { note: f.note } : {}),
      }),
    onSuccess: () => {
      setF(blank);
      refresh();
    },
  });
  const finalise = useMutation({ mutationFn: () => call('debt.budget.finalise', { id: current!.id }), onSuccess: refresh });
  const live = useMemo(() => liveTotals(view.data, f), [view.data, f]);
  const tt = live.computed.totals;
  const draft = current?.status === 'draft';

  return (
    <section className="page" aria-labelledby="budget-title">
      <p>
        <Link to={`/cases/${caseId}`}>← {t('debt.back')}</Link>
      </p>
      <h1 id="budget-title">{t('debt.title')}</h1>
      <ErrorNote error={budgets.error ?? view.error ?? create.error ?? add.error ?? finalise.error} />
      {!current && (
        <>
          <Empty>{t('debt.none')}</Empty>
          <button onClick={() => create.mutate()} disabled={create.isPending}>
            {t('debt.newBudget')}
          </button>
        </>
      )}
      {current && (
        <>
          <p>
            {t('debt.date')}: {current.budget_date} · <span className="badge">{t(`debt.status.${current.status}`)}</span>
          </p>
          {current.status === 'awaiting_signoff' && <p className="muted">{t('debt.awaiting')}</p>}
          {SECTIONS.map((s) => {
            const lines = (view.data?.lines ?? []).filter((l) => l.section === s);
            if (!lines.length) return null;
            return (
              <table key={s} className="table">
                <caption>{t(`debt.section.${s}`)}</caption>
                <tbody>
                  {lines.map((l) => (
                    <tr key={l.id}>
                      <td>{t(`debt.category.${l.category}`)}</td>
                      <td>
                        {l.label}
                        {l.note && <div className="muted small">{l.note}</div>}
                      </td>
                      <td className="num">
                        £{l.amount} {t(`debt.frequency.${l.frequency}`)}
                      </td>
                      <td className="num">£{l.monthly}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
          {(view.data?.guidelineWarnings ?? []).map((w) => (
            <p key={w.category} role={w.explained ? undefined : 'alert'} className={w.explained ? 'muted' : 'error'}>
              {t('debt.guideline')}: {t(`debt.category.${w.category}`)} £{formatPence(w.monthly)} &gt; £{formatPence(w.guideline)}
              {w.explained ? ` (${t('debt.explained')})` : ''}
            </p>
          ))}
          <dl className="totals" aria-live="polite" data-testid="budget-totals">
            {(['income', 'fixedCosts', 'flexibleCosts', 'savings', 'expenditure'] as const).map((k) => (
              <div key={k}>
                <dt>{t(`debt.totals.${k}`)}</dt>
                <dd>£{formatPence(tt[k])}</dd>
              </div>
            ))}
            <div>
              <dt>{tt.surplus >= 0 ? t('debt.totals.surplus') : t('debt.totals.deficit')}</dt>
              <dd>£{formatPence(tt.surplus)}</dd>
            </div>
            {live.drafting && <p className="muted small">{t('debt.totals.live')}</p>}
          </dl>
          {draft && (
            <form
              className="card"
              onSubmit={(e) => {
                e.preventDefault();
                add.mutate();
              }}
            >
              <label>
                {t('debt.line.category')}
                <select value={f.category} onChange={(e) => setF({ ...f, category: e.target.value as Category })}>
                  {SECTIONS.map((s) => (
                    <optgroup key={s} label={t(`debt.section.${s}`)}>
                      {CATEGORIES.filter((c) => CATEGORY_SECTION[c] === s).map((c) => (
                        <option key={c} value={c}>
                          {t(`debt.category.${c}`)}
                        </option>
                      ))}
                    </optgroup>
                  ))}
                </select>
              </label>
              <label>
                {t('debt.line.label')}
                <input value={f.label} onChange={(e) => setF({ ...f, label: e.target.value })} required maxLength={255} />
              </label>
              <label>
                {t('debt.line.amount')}
                <input value={f.amount} onChange={(e) => setF({ ...f, amount: e.target.value })} inputMode="decimal" required />
              </label>
              <label>
                {t('debt.line.frequency')}
                <select value={f.frequency} onChange={(e) => setF({ ...f, frequency: e.target.value as Frequency })}>
                  {FREQUENCIES.map((q) => (
                    <option key={q} value={q}>
                      {t(`debt.frequency.${q}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('debt.line.note')}
                <input value={f.note} onChange={(e) => setF({ ...f, note: e.target.value })} maxLength={2000} />
              </label>
              <button type="submit" disabled={add.isPending}>
                {t('debt.line.add')}
              </button>
            </form>
          )}
          {draft && (
            <button onClick={() => finalise.mutate()} disabled={finalise.isPending || !(view.data?.lines.length ?? 0)}>
              {t('debt.finalise')}
            </button>
          )}
        </>
      )}
    </section>
  );
}
