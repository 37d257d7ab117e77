/**
 * The contract's methods, implemented by the core's services. Inputs arrive already validated by the
 * contract's schemas (dispatch.ts); each handler is a thin mapping, the services do the work. Each must
 * answer its method's Output (src-shared/contract/views.ts): a handler returning another shape fails
 * the typecheck.
 */
import type { Method, Output, ParsedInput } from '../../src-shared/contract';
import type { Core } from '../core/core';
import { createCase, listCases, listCaseTypes, setCaseStatus, showCase, updateCase } from '../cases/cases';
import { addPerson, updatePerson } from '../cases/persons';
import { logCommunication, scheduleAppointment } from '../cases/communications';
import { createInvoice, recordPayment } from '../cases/money';
import { addTask, setTaskStatus, tasksDue } from '../cases/tasks';
import { withCaseContext } from '../cases/context';
import { setChecklistItem } from '../cases/checklists';
import { addDocument, approveExtraction, expiringDocuments, getDocument, listDocuments, readDocumentBytes, reprocess } from '../documents';
import { search } from '../search';
import { createBackup, getSettings, installModelFrom, setSettings } from './settings';
import { recordLabel } from '../sync/record-label';
import { ssoLogin } from '../sync/sso-login';
import { runQueue } from './doc-runner';
import { itaWindows, recordIta } from '../immigration/ita';
import { liveStatus, setAutoSync, startLiveSync } from './live-sync';
import type {
  AiActionRecord,
  AppointmentRecord,
  ApprovedRuleRecord,
  CaseFile,
  CaseRecord,
  ChecklistRecord,
  CommunicationRecord,
  ConflictView,
  CrsCalculationRecord,
  DocumentAdded,
  DocumentDetail,
  DocumentRecord,
  DueTask,
  InvoiceRecord,
  PaymentRecord,
  PersonRecord,
  RuleProposalRecord,
  SyncedRow,
  TaskRecord,
} from '../../src-shared/contract/views';
import {
  importLawBytes,
  listLawSources,
  approve,
  calculateCrs,
  calculateFsw,
  crsWhatIf,
  loadRules,
  profileOrThrow,
  proposalDiff,
  reject,
  ruleLines,
  saveCrs,
} from '../rules';
import { rows, type Row } from '../core/writer';
import { recordDocumentRead } from '../core/restricted-read';
import { discardRejected, listConflicts, login, myInvitations, resolveConflict, syncOnce } from '../sync';
import { listSecurityEvents, revealField, setSecurityEventStatus } from '../admin/security';
import { explainUser } from '../admin/explain';
import { addUser, exportAudit, listDevices, listUsers, renameDevice, revokeDevice, searchAudit, setMembership, verifyAudit } from '../admin/admin';
import { importLicense, licenseStatus } from './license';
import { assertCaseTypeLicensed, caseTypeLicensed, licensedModules } from './license-modules';
import { readFileSync } from 'node:fs';
import { UserError } from '../../src-shared/errors';
import { canDo } from '../core/policy';
import { addLine, budgetsOf, createBudget, finaliseBudget, showBudget } from '../debt-advice';
import type { DebtBudgetRecord } from '../../src-shared/debt-advice';
import { assertCaseTypeEnabled, caseTypeEnabled, configHandlers } from '../config';
import { encryptedDataView, syncErasures } from '../privacy';
import { crmHandlers } from '../crm';

/** vault.* run before there is a core (dispatch.ts hands them to the session). */
export type CoreMethod = Exclude<Method, `vault.${string}`>;
export type Handler<M extends Method> = (core: Core, input: ParsedInput<M>) => Output<M> | Promise<Output<M>>;
type Handlers = { [M in CoreMethod]: Handler<M> };

/**
 * A row read or written through the writer is a row of its table (columns as in the spec, tables.ts),
 * which the writer types only as Row; its view names the columns the window relies on. The one place a
 * stored row is taken as its view: anything that is not a plain row (a typed result) cannot pass here.
 */
const stored = <V extends { id: string }>(row: Row) => row as unknown as V;
const storedAll = <V extends SyncedRow>(list: Row[]) => list as unknown as V[];

const day = (offsetDays = 0) => new Date(Date.now() + offsetDays * 864e5).toISOString().slice(0, 10);

