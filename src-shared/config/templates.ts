/**
 * Letter templates with merge fields (issue 16): the fields a template may name, how a template's text is
 * checked before it is saved, and how it is filled in for a case. Plain text with `{{field}}` markers,
 * as the seeded templates are; `{{custom.<key>}}` names a custom field of the case's configuration.
 * One module for the core (which saves and renders) and the window (whose editor lists the fields and
 * shows what is wrong as the text is typed).
 */
import type { Bilingual } from './schema';

export const MERGE_FIELDS: Record<string, Bilingual> = {
  client_name: { en: "The client's name", fr: 'Le nom du client' },
  case_number: { en: 'The case number', fr: 'Le numéro du dossier' },
  case_type: { en: 'The type of case', fr: 'Le type de dossier' },
  status: { en: "The case's status", fr: 'Le statut du dossier' },
  firm_name: { en: "The firm's name", fr: 'Le nom du cabinet' },
  consultant_name: { en: 'The assigned consultant', fr: 'Le consultant assigné' },
  today: { en: "Today's date", fr: "La date d'aujourd'hui" },
  document_list: { en: "The case's checklist items still open, one per line", fr: 'Les éléments de la liste encore ouverts, un par ligne' },
};

export const TEMPLATE_TYPES = ['letter', 'email', 'document'] as const;
export const MAX_TEMPLATE_CHARS = 20_000;

const MARKER = /{{\s*([^{}]*?)\s*}}/g;
const CUSTOM = /^custom\.([a-z][a-z0-9_]{0,63})$/;

/** The merge fields a text names, in order of first use. */
export function mergeFieldsOf(content: string): string[] {
  return [...new Set([...content.matchAll(MARKER)].map((m) => m[1]!))];
}

/** What is wrong with a template's text, in words (empty when it can be saved). */
export function templateProblems(content: string): string[] {
  const problems: string[] = [];
  if (!content.trim()) problems.push('the template has no text');
  if (content.length > MAX_TEMPLATE_CHARS) problems.push(`the template is longer than ${MAX_TEMPLATE_CHARS} characters`);
  for (const f of mergeFieldsOf(content)) {
    if (!(f in MERGE_FIELDS) && !CUSTOM.test(f))
      problems.push(`unknown merge field {{${f}}}: use one of ${Object.keys(MERGE_FIELDS).join(', ')} or custom.<field key>`);
  }
  const opened = (content.match(/{{/g) ?? []).length;
  const closed = (content.match(/}}/g) ?? []).length;
  if (opened !== closed) problems.push('a merge field is not closed: write {{field}}');
  return problems;
}

/** A custom field's key in `{{custom.key}}`, or undefined for a built-in merge field. */
export const customKeyOf = (field: string) => CUSTOM.exec(field)?.[1];

/** The text filled in; `blank` lists the fields that had no value (left empty in the letter). */
export function fillTemplate(content: string, values: Record<string, string | undefined>): { text: string; blank: string[] } {
  const blank = new Set<string>();
  const text = content.replace(MARKER, (_m, f: string) => {
    const v = values[f];
    if (v === undefined || v === '') blank.add(f);
    return v ?? '';
  });
  return { text, blank: [...blank] };
}
