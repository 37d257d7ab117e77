/**
 * A case type's lifecycle in the configuration editor: which statuses it uses (with its own words in both
 * languages) and, in a grid, which moves are allowed from each status to each other. It edits the draft
 * definition only; the change is proposed with the rest (a removed status is a high-risk change).
 */
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES } from '../../src-shared/schema/case-statuses';
import { CASE_TRANSITIONS } from '../../src-shared/cases/case-status';
import type { ConfigDefinition, WorkflowDef } from '../../src-shared/config';
import type { Lang } from './words';
import type { configWords } from './words';

type Status = (typeof CASE_STATUSES)[number];

/** The default lifecycle written out, for a case type that has none yet. */
function defaultWorkflow(): WorkflowDef {
  return {
    statuses: CASE_STATUSES.map((status) => ({ status })),
    transitions: CASE_STATUSES.flatMap((from) => CASE_TRANSITIONS[from].map((to) => ({ from, to }))),
  };
}

export function WorkflowEditor({
  draft,
  update,
  lang,
  w,
}: {
  draft: ConfigDefinition;
  update: (d: ConfigDefinition) => void;
  lang: Lang;
  w: ReturnType<typeof configWords>;
}) {
  const { t } = useTranslation();
  const words = w.workflow;
  const flow = draft.workflow;
  const set = (next: WorkflowDef | undefined) => update({ ...draft, workflow: next });
  if (!flow)
    return (
      <section aria-labelledby="workflow-title">
        <h2 id="workflow-title">{words.title}</h2>
        <p className="muted">{words.usesDefault}</p>
        <button type="button" onClick={() => set(defaultWorkflow())}>
          {words.customise}
        </button>
      </section>
    );
  const used = new Set(flow.statuses.map((s) => s.status));
  const allowed = (from: Status, to: Status) => flow.transitions.some((x) => x.from === from && x.to === to);
  const useStatus = (status: Status, on: boolean) =>
    set({
      statuses: on
        ? CASE_STATUSES.filter((s) => used.has(s) || s === status).map((s) => flow.statuses.find((x) => x.status === s) ?? { status: s })
        : flow.statuses.filter((s) => s.status !== status),
      transitions: on ? flow.transitions : flow.transitions.filter((x) => x.from !== status && x.to !== status),
    });
  const toggleMove = (from: Status, to: Status) =>
    set({ ...flow, transitions: allowed(from, to) ? flow.transitions.filter((x) => !(x.from === from && x.to === to)) : [...flow.transitions, { from, to }] });
  const relabel = (status: Status, language: Lang, text: string) =>
    set({
      ...flow,
      statuses: flow.statuses.map((s) => {
        if (s.status !== status) return s;
        const label = { en: s.label?.en ?? '', fr: s.label?.fr ?? '', [language]: text };
        return label.en || label.fr ? { ...s, label } : { status: s.status };
      }),
    });
  const name = (s: Status) => flow.statuses.find((x) => x.status === s)?.label?.[lang] || t(`status.${s}`);
  const shown = CASE_STATUSES.filter((s) => used.has(s));
  return (
    <section aria-labelledby="workflow-title">
      <h2 id="workflow-title">{words.title}</h2>
      <fieldset>
        <legend>{words.statuses}</legend>
        {CASE_STATUSES.map((s) => (
          <div key={s} className="row">
            <label className="inline">
              <input type="checkbox" checked={used.has(s)} disabled={s === 'draft'} onChange={(e) => useStatus(s, e.target.checked)} /> {t(`status.${s}`)}
            </label>
            {used.has(s) && (
              <>
                <input
                  aria-label={`${t(`status.${s}`)}: ${words.wordsEn}`}
                  placeholder={words.wordsEn}
                  value={flow.statuses.find((x) => x.status === s)?.label?.en ?? ''}
                  onChange={(e) => relabel(s, 'en', e.target.value)}
                />
                <input
                  aria-label={`${t(`status.${s}`)}: ${words.wordsFr}`}
                  placeholder={words.wordsFr}
                  value={flow.statuses.find((x) => x.status === s)?.label?.fr ?? ''}
                  onChange={(e) => relabel(s, 'fr', e.target.value)}
                />
              </>
            )}
          </div>
        ))}
      </fieldset>
      <table className="workflow-grid">
        <caption>{words.moves}</caption>
        <thead>
          <tr>
            <th scope="col">{words.fromTo}</th>
            {shown.map((to) => (
              <th key={to} scope="col">
                {name(to)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {shown.map((from) => (
            <tr key={from}>
              <th scope="row">{name(from)}</th>
              {shown.map((to) => (
                <td key={to}>
                  {from !== to && (
                    <input type="checkbox" aria-label={`${name(from)} → ${name(to)}`} checked={allowed(from, to)} onChange={() => toggleMove(from, to)} />
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      <button type="button" onClick={() => set(undefined)}>
        {words.backToDefault}
      </button>
    </section>
  );
}
