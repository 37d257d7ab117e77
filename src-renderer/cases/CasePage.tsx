/** One case: overview and timeline, people, tasks and checklists, documents, CRS and FSW. */
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { nextStatuses, statusWords } from '../../src-shared/config/workflow';
import { RELATIONSHIPS } from '../../src-shared/schema/tables';
import type { CaseFile } from '../../src-shared/contract/views';
import { call } from '../app/api';
import { validateRow } from '../../src-shared/schema/validators';
import { DateField, Empty, ErrorNote, FieldError, tabStripKeys, when } from '../app/ui';
import { useLabels } from '../app/labels';
import { formatDate } from '../app/format';
import { coreErrors, invalidProps, type FieldErrors } from '../app/validation';
import { callFieldErrors } from '../app/api';
import { todayIso } from '../../src-shared/text/dates';
import { caseTimeline } from './timeline';
import { Documents } from '../documents/Documents';
import { Crs } from '../immigration/Crs';
import { CaseDetails, RecordIta } from './CaseDetails';
import { PersonEdit } from './PersonEdit';
import { RevealField, isMasked } from '../admin/RevealField';
import { Appointments, Communications, Money } from './CaseRecords';
import { CaseCustomFields } from '../config/CaseCustomFields';
import { CaseLetters } from '../config/CaseLetters';
import { langOf } from '../config/words';

const TABS = ['overview', 'people', 'tasks', 'timeline', 'communications', 'appointments', 'money', 'documents', 'crs'] as const;

/** The lifecycle the case follows (its configuration version's), from the query its custom fields use too. */
function useWorkflow(caseId: string) {
  const { t, i18n } = useTranslation();
  const config = useQuery({ queryKey: ['config', 'case', caseId], queryFn: () => call('config.caseFields', { caseId }), enabled: !!caseId });
  const workflow = config.data?.definition.workflow;
  const lang = langOf(i18n.language);
  return {
    ready: !!config.data,
    next: (from: CaseFile['status']) => (config.data ? nextStatuses(workflow, from) : []),
    /** The case type's own words for a status, or the general ones. */
    words: (status: string) => statusWords(workflow, status, lang) ?? t(`status.${status}`),
  };
}

