/**
 * The configuration screen (issue 16): the firm's domain packs, and a simple editor of a case type's
 * custom fields with a live preview drawn by the same renderer a case uses. An edit is never applied
 * directly: it becomes a proposal with its diff, which an owner or admin approves or rejects below (the
 * core refuses anyone else). Sections, conditions and repeatable groups are edited as JSON, checked by
 * the same schema as the core before anything can be proposed.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import {
  FIELD_TYPES,
  isGroup,
  parseDefinition,
  valueProblems,
  type ConfigDefinition,
  type ConfigProposalView,
  type FieldDef,
  type FieldType,
  type Values,
} from '../../src-shared/config';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { ConfigForm } from './ConfigForm';
import { configWords, fill, inLang, langOf, type Lang } from './words';
import { Templates } from './Templates';
import { WorkflowEditor } from './WorkflowEditor';
import './config.css';

type Words = ReturnType<typeof configWords>;

/** A field without its empty optional parts, so the diff shows only what a person set. */
function tidy(f: FieldDef): FieldDef {
  const out = { ...f } as Record<string, unknown>;
  for (const [k, v] of Object.entries(out)) if (v === undefined || v === '' || (Array.isArray(v) && !v.length && k === 'options')) delete out[k];
  if (out.help && !(out.help as { en?: string }).en && !(out.help as { fr?: string }).fr) delete out.help;
  return out as FieldDef;
}

/** Remove a field everywhere it is named (form items, groups, conditions on it). */
function withoutField(d: ConfigDefinition, key: string): ConfigDefinition {
  // The rest of the definition (its lifecycle, anything added later) is kept as it is.
  return {
    ...d,
    fields: d.fields.filter((f) => f.key !== key),
    forms: d.forms.map((form) => ({
      ...form,
      sections: form.sections.map((s) => ({
        ...s,
        ...(s.visibleWhen?.field === key ? { visibleWhen: undefined } : {}),
        items: s.items
          .filter((i) => isGroup(i) || i.field !== key)
          .map((i) => (isGroup(i) ? { ...i, fields: i.fields.filter((k) => k !== key) } : i))
          .filter((i) => !isGroup(i) || i.fields.length)
          .map((i) => (i.visibleWhen?.field === key ? { ...i, visibleWhen: undefined } : i)),
      })),
    })),
  };
}

function withField(d: ConfigDefinition, f: FieldDef): ConfigDefinition {
  const forms = d.forms.length
    ? structuredClone(d.forms)
    : [
        {
          key: 'main',
          label: { en: 'Case details', fr: 'Détails du dossier' },
          sections: [{ key: 'main', title: { en: 'Details', fr: 'Détails' }, items: [] }],
        },
      ];
  const sections = forms[0].sections;
  sections[sections.length - 1].items.push({ field: f.key });
  return { ...d, fields: [...d.fields, f], forms };
}

const optionsText = (f: FieldDef) => (f.options ?? []).map((o) => `${o.value} | ${o.label.en} | ${o.label.fr}`).join('\n');
const parseOptions = (text: string) =>
  text
    .split('\n')
    .map((l) => l.split('|').map((x) => x.trim()))
    .filter((p) => p[0])
    .map(([value, en, fr]) => ({ value, label: { en: en || value, fr: fr || en || value } }));

export function ConfigAdmin() {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const w = configWords(lang);
  const types = useQuery({ queryKey: ['caseTypes'], queryFn: () => call('caseTypes.list', {}) });
  const [caseType, setCaseType] = useState('');
  useEffect(() => {
    if (!caseType && types.data?.length) setCaseType(types.data.find((t) => t.code === 'DEBT_ADVICE')?.code ?? types.data[0].code);
  }, [types.data, caseType]);
  return (
    <section>
      <h1>{w.title}</h1>
      <Packs lang={lang} />
      <label>
        {w.caseType}{' '}
        <select value={caseType} onChange={(e) => setCaseType(e.target.value)}>
          {(types.data ?? []).map((t) => (
            <option key={t.code} value={t.code}>
              {t.name}
            </option>
          ))}
        </select>
      </label>
      {caseType && <Editor key={caseType} caseType={caseType} lang={lang} w={w} />}
      {caseType && <Proposals caseType={caseType} w={w} />}
      <Templates lang={lang} w={w} />
    </section>
  );
}

