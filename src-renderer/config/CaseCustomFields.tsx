/**
 * A case's custom fields on its page: the form of its case type's configuration, at the version the case
 * follows, checked as typed by the shared validator and saved through the core (which checks again).
 * Values of fields removed from the configuration are listed read-only: they are kept, never dropped.
 */
import { useEffect, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isGroup, mergeValues, valueProblems, type Values } from '../../src-shared/config';
import { call } from '../app/api';
import { ErrorNote } from '../app/ui';
import { ConfigForm } from './ConfigForm';
import { configWords, fill, inLang, langOf } from './words';

export function CaseCustomFields({ caseId }: { caseId: string }) {
  const { i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const w = configWords(lang);
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['config', 'case', caseId], queryFn: () => call('config.caseFields', { caseId }) });
  const [draft, setDraft] = useState<Values>({});
  const [tried, setTried] = useState(false);
  const [saved, setSaved] = useState(false);
  useEffect(() => {
    if (q.data) setDraft(q.data.values);
  }, [q.data]);
  const done = () => {
    setSaved(true);
    setTried(false);
    return qc.invalidateQueries({ queryKey: ['config', 'case', caseId] });
  };
  const save = useMutation({
    mutationFn: () => {
      const def = q.data!.definition;
      const keys = [...def.fields.map((f) => f.key), ...def.forms.flatMap((f) => f.sections.flatMap((s) => s.items.filter(isGroup).map((g) => g.group)))];
      return call('config.saveCaseFields', { caseId, values: Object.fromEntries(keys.map((k) => [k, draft[k] ?? null])) });
    },
    onSuccess: done,
  });
  const migrate = useMutation({ mutationFn: () => call('config.migrateCase', { caseId }), onSuccess: done });
  if (q.error) return <ErrorNote error={q.error} />;
  const v = q.data;
  if (!v || (!v.definition.forms.length && !v.retired.length)) return null;
  const problems = valueProblems(v.definition, mergeValues(v.definition, v.values, draft));
  return (
    <section className="case-fields" aria-labelledby="case-fields-title">
      <h2 id="case-fields-title">{w.fieldsTitle}</h2>
      <p className="muted" data-testid="config-version">
        {fill(w.follows, { v: v.version })}
        {v.latestVersion > v.version && (
          <>
            {' '}
            {fill(w.newer, { v: v.latestVersion })}{' '}
            <button type="button" onClick={() => migrate.mutate()} disabled={migrate.isPending}>
              {fill(w.moveTo, { v: v.latestVersion })}
            </button>
          </>
        )}
      </p>
      <form
        aria-label={w.fieldsTitle}
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          setTried(true);
          if (!problems.length) save.mutate();
        }}
      >
        <ConfigForm
          definition={v.definition}
          values={draft}
          onChange={(next) => {
            setSaved(false);
            setDraft(next);
          }}
          lang={lang}
          persons={v.persons}
          problems={tried ? problems : null}
          disabled={save.isPending}
        />
        <button type="submit" disabled={save.isPending}>
          {w.save}
        </button>
        {saved && !save.isPending && <span role="status"> {w.saved}</span>}
        <ErrorNote error={save.error ?? migrate.error} />
      </form>
      {v.retired.length > 0 && (
        <section aria-labelledby="retired-title" className="retired-fields">
          <h3 id="retired-title">{w.retired}</h3>
          <p className="muted">{w.retiredHelp}</p>
          <dl>
            {v.retired.map((r) => (
              <div key={r.key} data-testid="retired-field">
                <dt>{r.label ? inLang(r.label, lang) : r.key}</dt>
                <dd>{typeof r.value === 'string' ? r.value : JSON.stringify(r.value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </section>
  );
}
