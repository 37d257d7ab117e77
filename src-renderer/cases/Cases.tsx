/**
 * The case list: server-side filters, sort and search; rows fetched a page at a time as they scroll
 * into view and drawn by a virtualizer, so 100k cases cost what one screenful costs.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useNavigate } from 'react-router-dom';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, PRIORITIES } from '../../src-shared/schema/tables';
import type { CaseListItem, CaseType, Priority } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { CASE_PAGE, casesPageQuery } from '../app/first-screen';
import { Empty, ErrorNote, FieldError } from '../app/ui';
import { useLabels } from '../app/labels';
import { methods } from '../../src-shared/contract';
import { callFieldErrors } from '../app/api';
import { check, invalidProps, type FieldErrors } from '../app/validation';

const PAGE = CASE_PAGE;
const ROW_HEIGHT = 40;

function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

export function Cases() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState('');
  const [priority, setPriority] = useState('');
  const [type, setType] = useState('');
  const [consultant, setConsultant] = useState<'' | 'me'>('');
  const [sort, setSort] = useState<'updated_at' | 'case_number' | 'client' | 'priority' | 'status'>('updated_at');
  const [text, setText] = useState('');
  const [creating, setCreating] = useState(false);
  const search = useDebounced(text, 150);
  const filters = useMemo(
    () => ({
      ...(status && { status }),
      ...(priority && { priority }),
      ...(type && { type }),
      ...(consultant && { consultant }),
      ...(search.trim() && { search: search.trim() }),
      sort,
      direction: sort === 'updated_at' ? ('desc' as const) : ('asc' as const),
    }),
    [status, priority, type, consultant, search, sort],
  );
  const types = useQuery({ queryKey: ['caseTypes'], queryFn: () => call('caseTypes.list', {}) });

  // Page 0 is the query's own answer (it carries the total); later pages are fetched as they scroll
  // into view and dropped when the filters change. A page that answers after a change is ignored.
  const first = useQuery(casesPageQuery(filters));
  const [pages, setPages] = useState<Record<number, CaseListItem[]>>({});
  const loading = useRef(new Set<number>());
  const generation = useRef(first.data);
  useEffect(() => {
    generation.current = first.data;
    loading.current.clear();
    setPages({});
  }, [first.data]);
  const rowsOf = (p: number) => (p === 0 ? first.data?.rows : pages[p]);
  const total = first.data?.total ?? 0;

  const scroller = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: total, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 20 });
  const items = v.getVirtualItems();
  useEffect(() => {
    const asked = first.data;
    if (!asked) return;
    for (const p of new Set(items.map((i) => Math.floor(i.index / PAGE)))) {
      if (p === 0 || pages[p] || loading.current.has(p)) continue;
      loading.current.add(p);
      void casesPageQuery(filters, p)
        .queryFn()
        .then((r) => {
          if (generation.current === asked) setPages((s) => ({ ...s, [p]: r.rows }));
        });
    }
  }, [items, pages, filters, first.data]);

  const open = (id: string) => navigate(`/cases/${id}`);
  const L = useLabels();
  const typeName = useMemo(() => new Map((types.data ?? []).map((x) => [x.code, L.caseType(x.code, x.name)])), [types.data, L]);
  return (
    <section className="cases">
      <header className="row spread">
        <h1>{t('cases.title')}</h1>
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          {t('cases.new')}
        </button>
      </header>
      <div className="filters" role="search">
        <input type="search" placeholder={t('cases.searchPlaceholder')} aria-label={t('cases.search')} value={text} onChange={(e) => setText(e.target.value)} />
        <select aria-label={t('cases.status')} value={status} onChange={(e) => setStatus(e.target.value)}>
          <option value="">{t('cases.anyStatus')}</option>
          {CASE_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`status.${s}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('cases.priority')} value={priority} onChange={(e) => setPriority(e.target.value)}>
          <option value="">{t('cases.anyPriority')}</option>
          {PRIORITIES.map((p) => (
            <option key={p} value={p}>
              {t(`priority.${p}`)}
            </option>
          ))}
        </select>
        <select aria-label={t('cases.type')} value={type} onChange={(e) => setType(e.target.value)}>
          <option value="">{t('cases.anyType')}</option>
          {types.data?.map((x) => (
            <option key={x.code} value={x.code}>
              {L.caseType(x.code, x.name)}
            </option>
          ))}
        </select>
        <select aria-label={t('cases.consultant')} value={consultant} onChange={(e) => setConsultant(e.target.value as '' | 'me')}>
          <option value="">{t('cases.anyConsultant')}</option>
          <option value="me">{t('cases.mine')}</option>
        </select>
        <select aria-label={t('cases.sort')} value={sort} onChange={(e) => setSort(e.target.value as typeof sort)}>
          {(['updated_at', 'case_number', 'client', 'priority', 'status'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`cases.sortBy.${s}`)}
            </option>
          ))}
        </select>
        <span className="muted count" aria-live="polite">
          {t('cases.count', { count: total })}
        </span>
      </div>
      <ErrorNote error={first.error} />
      {first.data && total === 0 && <Empty>{search || status || priority || type || consultant ? t('cases.noMatch') : t('cases.empty')}</Empty>}
      <div className="table" role="table" aria-label={t('cases.title')} aria-rowcount={total}>
        <div className="thead" role="row">
          <span role="columnheader">{t('cases.number')}</span>
          <span role="columnheader">{t('cases.client')}</span>
          <span role="columnheader">{t('cases.type')}</span>
          <span role="columnheader">{t('cases.status')}</span>
          <span role="columnheader">{t('cases.priority')}</span>
        </div>
        <div ref={scroller} className="tbody" role="rowgroup">
          <div style={{ height: v.getTotalSize(), position: 'relative' }}>
            {items.map((it) => {
              const c = rowsOf(Math.floor(it.index / PAGE))?.[it.index % PAGE];
              return (
                <div
                  key={it.key}
                  role="row"
                  aria-rowindex={it.index + 1}
                  data-testid={c ? 'case-row' : undefined}
                  tabIndex={c ? 0 : -1}
                  className="trow"
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${it.start}px)` }}
                  onClick={() => c && open(c.id)}
                  onKeyDown={(e) => {
                    if (!c) return;
                    if (e.key === 'Enter') open(c.id);
                    if (e.key === 'ArrowDown') (e.currentTarget.nextElementSibling as HTMLElement | null)?.focus();
                    if (e.key === 'ArrowUp') (e.currentTarget.previousElementSibling as HTMLElement | null)?.focus();
                  }}
                >
                  {c ? (
                    <>
                      <span role="cell">{c.case_number}</span>
                      <span role="cell">{c.client_name}</span>
                      <span role="cell">{typeName.get(c.case_type) ?? L.caseType(c.case_type)}</span>
                      <span role="cell">
                        <span className={`badge s-${c.status}`}>{t(`status.${c.status}`)}</span>
                      </span>
                      <span role="cell">{t(`priority.${c.priority}`)}</span>
                    </>
                  ) : (
                    <span role="cell" className="muted">
                      …
                    </span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
      </div>
      {creating && <NewCase types={types.data ?? []} onClose={() => setCreating(false)} onCreated={open} />}
    </section>
  );
}

function NewCase({ types, onClose, onCreated }: { types: CaseType[]; onClose: () => void; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const L = useLabels();
  const qc = useQueryClient();
  // No type is chosen for the consultant: an unchosen type is refused, never a silent default.
  const [caseType, setCaseType] = useState('');
  const [client, setClient] = useState('');
  const [priority, setPriority] = useState<Priority>('normal');
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const create = useMutation({
    mutationFn: () => call('cases.create', { caseType, client, priority }),
    onSuccess: (c) => {
      void qc.invalidateQueries();
      onCreated(c.id);
    },
    onError: (e) => setErrors(callFieldErrors(e, t)),
  });
  // The contract's own schema (the core applies the same one): problems are named on their fields.
  const problems = (): FieldErrors | null => {
    const found = check(methods['cases.create'], { caseType, client, priority }, t);
    if (found?.caseType) found.caseType = t('newCase.typeRequired');
    return found;
  };
  return (
    <div className="overlay" role="presentation" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <form
        role="dialog"
        aria-modal="true"
        aria-labelledby="new-case-title"
        className="card dialog"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const found = problems();
          setErrors(found);
          if (!found) create.mutate();
        }}
      >
        <h2 id="new-case-title">{t('cases.new')}</h2>
        <label>
          {t('cases.client')}
          <input value={client} onChange={(e) => setClient(e.target.value)} autoFocus {...invalidProps(errors, 'client', 'new-case-client')} />
        </label>
        <FieldError id="new-case-client" errors={errors} field="client" />
        <label>
          {t('cases.type')}
          <select value={caseType} onChange={(e) => setCaseType(e.target.value)} {...invalidProps(errors, 'caseType', 'new-case-type')}>
            <option value="" disabled>
              {t('newCase.chooseType')}
            </option>
            {types.map((x) => (
              <option key={x.code} value={x.code}>
                {L.caseType(x.code, x.name)}
              </option>
            ))}
          </select>
        </label>
        <FieldError id="new-case-type" errors={errors} field="caseType" />
        <label>
          {t('cases.priority')}
          <select value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {t(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        {create.error && !Object.keys(callFieldErrors(create.error, t)).some(Boolean) ? <ErrorNote error={create.error} /> : null}
        <div className="row end">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={create.isPending}>
            {t('cases.create')}
          </button>
        </div>
      </form>
    </div>
  );
}
