/**
 * The firm's letter templates, for an owner or admin: the list (system defaults marked), and an editor
 * whose text is checked as it is typed by the same rules the core applies on saving (unknown merge
 * fields named). Saving a system default makes the firm's own version, which replaces it.
 */
import { useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { MERGE_FIELDS, TEMPLATE_TYPES, templateProblems, type TemplateView } from '../../src-shared/config';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { fill, inLang, type Lang } from './words';
import type { configWords } from './words';

type Draft = { id?: string; overrides?: string; name: string; templateType: (typeof TEMPLATE_TYPES)[number]; content: string };
const blank: Draft = { name: '', templateType: 'letter', content: '' };

export function Templates({ lang, w }: { lang: Lang; w: ReturnType<typeof configWords> }) {
  const t = w.letters;
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['templates'], queryFn: () => call('templates.list', {}) });
  const [draft, setDraft] = useState<Draft>(blank);
  const open = (x: TemplateView) =>
    setDraft(
      x.system
        ? { overrides: x.id, name: x.name, templateType: x.templateType as Draft['templateType'], content: x.content }
        : { id: x.id, name: x.name, templateType: x.templateType as Draft['templateType'], content: x.content },
    );
  const problems = draft.content ? templateProblems(draft.content) : [];
  const save = useMutation({
    mutationFn: () => call('templates.save', draft),
    onSuccess: (saved) => {
      setDraft({ id: saved.id, name: saved.name, templateType: saved.templateType as Draft['templateType'], content: saved.content });
      return qc.invalidateQueries({ queryKey: ['templates'] });
    },
  });
  return (
    <div className="card" aria-labelledby="templates-title">
      <h2 id="templates-title">{t.templates}</h2>
      <ul className="plain">
        {(list.data ?? []).map((x) => (
          <li key={x.id}>
            <button type="button" className="link" onClick={() => open(x)}>
              {x.name}
            </button>{' '}
            <span className="muted">
              {x.templateType} · v{x.version}
              {x.system ? ` · ${t.system}` : ''}
            </span>
          </li>
        ))}
      </ul>
      <button type="button" onClick={() => setDraft(blank)}>
        {t.newTemplate}
      </button>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!problems.length) save.mutate();
        }}
      >
        <label>
          {t.name} <input value={draft.name} onChange={(e) => setDraft({ ...draft, name: e.target.value })} required />
        </label>
        <label>
          {t.kind}{' '}
          <select value={draft.templateType} onChange={(e) => setDraft({ ...draft, templateType: e.target.value as Draft['templateType'] })}>
            {TEMPLATE_TYPES.map((k) => (
              <option key={k} value={k}>
                {k}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          {t.text}
          <textarea rows={10} value={draft.content} onChange={(e) => setDraft({ ...draft, content: e.target.value })} />
        </label>
        {problems.length > 0 && (
          <ul className="problems" role="alert">
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <details>
          <summary>{t.fields}</summary>
          <ul className="plain">
            {Object.entries(MERGE_FIELDS).map(([k, label]) => (
              <li key={k}>
                <code>{`{{${k}}}`}</code> {inLang(label, lang)}
              </li>
            ))}
            <li>
              <code>{'{{custom.<key>}}'}</code>
            </li>
          </ul>
        </details>
        <button type="submit" className="primary" disabled={!draft.name.trim() || !draft.content || problems.length > 0 || save.isPending}>
          {draft.overrides ? t.replace : t.saveTemplate}
        </button>
        {save.data && <p role="status">{fill(t.savedVersion, { v: save.data.version })}</p>}
        <ErrorNote error={list.error ?? save.error} />
      </form>
    </div>
  );
}
