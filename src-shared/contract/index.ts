/**
 * The one contract between the window and the core: every method the renderer may call, with the zod
 * schema of its input and (views.ts, `Outputs`) the type of its result. Electron's preload and the
 * browser shell's bridge both serve exactly this object, and the core validates every call against it
 * before anything runs (bad input -> a clear error, no change). Results are plain JSON; the core's
 * handler table must return each method's Output and the window's `call` gives it back typed.
 */
import { z } from 'zod';
import { PASSPHRASE_RULE, passphraseProblem } from '../passphrase';
import { clientName } from '../cases/client-name';
import { PRIORITIES, ROLES, TASK_STATUSES } from '../schema/tables';
import type { Outputs } from './views';
import { CATEGORIES, type Category } from '../debt-advice/sfs';
import { FREQUENCIES } from '../debt-advice/frequency';
import { CONFIG_METHODS } from '../config/contract';
import { CRM_METHODS } from '../crm/contract';
import { CATEGORIES as EVENT_CATEGORIES, EVENT_STATUSES, SEVERITIES } from '../policy/security-events';

const id = z.string().uuid('must be an id');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD');
const none = z.object({}).strict();

export const methods = {
  'vault.status': none,
  /**
   * keyStore 'keychain' keeps the key in this computer's keychain (Electron's safeStorage in the desktop
   * app, the Secret Service / Keychain / Credential Manager otherwise) and the passphrase as recovery.
   */
  'vault.create': z
    .object({
      passphrase: z.string().refine((p) => !passphraseProblem(p), PASSPHRASE_RULE),
      keyStore: z.enum(['passphrase', 'keychain']).optional(),
      orgName: z.string().trim().min(1).max(255).optional(),
      email: z.string().email().optional(),
    })
    .strict(),
  /** Without a passphrase: unlock from this computer's keychain, if the vault keeps its key there. */
  'vault.unlock': z.object({ passphrase: z.string().min(1, 'enter your passphrase').optional() }).strict(),
  'vault.lock': none,

  'today.summary': none,
  'caseTypes.list': none,
  'cases.list': z
    .object({
      status: z.string().max(50).optional(),
      type: z.string().max(100).optional(),
      priority: z.string().max(20).optional(),
      /** "me" (the signed-in user) or a user's id. */
      consultant: z.union([z.literal('me'), id]).optional(),
      search: z.string().max(200).optional(),
      sort: z.enum(['updated_at', 'created_at', 'case_number', 'priority', 'status', 'client']).optional(),
      direction: z.enum(['asc', 'desc']).optional(),
      limit: z.number().int().min(1).max(500).default(50),
      offset: z.number().int().min(0).default(0),
    })
    .strict(),
  'cases.get': z.object({ id }).strict(),
  'cases.create': z
    .object({
      caseType: z.string().min(1, 'choose the type of case').max(100),
      // The one rule for a client's name (the CLI and the core use it too): not empty, at most 200.
      client: clientName,
      priority: z.enum(PRIORITIES).optional(),
    })
    .strict(),
  'cases.setStatus': z.object({ id, status: z.string().min(1).max(50), note: z.string().max(2000).optional() }).strict(),
  /** An Express Entry invitation to apply arrived: a milestone, and a task due 60 days later. */
  'cases.recordIta': z.object({ id, date }).strict(),
  'cases.update': z.object({ id, fields: z.record(z.string().max(64), z.unknown()) }).strict(),
  'persons.add': z.object({ caseId: id, person: z.record(z.string(), z.unknown()) }).strict(),
  'persons.update': z.object({ id, fields: z.record(z.string().max(64), z.unknown()) }).strict(),
  'communications.log': z.object({ caseId: id, communication: z.record(z.string().max(64), z.unknown()) }).strict(),
  'appointments.schedule': z.object({ caseId: id, appointment: z.record(z.string().max(64), z.unknown()) }).strict(),
  'invoices.create': z
    .object({
      caseId: id,
      lineItems: z
        .array(
          z
            .object({
              description: z.string().trim().min(1).max(500),
              quantity: z.number().positive(),
              unitPrice: z.union([z.string().max(20), z.number().min(0)]),
            })
            .strict(),
        )
        .min(1)
        .max(100),
      taxRate: z.number().min(0).max(1).optional(),
      dueInDays: z.number().int().min(0).max(365).optional(),
      billToName: z.string().max(200).optional(),
    })
    .strict(),
  'payments.record': z
    .object({
      caseId: id,
      invoiceId: id.optional(),
      amount: z.union([z.string().max(20), z.number().positive()]),
      paymentType: z.string().max(50).optional(),
      date: date.optional(),
    })
    .strict(),
  'tasks.add': z.object({ caseId: id, title: z.string().trim().min(1).max(255), due: date.optional() }).strict(),
  'tasks.setStatus': z.object({ id, status: z.enum(TASK_STATUSES) }).strict(),
  'checklists.setItem': z.object({ checklistId: id, itemKey: z.string().min(1).max(100), done: z.boolean() }).strict(),

  'docs.add': z
    .object({ caseId: id, filename: z.string().min(1).max(255), base64: z.string().min(1).max(140_000_000), type: z.string().max(60).optional() })
    .strict(),
  'docs.list': z.object({ caseId: id }).strict(),
  'docs.get': z.object({ id }).strict(),
  'docs.process': none,
  'docs.reprocess': z
    .object({
      id,
      languages: z
        .string()
        .regex(/^[a-z]{3}(\+[a-z]{3})*$/, 'languages like eng or eng+fra')
        .default('eng'),
    })
    .strict(),
  'docs.open': z.object({ id, version: z.number().int().min(1).optional() }).strict(),
  'docs.expiring': z.object({ withinDays: z.number().int().min(0).max(3650) }).strict(),
  'docs.approveExtraction': z.object({ actionId: id }).strict(),

  'search.query': z.object({ q: z.string().max(500), limit: z.number().int().min(1).max(200).optional(), caseId: id.optional() }).strict(),

  'crs.calculate': z.object({ profile: z.unknown(), date: date.optional() }).strict(),
  'crs.whatIf': z.object({ profile: z.unknown(), date: date.optional() }).strict(),
  'crs.save': z.object({ caseId: id, personId: id.optional(), profile: z.unknown(), date: date.optional() }).strict(),
  /** A case's saved CRS calculations, newest first: score, the day computed for and the rule set. */
  'crs.saved': z.object({ caseId: id }).strict(),
  'fsw.calculate': z.object({ profile: z.unknown(), date: date.optional() }).strict(),
  'rules.list': none,
  'rules.proposals': none,
  'rules.diff': z.object({ id }).strict(),
  'rules.approve': z.object({ id, notes: z.string().max(2000).optional() }).strict(),
  'law.list': none,
  /** Import a statute, regulation or guidance page (HTML, text or PDF) as searchable sections. */
  'law.import': z
    .object({
      filename: z.string().min(1).max(255),
      base64: z.string().min(1).max(28_000_000),
      url: z
        .string()
        .url('must be the address the text was published at')
        .max(1000)
        .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) address'),
      jurisdiction: z.string().trim().min(1, 'say whose law it is (federal, or a province code)').max(20),
    })
    .strict(),
  'rules.reject': z.object({ id, notes: z.string().trim().min(1, 'say why').max(2000) }).strict(),

  'sync.status': none,
  'sync.run': none,
  'sync.login': z
    .object({
      server: z.string().url('must be the server address, e.g. https://sync.example.ca').max(500),
      email: z.string().email(),
      password: z.string().min(1).max(500),
      deviceName: z.string().max(100).optional(),
      /** Accept this open invitation (from sync.invitations) and join that firm. */
      invitationId: id.optional(),
    })
    .strict(),
  /** Single sign-on (issue 15): the firm's identity provider in the system browser, then as sync.login. */
  'sync.ssoLogin': z
    .object({
      server: z.string().url('must be the server address, e.g. https://sync.example.ca').max(500),
      email: z.string().email(),
      deviceName: z.string().max(100).optional(),
    })
    .strict(),
  /** The open invitations of the account these credentials sign in to (nothing in the vault changes). */
  'sync.invitations': z
    .object({
      server: z.string().url('must be the server address, e.g. https://sync.example.ca').max(500),
      email: z.string().email(),
      password: z.string().min(1).max(500),
    })
    .strict(),
  /** Pause (work offline) or resume background sync. */
  'sync.setAuto': z.object({ on: z.boolean() }).strict(),
  /** Drop a change the server rejected (its id from sync.conflicts, "m<number>"): nothing is sent, the audit records it. */
  'sync.discard': z.object({ id: z.string().regex(/^m\d{1,15}$/, 'must be the id of a rejected change') }).strict(),
  'sync.conflicts': z.object({ all: z.boolean().optional() }).strict(),
  'sync.resolve': z.union([z.object({ id, keep: z.enum(['mine', 'theirs']) }).strict(), z.object({ id, value: z.unknown() }).strict()]),

  'settings.get': none,
  'settings.set': z
    .object({
      ocrLanguages: z
        .string()
        .regex(/^[a-z]{3}(\+[a-z]{3})*$/, 'languages like eng or eng+fra')
        .optional(),
      activeModel: z.string().min(1).max(64).optional(),
    })
    .strict()
    .refine((x) => x.ocrLanguages !== undefined || x.activeModel !== undefined, 'say which setting to change'),
  'backup.create': z
    .object({
      file: z
        .string()
        .trim()
        .min(1, 'say where to write the backup')
        .max(1000)
        .refine((f) => /^([A-Za-z]:)?[\\/]/.test(f), 'give the full path of the backup file'),
      passphrase: z.string().refine((p) => !passphraseProblem(p), PASSPHRASE_RULE),
    })
    .strict(),
  'models.install': z.object({ folder: z.string().trim().min(1, 'give the model folder').max(1000), name: z.string().max(64).optional() }).strict(),

  'admin.users': none,
  'admin.addUser': z
    .object({
      email: z.string().trim().email('must be an email address').max(255),
      firstName: z.string().trim().min(1, 'say their first name').max(100),
      lastName: z.string().trim().min(1, 'say their last name').max(100),
      role: z.enum(ROLES),
      /** A first password they change after signing in. */
      password: z.string().min(8, 'use at least 8 characters').max(1024),
    })
    .strict(),
  'admin.setMembership': z
    .object({ userId: id, role: z.enum(ROLES).optional(), status: z.enum(['active', 'suspended']).optional() })
    .strict()
    .refine((x) => x.role !== undefined || x.status !== undefined, 'say the new role or status'),
  /** staleDays: warn about devices that have not synced for this many days (default 7). */
  'admin.devices': z.object({ staleDays: z.number().int().min(1).max(365).optional() }).strict(),
  'admin.revokeDevice': z.object({ id }).strict(),
  'admin.renameDevice': z.object({ id, name: z.string().trim().min(1, 'give the device a name').max(200) }).strict(),
  /** The firm server's security events, filtered (issue 14); owner/admin by the server's policy. */
  'admin.securityEvents': z
    .object({
      status: z.enum(EVENT_STATUSES).optional(),
      severity: z.enum(SEVERITIES).optional(),
      category: z.enum(EVENT_CATEGORIES).optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    })
    .strict(),
  'admin.setSecurityEventStatus': z.object({ id: z.number().int().positive(), status: z.enum(EVENT_STATUSES) }).strict(),
  'admin.encryptedData': none,
  /** Why a member may (not) see a case and its restricted fields, and their effective permissions (issue 14). */
  'policy.explain': z.object({ userId: id, caseId: id.optional() }).strict(),
  /** A masked value shown whole once, with the reason the server audits (issue 14). */
  'policy.reveal': z
    .object({
      table: z.string().max(100),
      id,
      field: z.string().max(100),
      reason: z.string().trim().min(5, 'say why in at least 5 characters').max(500),
    })
    .strict(),
  /** A date range of the firm's server audit log with its chain proof, written to `file` (issue 15). */
  'admin.exportAudit': z
    .object({
      from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'choose the first day'),
      to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'choose the last day'),
      format: z.enum(['csv', 'jsonl']),
      file: z
        .string()
        .trim()
        .min(1, 'say where to write the export')
        .max(1000)
        .refine((f) => /^([A-Za-z]:)?[\\/]/.test(f), 'give the full path of the export file'),
    })
    .strict()
    .refine((x) => x.from <= x.to, { message: 'the first day must not be after the last', path: ['to'] }),
  /** The vault's licence (issue 15): state, licensee, seats, dates and modules. */
  'license.status': none,
  'license.import': z
    .object({
      file: z
        .string()
        .trim()
        .min(1, 'choose the licence file')
        .max(1000)
        .refine((f) => /^([A-Za-z]:)?[\\/]/.test(f), 'give the full path of the licence file'),
    })
    .strict(),
  'audit.search': z.object({ q: z.string().max(200).optional(), limit: z.number().int().min(1).max(1000).optional() }).strict(),
  'audit.verify': none,
  /** May the user do this (on this row, to this field)? The same engine and rules as the server (issue 14). */
  'policy.can': z
    .object({
      action: z.enum(['read', 'create', 'update', 'delete', 'approve', 'reveal', 'delegate']),
      table: z.string().regex(/^[a-z_]{1,64}$/),
      rowId: id.optional(),
      field: z
        .string()
        .regex(/^[a-z_][a-z0-9_]*(\.[a-z0-9_]+)?$/)
        .max(200)
        .optional(),
    })
    .strict(),

  /** The debt-advice pack: a case's SFS budget sheets (src-main/debt-advice). Amounts as text, e.g. "320.00". */
  'debt.budgets': z.object({ caseId: id }).strict(),
  'debt.budget.show': z.object({ id }).strict(),
  'debt.budget.create': z.object({ caseId: id, date: date.optional() }).strict(),
  'debt.budget.addLine': z
    .object({
      budgetId: id,
      category: z.enum(CATEGORIES as [Category, ...Category[]]),
      label: z.string().trim().min(1, 'say what the line is').max(255),
      amount: z
        .string()
        .trim()
        .regex(/^\d{1,9}(\.\d{1,2})?$/, 'an amount such as 320.00'),
      frequency: z.enum(FREQUENCIES),
      note: z.string().max(2000).optional(),
    })
    .strict(),
  'debt.budget.finalise': z.object({ id }).strict(),

  /** Configuration as data and domain packs (src-shared/config, issue 16). */
  ...CONFIG_METHODS,
  /** The CRM pack (src-shared/crm, issue 20). */
  ...CRM_METHODS,
} as const;