function Packs({ lang }: { lang: Lang }) {
  const w = configWords(lang);
  const qc = useQueryClient();
  const packs = useQuery({ queryKey: ['config', 'packs'], queryFn: () => call('config.packs', {}) });
  const set = useMutation({ mutationFn: (x: { id: string; enabled: boolean }) => call('config.setPack', x), onSuccess: () => qc.invalidateQueries() });
  return (
    <section aria-labelledby="packs-title">
      <h2 id="packs-title">{w.packs}</h2>
      <ul className="packs">
        {(packs.data ?? []).map((p) => (
          <li key={p.id}>
            <label className="check">
              <input type="checkbox" checked={p.enabled} onChange={(e) => set.mutate({ id: p.id, enabled: e.target.checked })} />{' '}
              <strong>{inLang(p.name, lang)}</strong>
            </label>{' '}
            <span className="muted">{inLang(p.description, lang)}</span>
          </li>
        ))}
      </ul>
      <ErrorNote error={set.error ?? packs.error} />
    </section>
  );
}

function Editor({ caseType, lang, w }: { caseType: string; lang: Lang; w: Words }) {
  const qc = useQueryClient();
  const current = useQuery({ queryKey: ['config', 'definition', caseType], queryFn: () => call('config.definition', { caseType }) });
  const [draft, setDraft] = useState<ConfigDefinition | null>(null);
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState('');
  const [newKey, setNewKey] = useState('');
  const [summary, setSummary] = useState('');
  const [preview, setPreview] = useState<Values>({});
  const [proposed, setProposed] = useState(false);
  useEffect(() => {
    if (current.data) {
      setDraft(structuredClone(current.data.definition));
      setJson(JSON.stringify(current.data.definition, null, 2));
    }
  }, [current.data]);
  const propose = useMutation({
    mutationFn: () => call('config.propose', { caseType, definition: draft, summary }),
    onSuccess: () => {
      setProposed(true);
      setSummary('');
      return qc.invalidateQueries({ queryKey: ['config', 'proposals'] });
    },
  });
  if (current.error) return <ErrorNote error={current.error} />;
  if (!draft || !current.data) return null;
  const update = (d: ConfigDefinition) => {
    setProposed(false);
    setDraft(d);
    setJson(JSON.stringify(d, null, 2));
  };
  const setField = (key: string, patch: Partial<FieldDef>) =>
    update({ ...draft, fields: draft.fields.map((f) => (f.key === key ? tidy({ ...f, ...patch } as FieldDef) : f)) });
  const checked = parseDefinition(draft);
  return (
    <div className="config-editor">
      <p className="muted">{fill(w.version, { v: current.data.version })}</p>
      <div className="config-editor-columns">
        <section aria-labelledby="editor-title">
          <h2 id="editor-title">{w.editor}</h2>
          {draft.fields.map((f) => (
            <fieldset key={f.key} className="config-field-editor" aria-label={f.key}>
              <legend>
                <code>{f.key}</code>
              </legend>
              <label>
                {w.field.labelEn} <input value={f.label.en} onChange={(e) => setField(f.key, { label: { ...f.label, en: e.target.value } })} />
              </label>
              <label>
                {w.field.labelFr} <input value={f.label.fr} onChange={(e) => setField(f.key, { label: { ...f.label, fr: e.target.value } })} />
              </label>
              <label>
                {w.field.type}{' '}
                <select value={f.type} onChange={(e) => setField(f.key, { type: e.target.value as FieldType })}>
                  {FIELD_TYPES.map((t) => (
                    <option key={t} value={t}>
                      {w.types[t]}
                    </option>
                  ))}
                </select>
              </label>
              <label className="check">
                <input type="checkbox" checked={Boolean(f.required)} onChange={(e) => setField(f.key, { required: e.target.checked || undefined })} />{' '}
                {w.field.required}
              </label>
              <label>
                {w.field.helpEn} <input value={f.help?.en ?? ''} onChange={(e) => setField(f.key, { help: { ...f.help, en: e.target.value || undefined } })} />
              </label>
              <label>
                {w.field.helpFr} <input value={f.help?.fr ?? ''} onChange={(e) => setField(f.key, { help: { ...f.help, fr: e.target.value || undefined } })} />
              </label>
              {(f.type === 'select' || f.type === 'multi_select') && (
                <label>
                  {w.field.options} <small className="muted">{w.field.optionsHelp}</small>
                  <textarea rows={3} defaultValue={optionsText(f)} onBlur={(e) => setField(f.key, { options: parseOptions(e.target.value) })} />
                </label>
              )}
              {(f.type === 'text' || f.type === 'number' || f.type === 'money') && (
                <>
                  <label>
                    {w.field.min}{' '}
                    <input
                      type="number"
                      value={f.min ?? ''}
                      onChange={(e) => setField(f.key, { min: e.target.value === '' ? undefined : Number(e.target.value) })}
                    />
                  </label>
                  <label>
                    {w.field.max}{' '}
                    <input
                      type="number"
                      value={f.max ?? ''}
                      onChange={(e) => setField(f.key, { max: e.target.value === '' ? undefined : Number(e.target.value) })}
                    />
                  </label>
                </>
              )}
              {f.type === 'text' && (
                <label>
                  {w.field.pattern} <input value={f.pattern ?? ''} onChange={(e) => setField(f.key, { pattern: e.target.value || undefined })} />
                </label>
              )}
              <button type="button" onClick={() => update(withoutField(draft, f.key))}>
                {w.field.remove}
              </button>
            </fieldset>
          ))}
          <div className="config-add-field">
            <label>
              {w.newKey} <input value={newKey} onChange={(e) => setNewKey(e.target.value.trim())} />
            </label>
            <button
              type="button"
              disabled={!newKey || draft.fields.some((f) => f.key === newKey)}
              onClick={() => {
                update(withField(draft, { key: newKey, type: 'text', label: { en: newKey, fr: newKey } }));
                setNewKey('');
              }}
            >
              {w.addField}
            </button>
          </div>
          <WorkflowEditor draft={draft} update={update} lang={lang} w={w} />
          <details>
            <summary>{w.advanced}</summary>
            <textarea aria-label={w.advanced} rows={14} value={json} onChange={(e) => setJson(e.target.value)} />
            <button
              type="button"
              onClick={() => {
                try {
                  const r = parseDefinition(JSON.parse(json));
                  if (!r.ok) return setJsonError(r.message);
                  setJsonError('');
                  update(r.value);
                } catch (e) {
                  setJsonError((e as Error).message);
                }
              }}
            >
              {w.applyJson}
            </button>
            {jsonError && (
              <p role="alert" className="error">
                {jsonError}
              </p>
            )}
          </details>
        </section>
        <section aria-labelledby="preview-title" className="config-preview">
          <h2 id="preview-title">{w.preview}</h2>
          <p className="muted">{w.previewHelp}</p>
          {checked.ok ? (
            <ConfigForm definition={checked.value} values={preview} onChange={setPreview} lang={lang} problems={valueProblems(checked.value, preview)} />
          ) : (
            <p role="alert" className="error">
              {w.invalid} {checked.message}
            </p>
          )}
        </section>
      </div>
      <form
        className="config-propose"
        onSubmit={(e) => {
          e.preventDefault();
          propose.mutate();
        }}
      >
        <label>
          {w.summary} <input value={summary} onChange={(e) => setSummary(e.target.value)} />
        </label>
        <button type="submit" disabled={!checked.ok || !summary.trim() || propose.isPending}>
          {w.propose}
        </button>
        {proposed && <p role="status">{w.proposed}</p>}
        <ErrorNote error={propose.error} />
      </form>
    </div>
  );
}