export const handlers: Handlers = {
  'today.summary': (core) => ({
    // Lines gathered from many cases name their client and case (cases/context.ts).
    tasksDue: withCaseContext(core, storedAll<DueTask>(tasksDue(core, `${day(7)}T23:59:59.999Z`, 20)), (x) => x.case_id),
    expiring: withCaseContext(core, expiringDocuments(core, { withinDays: 60 }).slice(0, 20), (x) => x.caseId),
    recentCases: listCases(core, { sort: 'updated_at', limit: 8 }).items,
    itaWindows: itaWindows(core),
    queue: listCases(core, { limit: 1 }).total,
  }),
  // The column is `label` (config_case_types); `name` was never there, so every option was blank.
  // A disabled pack's case types are not offered for new cases (src-main/config/packs.ts).
  'caseTypes.list': (core) => {
    const modules = licensedModules(core); // an unlicensed module's case types are hidden (issue 15)
    return listCaseTypes(core)
      .filter((t) => caseTypeEnabled(core, String(t.code)) && caseTypeLicensed(core, String(t.code), modules))
      .map((t) => ({ code: String(t.code), name: String(t.label ?? t.code) }));
  },
  'cases.list': (core, { consultant, ...q }) => {
    const r = listCases(core, { ...q, ...(consultant && { consultantId: consultant === 'me' ? core.actor.userId : consultant }) });
    return { rows: r.items, total: r.total };
  },
  'cases.get': (core, { id }) => stored<CaseFile>({ ...showCase(core, id), documents: listDocuments(core, id) }),
  'cases.create': (core, i) => {
    assertCaseTypeEnabled(core, i.caseType);
    assertCaseTypeLicensed(core, i.caseType);
    return stored<CaseRecord>(createCase(core, { caseType: i.caseType, client: i.client, priority: i.priority }));
  },
  'cases.setStatus': (core, i) => stored<CaseRecord>(setCaseStatus(core, i.id, i.status, i.note)),
  'cases.recordIta': (core, i) => recordIta(core, i.id, i.date),
  'cases.update': (core, i) => stored<CaseRecord>(updateCase(core, i.id, i.fields)),
  'persons.add': (core, i) => stored<PersonRecord>(addPerson(core, i.caseId, i.person)),
  'persons.update': (core, i) => stored<PersonRecord>(updatePerson(core, i.id, i.fields)),
  'communications.log': (core, i) => stored<CommunicationRecord>(logCommunication(core, i.caseId, i.communication)),
  'appointments.schedule': (core, i) => stored<AppointmentRecord>(scheduleAppointment(core, i.caseId, i.appointment)),
  'invoices.create': (core, i) => stored<InvoiceRecord>(createInvoice(core, i)),
  'payments.record': (core, i) => stored<PaymentRecord>(recordPayment(core, i)),
  'tasks.add': (core, i) => stored<TaskRecord>(addTask(core, { caseId: i.caseId, title: i.title, due: i.due })),
  'tasks.setStatus': (core, i) => stored<TaskRecord>(setTaskStatus(core, i.id, i.status)),
  'checklists.setItem': (core, i) => stored<ChecklistRecord>(setChecklistItem(core, i.checklistId, i.itemKey, i.done)),
  'docs.add': async (core, i) => {
    const doc = await addDocument(core, { caseId: i.caseId, filename: i.filename, bytes: Buffer.from(i.base64, 'base64'), type: i.type });
    // Read it in the background; progress events tell the window how far it is.
    void runQueue(core).catch(() => undefined);
    return stored<DocumentAdded>(doc);
  },
  'docs.list': (core, i) => storedAll(listDocuments(core, i.caseId)),
  'docs.get': (core, i) => stored<DocumentDetail>(getDocument(core, i.id)),
  'docs.process': (core) => runQueue(core),
  'docs.reprocess': (core, i) => {
    const doc = reprocess(core, i.id, i.languages);
    void runQueue(core).catch(() => undefined);
    return stored<DocumentRecord>(doc);
  },
  'docs.open': (core, i) => {
    const { filename, mime, bytes } = readDocumentBytes(core, i.id, i.version);
    recordDocumentRead(core, i.id, 'window');
    return { filename, mime, base64: bytes.toString('base64') };
  },
  'docs.expiring': (core, i) => expiringDocuments(core, { withinDays: i.withinDays }),
  'docs.approveExtraction': (core, i) => stored<AiActionRecord>(approveExtraction(core, i.actionId)),
  'search.query': async (core, i) => {
    const r = await search(core, i.q, { limit: i.limit, caseId: i.caseId });
    return { ...r, hits: withCaseContext(core, r.hits, (h) => h.caseId) };
  },
  'crs.calculate': (core, i) => {
    const { versionsUsed: _v, ...r } = calculateCrs(profileOrThrow(i.profile), { rules: loadRules(core), date: i.date });
    return r;
  },
  'crs.whatIf': (core, i) => crsWhatIf(profileOrThrow(i.profile), { rules: loadRules(core), date: i.date }),
  'crs.save': (core, i) =>
    stored<CrsCalculationRecord>(saveCrs(core, { caseId: i.caseId, personId: i.personId, profile: profileOrThrow(i.profile), date: i.date })),
  'crs.saved': (core, i) =>
    rows(core, 'crs_calculations', 'case_id = ?', [i.caseId], { orderBy: 'created_at DESC', limit: 50 }).map((r) => ({
      id: String(r.id),
      personId: (r.person_id as string | null) ?? null,
      total: Number(r.total_score),
      date: String(r.calculation_date ?? '').slice(0, 10),
      rulesVersion: String(r.rules_version ?? ''),
      savedAt: String(r.created_at),
    })),
  'fsw.calculate': (core, i) => {
    const { versionsUsed: _v, ...r } = calculateFsw(profileOrThrow(i.profile), { rules: loadRules(core), date: i.date });
    return r;
  },
  'rules.proposals': (core) => storedAll(rows(core, 'rule_proposals', 'org_id = ?', [core.actor.orgId], { orderBy: 'created_at DESC' })),
  'rules.diff': (core, i) => {
    const d = proposalDiff(core, i.id);
    return { proposal: stored<RuleProposalRecord>(d.proposal), approved: d.approved ? stored<ApprovedRuleRecord>(d.approved) : null, changes: d.changes };
  },
  'rules.approve': (core, i) => stored<ApprovedRuleRecord>(approve(core, i.id, i.notes)),
  'rules.reject': (core, i) => stored<RuleProposalRecord>(reject(core, i.id, i.notes)),
  'law.list': (core) => listLawSources(core),
  'law.import': async (core, i) => {
    const r = await importLawBytes(core, Buffer.from(i.base64, 'base64'), i.filename, { url: i.url, jurisdiction: i.jurisdiction });
    const source = stored<{ id: string; title: string | null }>(r.source);
    return {
      sourceId: source.id,
      title: source.title ?? null,
      sections: r.chunks,
      unchanged: r.unchanged,
      changedSections: r.changedChunks,
      citingRules: r.citingRules,
    };
  },
  'sync.status': (core) => liveStatus(core),
  'sync.setAuto': (core, i) => setAutoSync(core, i.on),
  'sync.run': async (core) => {
    const r = await syncOnce(core);
    await syncErasures(core); // this laptop's erasures to the server, the firm's erasure log here (issue 19)
    return r;
  },
  'sync.login': async (core, i) => {
    const r = await login(core, i);
    startLiveSync(core);
    return r;
  },
  'sync.ssoLogin': async (core, i) => {
    const r = await ssoLogin(core, i);
    startLiveSync(core);
    return r;
  },
  'sync.invitations': (core, i) => myInvitations(core, i),
  'sync.conflicts': (core, i) => listConflicts(core, i).map((c: ConflictView) => ({ ...c, label: recordLabel(core, c.table, c.rowId) })),
  'sync.discard': (core, i) => discardRejected(core, i.id),
  'sync.resolve': (core, i) => resolveConflict(core, i.id, 'keep' in i ? { keep: i.keep } : { value: i.value }),
  'settings.get': (core) => getSettings(core),
  'settings.set': (core, i) => setSettings(core, i),
  'models.install': (core, i) => installModelFrom(core, i),
  'backup.create': (core, i) => createBackup(core, i),
  'admin.users': (core) => listUsers(core),
  'admin.addUser': (core, i) => addUser(core, i),
  'admin.setMembership': (core, i) => setMembership(core, i),
  'admin.devices': (core, i) => listDevices(core, i),
  'admin.revokeDevice': (core, i) => revokeDevice(core, i.id),
  'admin.renameDevice': (core, i) => renameDevice(core, i.id, i.name),
  'admin.exportAudit': (core, i) => exportAudit(core, i),
  'admin.securityEvents': (core, i) => listSecurityEvents(core, i),
  'admin.encryptedData': (core) => encryptedDataView(core),
  'admin.setSecurityEventStatus': (core, i) => setSecurityEventStatus(core, i.id, i.status),
  'policy.reveal': (core, i) => revealField(core, i),
  'policy.explain': (core, i) => explainUser(core, i),
  'license.status': (core) => licenseStatus(core),
  'license.import': (core, i) => {
    let text: string;
    try {
      text = readFileSync(i.file, 'utf8');
    } catch {
      throw new UserError('not_found', `cannot read the licence file ${i.file}`);
    }
    return importLicense(core, text);
  },
  'audit.search': (core, i) => searchAudit(core, i),
  'audit.verify': (core) => verifyAudit(core),
  'policy.can': (core, i) => canDo(core, i.action, i.table, i.rowId, i.field),
  'debt.budgets': (core, i) => budgetsOf(core, i.caseId),
  'debt.budget.show': (core, i) => showBudget(core, i.id),
  'debt.budget.create': (core, i) => createBudget(core, i.caseId, i.date) as unknown as DebtBudgetRecord,
  'debt.budget.addLine': (core, { budgetId, ...line }) => addLine(core, budgetId, line),
  'debt.budget.finalise': (core, i) => finaliseBudget(core, i.id),
  'rules.list': (core) => ruleLines(core),
  ...configHandlers,
  ...crmHandlers,
};