export type Method = keyof typeof methods;
export type Input<M extends Method> = z.input<(typeof methods)[M]>;
export type ParsedInput<M extends Method> = z.output<(typeof methods)[M]>;

/** Outputs names every method of the contract and nothing else (a method without an answer type fails here). */
type EveryMethod<T extends Record<Method, unknown> & Record<Exclude<keyof T, Method>, never>> = T;
export type ContractOutputs = EveryMethod<Outputs>;
/** What a method answers when it succeeds (views.ts). */
export type Output<M extends Method> = ContractOutputs[M];

/** What every call answers: a value, or an error meant for the person at the keyboard. */
export type CallResult<T = unknown> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

export type EventName = 'change' | 'progress' | 'locked';

/**
 * `window.casework`: the renderer's only door to the core. `invoke` answers a CallResult rather than
 * throwing, because errors lose their fields when they cross Electron's contextBridge.
 */
export interface CaseworkApi {
  invoke<M extends Method>(method: M, input: Input<M>): Promise<CallResult>;
  on(event: EventName, listener: (payload: unknown) => void): () => void;
}

/** Validate a call's input; the message names the fields. */
export function parseInput<M extends Method>(method: string, input: unknown): { ok: true; method: M; value: ParsedInput<M> } | { ok: false; message: string } {
  if (!Object.prototype.hasOwnProperty.call(methods, method)) return { ok: false, message: `unknown method ${String(method).slice(0, 60)}` };
  const r = methods[method as M].safeParse(input ?? {});
  if (r.success) return { ok: true, method: method as M, value: r.data as ParsedInput<M> };
  return { ok: false, message: r.error.issues.map((i) => `${i.path.map(String).join('.') || 'input'}: ${i.message}`).join('; ') };
}
