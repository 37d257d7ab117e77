/**
 * The typed configuration of a case type: its custom fields and the forms that show them (issue 16,
 * part 1). One zod schema, read by the core before a version is proposed or approved, and by the window's
 * form renderer and editor, so what the editor lets through is exactly what the core accepts.
 *
 * A definition is plain JSON (it travels in config_change_proposals.proposed_changes and
 * config_versions.definition). Field keys name the case's custom_fields entries; a key once used keeps its
 * meaning, because removing a field only stops showing it: its values stay on every case (values.ts).
 */
import { z } from 'zod';
import { CASE_STATUSES } from '../schema/case-statuses';

export const FIELD_TYPES = ['text', 'number', 'money', 'date', 'select', 'multi_select', 'person', 'boolean'] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Currencies a money field may be kept in (the packs' own: Canada, the UK, the euro zone, the US). */
export const CURRENCIES = ['CAD', 'GBP', 'EUR', 'USD'] as const;

export const KEY_RULE = 'lower-case letters, digits and _, starting with a letter (at most 64)';
export const configKey = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, KEY_RULE);

/** Words a person reads, in both languages the window speaks. */
export const bilingual = z
  .object({
    en: z.string().trim().min(1, 'give the English words').max(255),
    fr: z.string().trim().min(1, 'give the French words').max(255),
  })
  .strict();
export type Bilingual = z.infer<typeof bilingual>;

const helpText = z.object({ en: z.string().max(1000).optional(), fr: z.string().max(1000).optional() }).strict();

const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD');

export const optionSchema = z.object({ value: configKey, label: bilingual }).strict();

/** A pattern must compile here, in every process, or it is refused before anyone relies on it. */
const pattern = z
  .string()
  .min(1)
  .max(200)
  .refine((p) => {
    try {
      new RegExp(p, 'u');
      return true;
    } catch {
      return false;
    }
  }, 'the pattern is not a valid regular expression');

export const fieldSchema = z
  .object({
    key: configKey,
    type: z.enum(FIELD_TYPES),
    label: bilingual,
    help: helpText.optional(),
    required: z.boolean().optional(),
    /** number and money: the smallest and largest value; text: the shortest and longest length. */
    min: z.number().finite().optional(),
    max: z.number().finite().optional(),
    /** date: the earliest and latest day. */
    minDate: isoDay.optional(),
    maxDate: isoDay.optional(),
    /** text: a regular expression the whole value must match, and what to say when it does not. */
    pattern: pattern.optional(),
    patternMessage: bilingual.optional(),
    /** select and multi_select: the choices. */
    options: z.array(optionSchema).max(200).optional(),
    /** money: its currency (CAD unless said). */
    currency: z.enum(CURRENCIES).optional(),
  })
  .strict()
  .superRefine((f, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path: [path], message });
    if ((f.type === 'select' || f.type === 'multi_select') && !f.options?.length) issue('options', 'a choice field needs at least one option');
    if (f.options && f.type !== 'select' && f.type !== 'multi_select') issue('options', 'only select and multi_select fields have options');
    if (f.options && new Set(f.options.map((o) => o.value)).size !== f.options.length) issue('options', 'two options have the same value');
    if (f.pattern && f.type !== 'text') issue('pattern', 'only text fields have a pattern');
    if ((f.min !== undefined || f.max !== undefined) && !['text', 'number', 'money'].includes(f.type))
      issue('min', 'only text, number and money fields have a range');
    if ((f.minDate || f.maxDate) && f.type !== 'date') issue('minDate', 'only date fields have a date range');
    if (f.min !== undefined && f.max !== undefined && f.min > f.max) issue('max', 'the largest value is below the smallest');
    if (f.minDate && f.maxDate && f.minDate > f.maxDate) issue('maxDate', 'the latest day is before the earliest');
    if (f.currency && f.type !== 'money') issue('currency', 'only money fields have a currency');
  });
export type FieldDef = z.infer<typeof fieldSchema>;

/**
 * Show a section or an item only when another field's value says so. `equals` with a list means "any
 * of these"; `filled` means the field has a value. A hidden field is not required, and keeps its value.
 */
export const conditionSchema = z
  .object({
    field: configKey,
    equals: z.union([z.string().max(255), z.number(), z.boolean(), z.array(z.union([z.string().max(255), z.number(), z.boolean()])).max(50)]).optional(),
    filled: z.boolean().optional(),
  })
  .strict()
  .refine((c) => (c.equals === undefined) !== (c.filled === undefined), 'a condition says either equals or filled');
export type Condition = z.infer<typeof conditionSchema>;

const fieldItem = z.object({ field: configKey, visibleWhen: conditionSchema.optional() }).strict();
/** A group filled in as many times as needed (one row per child, per property...): its value is a list of rows. */
const groupItem = z
  .object({
    group: configKey,
    label: bilingual,
    fields: z.array(configKey).min(1).max(30),
    minRows: z.number().int().min(0).max(100).optional(),
    maxRows: z.number().int().min(1).max(100).optional(),
    visibleWhen: conditionSchema.optional(),
  })
  .strict();
export const itemSchema = z.union([fieldItem, groupItem]);
export type FormItem = z.infer<typeof itemSchema>;
export type GroupItem = z.infer<typeof groupItem>;
export const isGroup = (item: FormItem): item is GroupItem => 'group' in item;