function Proposals({ caseType, w }: { caseType: string; w: Words }) {
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['config', 'proposals', caseType], queryFn: () => call('config.proposals', { caseType }) });
  const approve = useMutation({ mutationFn: (id: string) => call('config.approve', { id }), onSuccess: () => qc.invalidateQueries({ queryKey: ['config'] }) });
  const reject = useMutation({
    mutationFn: (x: { id: string; reason: string }) => call('config.reject', x),
    onSuccess: () => qc.invalidateQueries({ queryKey: ['config'] }),
  });
  const [reasons, setReasons] = useState<Record<string, string>>({});
  return (
    <section aria-labelledby="proposals-title">
      <h2 id="proposals-title">{w.proposals}</h2>
      {!list.data?.length && <p className="empty">{w.noProposals}</p>}
      <ul className="config-proposals">
        {(list.data ?? []).map((p: ConfigProposalView) => (
          <li key={p.id} data-testid="config-proposal" aria-label={p.title}>
            <strong>{p.title}</strong> · <span className="badge">{w.status[p.status]}</span> · {w.risk} {p.riskLevel} · {fill(w.version, { v: p.baseVersion })}
            <ul className="diff">
              {p.changes.map((c) => (
                <li key={c.path}>
                  <code>{c.path}</code>: {JSON.stringify(c.before)} → {JSON.stringify(c.after)}
                </li>
              ))}
            </ul>
            {p.removedFields.length > 0 && (
              <p className="warning">
                {w.removes} {p.removedFields.join(', ')}
              </p>
            )}
            {p.status === 'PENDING' && (
              <div className="actions">
                <button type="button" onClick={() => approve.mutate(p.id)} disabled={approve.isPending}>
                  {w.approve}
                </button>
                <input aria-label={w.reason} value={reasons[p.id] ?? ''} onChange={(e) => setReasons({ ...reasons, [p.id]: e.target.value })} />
                <button type="button" disabled={!reasons[p.id]?.trim()} onClick={() => reject.mutate({ id: p.id, reason: reasons[p.id] })}>
                  {w.reject}
                </button>
              </div>
            )}
            {p.rejectionReason && <p className="muted">{p.rejectionReason}</p>}
          </li>
        ))}
      </ul>
      <ErrorNote error={approve.error ?? reject.error ?? list.error} />
    </section>
  );
}
