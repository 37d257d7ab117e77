/**
 * Letter templates (issue 16): the firm's own and the system defaults it has not replaced, edited by an
 * owner or admin (each save a new template_version, in the audit log through the writer), filled in for a
 * case with its merge fields and filed on the case as a PDF document. A system default is never edited:
 * the firm saves its own version, which replaces it in the list (config.overrides names the default).
 */
import { UserError } from '../../src-shared/errors';
import { SYSTEM_ORG_ID } from '../../src-shared/schema/tables';
import { customKeyOf, fillTemplate, mergeFieldsOf, templateProblems, TEMPLATE_TYPES, type TemplateView } from '../../src-shared/config';
import { addDocument } from '../documents';
import { mustRead, read, rows, write, type Row } from '../core/writer';
import type { Core } from '../core/core';
import { letterPdf } from './letter-pdf';

const overridesOf = (r: Row) => ((r.config ?? {}) as { overrides?: string }).overrides;

function view(r: Row): TemplateView {
  return {
    id: String(r.id),
    name: String(r.name),
    templateType: String(r.template_type),
    content: String(r.content),
    fields: mergeFieldsOf(String(r.content)),
    version: Number(r.template_version ?? 1),
    system: r.org_id === SYSTEM_ORG_ID,
    overrides: overridesOf(r) ?? null,
    updatedAt: String(r.updated_at),
  };
}