export const sectionSchema = z
  .object({ key: configKey, title: bilingual, visibleWhen: conditionSchema.optional(), items: z.array(itemSchema).max(100) })
  .strict();
export type SectionDef = z.infer<typeof sectionSchema>;

export const formSchema = z.object({ key: configKey, label: bilingual, sections: z.array(sectionSchema).min(1).max(50) }).strict();
export type FormDef = z.infer<typeof formSchema>;

const caseStatus = z.enum(CASE_STATUSES);
/**
 * A case type's lifecycle: which of the case statuses it uses (with its own words for them, say "Referred"
 * for a debt-advice centre's on_hold), and which moves between them are allowed. Without one, a case type
 * follows the default lifecycle (src-shared/cases/case-status.ts). New cases start in draft.
 */
export const workflowSchema = z
  .object({
    statuses: z
      .array(z.object({ status: caseStatus, label: bilingual.optional() }).strict())
      .min(1)
      .max(CASE_STATUSES.length),
    transitions: z.array(z.object({ from: caseStatus, to: caseStatus }).strict()).max(200),
  })
  .strict();
export type WorkflowDef = z.infer<typeof workflowSchema>;

/**
 * Everything configurable about one case type: its custom fields, the forms that lay them out, and its
 * lifecycle (optional).
 */
export const definitionSchema = z
  .object({ fields: z.array(fieldSchema).max(500), forms: z.array(formSchema).max(50), workflow: workflowSchema.optional() })
  .strict()
  .superRefine((d, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: z.ZodIssueCode.custom, path, message });
    if (d.workflow) {
      const used = d.workflow.statuses.map((s) => s.status);
      const uses = new Set(used);
      if (uses.size !== used.length) issue(['workflow', 'statuses'], 'a status is listed twice');
      if (!uses.has('draft')) issue(['workflow', 'statuses'], 'new cases start in draft: the workflow must use it');
      const seen = new Set<string>();
      d.workflow.transitions.forEach((t, i) => {
        const at = ['workflow', 'transitions', i];
        if (!uses.has(t.from)) issue(at, `the move starts from a status the workflow does not use: ${t.from}`);
        if (!uses.has(t.to)) issue(at, `the move leads to a status the workflow does not use: ${t.to}`);
        if (t.from === t.to) issue(at, `a move must change the status (${t.from})`);
        if (seen.has(`${t.from}>${t.to}`)) issue(at, `the move from ${t.from} to ${t.to} is listed twice`);
        seen.add(`${t.from}>${t.to}`);
      });
    }
    const fields = new Map(d.fields.map((f) => [f.key, f]));
    if (fields.size !== d.fields.length) issue(['fields'], 'two fields have the same key');
    if (new Set(d.forms.map((f) => f.key)).size !== d.forms.length) issue(['forms'], 'two forms have the same key');
    // A field lives either in one repeatable group or outside every group: its value is a row's or the case's.
    const inGroup = new Map<string, string>();
    const topLevel = new Set<string>();
    d.forms.forEach((form, fi) =>
      form.sections.forEach((section, si) => {
        const at = ['forms', fi, 'sections', si];
        section.items.forEach((item, ii) => {
          const path = [...at, 'items', ii];
          if (isGroup(item)) {
            if (fields.has(item.group)) issue(path, `a group cannot share its key with a field: ${item.group}`);
            if (item.minRows !== undefined && item.maxRows !== undefined && item.minRows > item.maxRows) issue(path, 'maxRows is below minRows');
            for (const k of item.fields) {
              if (!fields.has(k)) issue(path, `the group names a field that does not exist: ${k}`);
              else if (topLevel.has(k) || (inGroup.has(k) && inGroup.get(k) !== item.group)) issue(path, `${k} is already used outside this group`);
              else inGroup.set(k, item.group);
            }
          } else {
            if (!fields.has(item.field)) issue(path, `the form names a field that does not exist: ${item.field}`);
            else if (inGroup.has(item.field)) issue(path, `${item.field} is already in a repeatable group`);
            else topLevel.add(item.field);
          }
        });
      }),
    );
    // Conditions once every group is known (a condition may sit before the group it must not read).
    d.forms.forEach((form, fi) =>
      form.sections.forEach((section, si) => {
        const at = ['forms', fi, 'sections', si];
        const check = (c: Condition | undefined, path: (string | number)[]) => {
          if (!c) return;
          if (!fields.has(c.field)) issue(path, `the condition names a field that does not exist: ${c.field}`);
          else if (inGroup.has(c.field)) issue(path, `a condition cannot depend on a field of a repeatable group: ${c.field}`);
        };
        check(section.visibleWhen, [...at, 'visibleWhen']);
        section.items.forEach((item, ii) => check(item.visibleWhen, [...at, 'items', ii, 'visibleWhen']));
      }),
    );
  });
export type ConfigDefinition = z.infer<typeof definitionSchema>;

export const EMPTY_DEFINITION: ConfigDefinition = { fields: [], forms: [] };

/** Parse a definition, or say in one line what is wrong and where. */
export function parseDefinition(input: unknown): { ok: true; value: ConfigDefinition } | { ok: false; message: string } {
  const r = definitionSchema.safeParse(input);
  if (r.success) return { ok: true, value: r.data };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.map(String).join('.') || 'definition'}: ${i.message}`).join('; ') };
}