export function CasePage() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const flow = useWorkflow(id);
  const L = useLabels();
  const [tab, setTab] = useState<(typeof TABS)[number]>('overview');
  const q = useQuery({ queryKey: ['case', id], queryFn: () => call('cases.get', { id }) });
  const types = useQuery({ queryKey: ['caseTypes'], queryFn: () => call('caseTypes.list', {}) });
  const c = q.data;
  if (q.error) return <ErrorNote error={q.error} />;
  if (!c) return <p className="loading">{t('common.loading')}</p>;
  return (
    <section>
      <header className="case-head">
        <h1>{c.client_data?.name ?? c.case_number}</h1>
        <p className="muted">
          {c.case_number} · {L.caseType(c.case_type, types.data?.find((x) => x.code === c.case_type)?.name)} ·{' '}
          <span className={`badge s-${c.status}`}>{flow.words(c.status)}</span>
        </p>
        {c.case_type === 'DEBT_ADVICE' && (
          <p>
            <Link to={`/cases/${c.id}/budget`}>{t('debt.title')}</Link>
          </p>
        )}
      </header>
      <div role="tablist" aria-label={t('case.sections')} className="tabs" onKeyDown={tabStripKeys(TABS, tab, setTab, (x) => `tab-${x}`)}>
        {TABS.map((x) => (
          <button
            key={x}
            role="tab"
            type="button"
            id={`tab-${x}`}
            aria-selected={tab === x}
            tabIndex={tab === x ? 0 : -1}
            aria-controls={`panel-${x}`}
            onClick={() => setTab(x)}
          >
            {t(`case.tab.${x}`)}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="panel">
        {tab === 'overview' && (
          <>
            <Overview c={c} />
            {/* The custom fields of its case type, from configuration (src-renderer/config). */}
            <CaseCustomFields caseId={c.id} />
            <CaseLetters caseId={c.id} />
          </>
        )}
        {tab === 'people' && <People c={c} />}
        {tab === 'tasks' && <Tasks c={c} />}
        {tab === 'timeline' && <Timeline c={c} />}
        {tab === 'communications' && <Communications c={c} />}
        {tab === 'appointments' && <Appointments c={c} />}
        {tab === 'money' && <Money c={c} />}
        {tab === 'documents' && <Documents caseId={c.id} />}
        {tab === 'crs' && <Crs c={c} />}
      </div>
    </section>
  );
}

function Overview({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const flow = useWorkflow(c.id);
  const next = flow.next(c.status);
  const [to, setTo] = useState('');
  const move = useMutation({ mutationFn: () => call('cases.setStatus', { id: c.id, status: to }), onSuccess: () => qc.invalidateQueries() });
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('case.details')}</h2>
        <CaseDetails c={c} />
        <RecordIta c={c} />
        {next.length > 0 && (
          <form
            className="row"
            onSubmit={(e) => {
              e.preventDefault();
              if (to) move.mutate();
            }}
          >
            <label className="inline">
              {t('case.moveTo')}
              <select value={to} onChange={(e) => setTo(e.target.value)}>
                <option value="">—</option>
                {next.map((s) => (
                  <option key={s} value={s}>
                    {flow.words(s)}
                  </option>
                ))}
              </select>
            </label>
            <button type="submit" disabled={!to || move.isPending}>
              {t('case.change')}
            </button>
          </form>
        )}
        <ErrorNote error={move.error} />
      </div>
      <div className="card">
        <h2>{t('case.timeline')}</h2>
        <EventList c={c} max={8} />
      </div>
    </div>
  );
}

function People({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form, setForm] = useState({ first_name: '', last_name: '', relationship_to_primary: 'spouse', date_of_birth: '', email: '' });
  const [editing, setEditing] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: () => call('persons.add', { caseId: c.id, person: Object.fromEntries(Object.entries(form).filter(([, v]) => v !== '')) }),
    onSuccess: () => {
      setForm({ first_name: '', last_name: '', relationship_to_primary: 'spouse', date_of_birth: '', email: '' });
      void qc.invalidateQueries();
    },
  });
  const set = (k: keyof typeof form) => (e: React.ChangeEvent<HTMLInputElement | HTMLSelectElement>) => setForm({ ...form, [k]: e.target.value });
  // The same zod schema the core applies: a bad field is named here before anything is sent.
  // Sentences by field (validation.ts), shown next to the field at fault.
  const [invalid, setInvalid] = useState<FieldErrors | null>(null);
  const { i18n } = useTranslation();
  const shown = invalid ?? (add.error ? callFieldErrors(add.error, t) : null);
  const submit = (e: React.FormEvent) => {
    e.preventDefault();
    const fields = Object.fromEntries(Object.entries(form).filter(([, v]) => v !== ''));
    const v = validateRow('persons', 'insert', { ...fields, case_id: c.id });
    setInvalid(v.ok ? null : coreErrors(v.message.replace(/^persons: /, ''), t));
    if (v.ok) add.mutate();
  };
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('people.title')}</h2>
        <ul className="plain">
          {c.persons.map((p) => (
            <li key={p.id} data-testid="person">
              <strong>
                {p.first_name} {p.last_name}
              </strong>{' '}
              <span className="muted">
                {t(`relationship.${p.relationship_to_primary ?? 'other'}`)}
                {p.date_of_birth ? ` · ${formatDate(p.date_of_birth, i18n.language)}` : ''}
                {p.phone ? ` · ${p.phone}` : ''}
                {typeof p.passport_info === 'object' && p.passport_info?.number && !isMasked(p.passport_info.number)
                  ? ` · ${t('people.passport')} ${p.passport_info.number}`
                  : ''}
              </span>{' '}
              {/* A number the server masked for this role (•••••123): revealed with a reason, never stored (issue 14). */}
              {typeof p.passport_info === 'object' && isMasked(p.passport_info?.number) && (
                <span className="muted">
                  · {t('people.passport')}{' '}
                  <RevealField
                    table="persons"
                    id={p.id}
                    field="passport_info.number"
                    value={String(p.passport_info?.number)}
                    label={`${t('people.passport')} ${p.first_name} ${p.last_name}`}
                  />{' '}
                </span>
              )}
              {editing !== p.id && (
                <button type="button" onClick={() => setEditing(p.id)}>
                  {t('people.edit')}
                </button>
              )}
              {editing === p.id && <PersonEdit person={p} onDone={() => setEditing(null)} />}
            </li>
          ))}
        </ul>
      </div>
      <form className="card" onSubmit={submit} noValidate>
        <h2>{t('people.add')}</h2>
        <label>
          {t('people.firstName')}
          <input value={form.first_name} onChange={set('first_name')} required {...invalidProps(shown, 'first_name', 'add-first')} />
        </label>
        <FieldError id="add-first" errors={shown} field="first_name" />
        <label>
          {t('people.lastName')}
          <input value={form.last_name} onChange={set('last_name')} required {...invalidProps(shown, 'last_name', 'add-last')} />
        </label>
        <FieldError id="add-last" errors={shown} field="last_name" />
        <label>
          {t('people.relationship')}
          <select value={form.relationship_to_primary} onChange={set('relationship_to_primary')}>
            {RELATIONSHIPS.map((r) => (
              <option key={r} value={r}>
                {t(`relationship.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <DateField
          label={t('people.dateOfBirth')}
          value={form.date_of_birth}
          max={todayIso()}
          error={shown?.date_of_birth}
          onChange={(v) => setForm({ ...form, date_of_birth: v })}
        />
        <label>
          {t('people.email')}
          <input type="email" value={form.email} onChange={set('email')} {...invalidProps(shown, 'email', 'add-email')} />
        </label>
        <FieldError id="add-email" errors={shown} field="email" />
        {invalid && Object.keys(invalid).length > 0 && (
          <p role="alert" className="error">
            {t('errors.code.invalid_input')}
          </p>
        )}
        {add.error && !Object.keys(callFieldErrors(add.error, t)).length ? <ErrorNote error={add.error} /> : null}
        <button type="submit" className="primary" disabled={add.isPending}>
          {t('people.save')}
        </button>
      </form>
    </div>
  );
}

function Tasks({ c }: { c: CaseFile }) {
  const { t, i18n } = useTranslation();
  const qc = useQueryClient();
  const [title, setTitle] = useState('');
  const [due, setDue] = useState('');
  const refresh = () => qc.invalidateQueries();
  const add = useMutation({
    mutationFn: () => call('tasks.add', { caseId: c.id, title, ...(due ? { due } : {}) }),
    onSuccess: () => {
      setTitle('');
      setDue('');
      void refresh();
    },
  });
  const done = useMutation({ mutationFn: (x: { id: string; status: 'completed' | 'pending' }) => call('tasks.setStatus', x), onSuccess: refresh });
  // The box shows the new state at once; the core's answer (or its error) follows.
  const [pending, setPending] = useState<Record<string, boolean>>({});
  const check = useMutation({
    mutationFn: (x: { checklistId: string; itemKey: string; done: boolean }) => call('checklists.setItem', x),
    onMutate: (x) => setPending((s) => ({ ...s, [`${x.checklistId}:${x.itemKey}`]: x.done })),
    onSettled: async (_r, _e, x) => {
      await refresh();
      setPending((s) => {
        const n = { ...s };
        delete n[`${x.checklistId}:${x.itemKey}`];
        return n;
      });
    },
  });
  return (
    <div className="grid2">
      <div className="card">
        <h2>{t('tasks.title')}</h2>
        {!c.tasks.length && <Empty>{t('tasks.empty')}</Empty>}
        <ul className="plain">
          {c.tasks.map((x) => (
            <li key={x.id}>
              <label className="inline">
                <input
                  type="checkbox"
                  checked={x.status === 'completed'}
                  onChange={(e) => done.mutate({ id: x.id, status: e.target.checked ? 'completed' : 'pending' })}
                />
                {x.title} {x.due_date && <span className="muted">{formatDate(x.due_date, i18n.language)}</span>}
                {x.due_date && x.status !== 'completed' && String(x.due_date).slice(0, 10) < todayIso() && (
                  <span className="badge overdue" data-testid="overdue">
                    {t('context.overdue')}
                  </span>
                )}
              </label>
            </li>
          ))}
        </ul>
        <ErrorNote error={done.error} />
        <form
          className="row"
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate();
          }}
        >
          <input aria-label={t('tasks.new')} placeholder={t('tasks.new')} value={title} onChange={(e) => setTitle(e.target.value)} required />
          <DateField label={t('tasks.due')} value={due} onChange={setDue} />
          <button type="submit">{t('tasks.add')}</button>
        </form>
        <ErrorNote error={add.error} />
      </div>
      <div className="card">
        <h2>{t('checklist.title')}</h2>
        {!c.checklists.length && <Empty>{t('checklist.empty')}</Empty>}
        {c.checklists.map((cl) => (
          <fieldset key={cl.id} className="checklist">
            <legend>
              {cl.name ?? cl.checklist_type} ({cl.completed_items}/{cl.total_items})
            </legend>
            {cl.items.map((it) => (
              <label key={it.key} className="inline">
                <input
                  type="checkbox"
                  checked={pending[`${cl.id}:${it.key}`] ?? Boolean(cl.completion_status?.[it.key]?.done)}
                  onChange={(e) => check.mutate({ checklistId: cl.id, itemKey: it.key, done: e.target.checked })}
                />
                {it.label}
              </label>
            ))}
          </fieldset>
        ))}
        <ErrorNote error={check.error} />
      </div>
    </div>
  );
}

/** Everything that happened to the case, newest first (timeline.ts), worded in the window's language. */
function EventList({ c, max }: { c: CaseFile; max?: number }) {
  const { t } = useTranslation();
  const L = useLabels();
  // Settled sync conflicts are the sync layer's; a vault that never synced simply has none.
  const conflicts = useQuery({ queryKey: ['sync', 'conflicts', 'all'], queryFn: () => call('sync.conflicts', { all: true }) });
  const entries = caseTimeline(c, t, L.docType, conflicts.data ?? []).slice(0, max);
  if (!entries.length) return <Empty>{t('case.noEvents')}</Empty>;
  return (
    <ol className="timeline">
      {entries.map((e) => (
        <li key={e.id} data-kind={e.kind}>
          <time>{when(e.at)}</time> {e.text}
        </li>
      ))}
    </ol>
  );
}

function Timeline({ c }: { c: CaseFile }) {
  const { t } = useTranslation();
  return (
    <div className="card">
      <h2>{t('case.timeline')}</h2>
      <EventList c={c} />
    </div>
  );
}