/** The firm's templates and the system defaults it has not replaced, by name. */
export function listTemplates(core: Core): TemplateView[] {
  const all = rows(core, 'templates', '(org_id = ? OR org_id = ?) AND is_active = 1', [core.actor.orgId, SYSTEM_ORG_ID]);
  const replaced = new Set(all.filter((r) => r.org_id !== SYSTEM_ORG_ID).map(overridesOf));
  return all
    .filter((r) => r.org_id !== SYSTEM_ORG_ID || !replaced.has(String(r.id)))
    .map(view)
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface SaveTemplateInput {
  id?: string;
  name: string;
  templateType: string;
  content: string;
  /** A system default this new template replaces for the firm. */
  overrides?: string;
}

export function saveTemplate(core: Core, input: SaveTemplateInput): TemplateView {
  if (!['owner', 'admin'].includes(core.actor.role)) throw new UserError('forbidden', 'only an owner or admin may change letter templates');
  const problems = templateProblems(input.content);
  if (problems.length) throw new UserError('invalid_input', problems.join('; '));
  if (!input.name.trim()) throw new UserError('invalid_input', 'give the template a name');
  if (!(TEMPLATE_TYPES as readonly string[]).includes(input.templateType))
    throw new UserError('invalid_input', `a template is one of ${TEMPLATE_TYPES.join(', ')}`);
  const fields = { name: input.name.trim(), template_type: input.templateType, content: input.content, variables: mergeFieldsOf(input.content) };
  return core.tx(() => {
    if (input.id) {
      const old = mustRead(core, 'templates', input.id, 'template');
      if (old.org_id === SYSTEM_ORG_ID) throw new UserError('forbidden', 'a system template is not edited: save your own version of it (--overrides)');
      return view(
        write(core, { table: 'templates', op: 'update', id: input.id, fields: { ...fields, template_version: Number(old.template_version ?? 1) + 1 } }),
      );
    }
    if (input.overrides) {
      const base = read(core, 'templates', input.overrides);
      if (!base || base.org_id !== SYSTEM_ORG_ID)
        throw new UserError('invalid_input', 'only a system template can be replaced; edit your own template instead');
      if (listTemplates(core).some((t) => t.overrides === input.overrides))
        throw new UserError('conflict', 'your firm already has its own version of that template: edit it');
    }
    const row = write(core, {
      table: 'templates',
      op: 'insert',
      fields: { ...fields, template_version: 1, is_active: true, created_by: core.actor.userId, config: input.overrides ? { overrides: input.overrides } : {} },
    });
    return view(row);
  });
}

const text = (v: unknown): string | undefined => {
  if (v === null || v === undefined || v === '') return undefined;
  if (Array.isArray(v))
    return (
      v
        .map((x) => text(x) ?? '')
        .filter(Boolean)
        .join(', ') || undefined
    );
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (typeof v === 'object') return undefined; // a repeatable group's rows have no one-line form
  return String(v);
};

/** The merge fields' values for one case. */
function valuesFor(core: Core, caseId: string, fields: string[]): Record<string, string | undefined> {
  const c = mustRead(core, 'cases', caseId, 'case');
  const person = (id: unknown) => (typeof id === 'string' ? read(core, 'persons', id) : undefined);
  const user = (id: unknown) => (typeof id === 'string' ? read(core, 'users', id) : undefined);
  const fullName = (r: Row | undefined) => (r ? text([r.first_name, r.last_name].filter(Boolean).join(' ')) : undefined);
  const clientData = (c.client_data ?? {}) as { name?: string };
  const custom = (c.custom_fields ?? {}) as Record<string, unknown>;
  const openItems = () => {
    const lines: string[] = [];
    for (const list of rows(core, 'checklist_instances', 'case_id = ?', [caseId])) {
      const done = (list.completion_status ?? {}) as Record<string, { done?: boolean }>;
      for (const item of (list.items ?? []) as Array<{ key: string; label: string }>) if (!done[item.key]?.done) lines.push(`- ${item.label}`);
    }
    return lines.join('\n') || undefined;
  };
  const builtIn: Record<string, () => string | undefined> = {
    client_name: () => text(clientData.name) ?? fullName(person(c.primary_applicant_id)),
    case_number: () => text(c.case_number),
    case_type: () => text(rows(core, 'config_case_types', 'code = ?', [c.case_type])[0]?.label) ?? text(c.case_type),
    status: () => text(c.status)?.replace(/_/g, ' '),
    firm_name: () => text(read(core, 'organizations', core.actor.orgId)?.name),
    consultant_name: () => fullName(user(c.assigned_consultant_id)),
    today: () => new Date().toISOString().slice(0, 10),
    document_list: openItems,
  };
  return Object.fromEntries(fields.map((f) => [f, customKeyOf(f) ? text(custom[customKeyOf(f)!]) : builtIn[f]?.()]));
}

/** The template filled in for a case (the editor's preview, and what a letter will say). */
export function previewTemplate(core: Core, input: { templateId?: string; content?: string; caseId: string }): { text: string; blank: string[] } {
  const content = input.content ?? String(mustTemplate(core, input.templateId).content);
  const problems = templateProblems(content);
  if (problems.length) throw new UserError('invalid_input', problems.join('; '));
  return fillTemplate(content, valuesFor(core, input.caseId, mergeFieldsOf(content)));
}

function mustTemplate(core: Core, id: string | undefined): Row {
  if (!id) throw new UserError('invalid_input', 'name a template');
  const t = read(core, 'templates', id);
  if (!t || (t.org_id !== core.actor.orgId && t.org_id !== SYSTEM_ORG_ID)) throw new UserError('not_found', `no template with id ${id}`);
  return t;
}

/** The letter as PDF bytes (for `casework template render --out`). */
export async function letterFor(core: Core, templateId: string, caseId: string): Promise<{ pdf: Buffer; blank: string[]; filename: string }> {
  const t = mustTemplate(core, templateId);
  const c = mustRead(core, 'cases', caseId, 'case');
  const { text: body, blank } = previewTemplate(core, { templateId, caseId });
  const filename = `${String(t.name)} ${String(c.case_number)}.pdf`.replace(/[\\/:*?"<>|]+/g, '-');
  return { pdf: await letterPdf(`${String(t.name)} ${String(c.case_number)}`, body), blank, filename };
}

/** The letter filed on the case as a document (encrypted like any other), ready to open or send. */
export async function fileLetter(core: Core, templateId: string, caseId: string): Promise<{ documentId: string; filename: string; blank: string[] }> {
  const { pdf, blank, filename } = await letterFor(core, templateId, caseId);
  const doc = await addDocument(core, { caseId, filename, bytes: pdf, type: 'letter' });
  return { documentId: String(doc.id), filename, blank };
}
