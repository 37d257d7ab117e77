/**
 * Result and event shapes that cross the contract: the core produces them, the window shows them. One
 * declaration here, imported by both sides, so a field added in the core cannot silently go missing in
 * the window. `Outputs` (at the end) names what each method of the contract answers; the core's handler
 * table must return it and the window's `call` gives it back typed.
 *
 * Rows are declared with the columns the window relies on (the table's full column list is in
 * src-shared/schema/tables.ts); a row carries the others too. JSON columns arrive parsed, decimals as
 * strings ("1234.50"), timestamps as ISO strings, dates as "YYYY-MM-DD".
 */
import type { DebtBudgetRecord, DebtBudgetView } from '../debt-advice/views';
import type { CrsResult, FswResult } from '../rules/calculators';
import type { Improvement } from '../rules/whatif';
import type { AuditVerifyResponse } from '../sync/protocol';
import type { DeviceHealth, DeviceWarning } from '../sync/device-health';
import type { LicenseState } from '../license/state';
import type { CaseStatus } from '../cases/case-status';
import type { ConfigOutputs } from '../config/contract';
import type { CrmOutputs } from '../crm/contract';
import type { EventStatus, RevealedValue, SecurityEventLine } from '../policy/security-events';
import type { CaseExplanation, RuleWords } from '../policy/explain';
import type { PRIORITIES, PROCESSING_STATUSES, Role, TASK_STATUSES } from '../schema/tables';
import type { EncryptedDataView } from '../privacy/registry';

export type Priority = (typeof PRIORITIES)[number];
export type TaskStatus = (typeof TASK_STATUSES)[number];
export type ProcessingStatus = (typeof PROCESSING_STATUSES)[number];

/** The columns every synced row carries (tables.ts syncColumns). */
export interface SyncedRow {
  id: string;
  org_id: string;
  version: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
  deleted_at: string | null;
}

// ---- vault ---------------------------------------------------------------------------------------

/** vault.status, and what vault.create / unlock / lock answer (the status after the change). */
export interface VaultStatus {
  exists: boolean;
  unlocked: boolean;
  dataDir: string;
  /** The ways into this vault: passphrase, keychain, safeStorage (no secrets). */
  keyStores?: string[];
  orgId?: string;
  email?: string;
  role?: string;
  /** The practice's name as entered at first run (or the firm's, once joined). */
  orgName?: string;
  /** The vault works on its own: no firm server, the user is this computer's practitioner. */
  solo?: boolean;
}

// ---- cases ---------------------------------------------------------------------------------------

/** One row of the case list (cases.list). */
export interface CaseListItem {
  id: string;
  case_number: string;
  case_type: string;
  status: string;
  priority: string;
  client_name: string | null;
  assigned_consultant_id: string | null;
  updated_at: string;
  created_at: string;
}

export interface CaseList {
  rows: CaseListItem[];
  total: number;
}

export interface CaseType {
  code: string;
  name: string;
}

export interface CaseRecord extends SyncedRow {
  case_number: string;
  case_type: string;
  status: CaseStatus;
  priority: Priority | null;
  client_data: { name?: string } & Record<string, unknown>;
  immigration_program: string | null;
  target_province: string | null;
  total_fees: string | null;
  paid_amount: string | null;
  assigned_consultant_id: string | null;
}

export interface PersonRecord extends SyncedRow {
  case_id: string | null;
  first_name: string;
  last_name: string;
  date_of_birth: string | null;
  email: string | null;
  phone: string | null;
  relationship_to_primary: string | null;
  immigration_status: string | null;
  /** JSON: { number, expiry, ... } (older rows may hold it as text). */
  passport_info: { number?: string; expiry?: string } | string | null;
}

export interface TaskRecord extends SyncedRow {
  case_id: string | null;
  title: string;
  status: TaskStatus;
  priority: Priority | null;
  due_date: string | null;
}

export interface ChecklistRecord extends SyncedRow {
  case_id: string;
  name: string;
  checklist_type: string | null;
  items: Array<{ key: string; label: string }>;
  completion_status: Record<string, { done?: boolean }> | null;
  total_items: number | null;
  completed_items: number | null;
}

/** A timeline entry: an English title for the CLI and audit, and the facts the window words it from. */
export interface CaseEventRecord extends SyncedRow {
  case_id: string;
  event_type: string;
  title: string;
  event_data: unknown;
  previous_state: unknown;
  new_state: unknown;
}

export interface CommunicationRecord extends SyncedRow {
  case_id: string | null;
  communication_type: string;
  direction: string;
  subject: string | null;
  body: string | null;
}

export interface AppointmentRecord extends SyncedRow {
  case_id: string | null;
  appointment_type: string;
  status: string | null;
  scheduled_at: string;
  duration_minutes: number | null;
  location: string | null;
  meeting_mode: string | null;
}

export interface InvoiceRecord extends SyncedRow {
  case_id: string | null;
  invoice_number: string;
  status: string | null;
  total_amount: string;
  currency: string | null;
  invoice_date: string;
  due_date: string;
}

export interface PaymentRecord extends SyncedRow {
  case_id: string | null;
  invoice_id: string | null;
  payment_type: string | null;
  amount: string;
  currency: string | null;
  status: string | null;
  payment_date: string;
}

/** The whole case file (cases.get): the case and every row that belongs to it. */
export interface CaseFile extends CaseRecord {
  persons: PersonRecord[];
  family: SyncedRow[];
  tasks: TaskRecord[];
  checklists: ChecklistRecord[];
  /** Newest first. */
  events: CaseEventRecord[];
  communications: CommunicationRecord[];
  appointments: AppointmentRecord[];
  documents: DocumentRecord[];
  invoices: InvoiceRecord[];
  payments: PaymentRecord[];
  assignments: SyncedRow[];
}

/** cases.recordIta: the invitation's day and the last day to apply. */
export interface ItaRecorded {
  date: string;
  deadline: string;
}

/** An open Express Entry ITA window (Today). */
export interface ItaWindow {
  caseId: string;
  caseNumber: string;
  client: string | null;
  received: string;
  deadline: string;
  daysLeft: number;
}

/** An open task with a due date (Today lists those due within the week, overdue included). */
export interface DueTask extends TaskRecord, CaseContext {
  due_date: string;
}

/** The client and case a line from many cases belongs to (null when the case is gone or there is none). */
export interface CaseContext {
  caseNumber: string | null;
  client: string | null;
}

/** today.summary */
export interface TodaySummary {
  tasksDue: DueTask[];
  expiring: ExpiringDocument[];
  recentCases: CaseListItem[];
  itaWindows: ItaWindow[];
  /** How many cases the vault holds. */
  queue: number;
}

// ---- documents -----------------------------------------------------------------------------------

export interface DocumentRecord extends SyncedRow {
  case_id: string | null;
  person_id: string | null;
  document_type: string;
  title: string;
  filename: string;
  original_filename: string;
  file_size: number;
  mime_type: string;
  processing_status: ProcessingStatus | null;
  custom_fields: { processingError?: string } & Record<string, unknown>;
  expires_at: string | null;
}

/** A stored version of a document's file (its wrapped key never leaves the core). */
export interface DocumentVersionRecord extends SyncedRow {
  document_id: string;
  version_number: number;
  filename: string;
  file_size: number;
  change_description: string | null;
}

/** An agent's proposal, e.g. the passport fields read from an MRZ, waiting for approval. */
export interface AiActionRecord extends SyncedRow {
  action_type: string;
  input_data: unknown;
  output_data: {
    fields?: {
      surname?: string;
      givenNames?: string;
      documentNumber?: string;
    } & Record<string, unknown>;
  } & Record<string, unknown>;
  status: string | null;
  error_message: string | null;
}

/** docs.get: the document, its versions, what was read from it and what is proposed from it. */
export interface DocumentDetail extends DocumentRecord {
  versions: DocumentVersionRecord[];
  extracted_text: string | null;
  ocr_confidence: number | string | null;
  extracted_data: unknown;
  quality_score: number | string | null;
  ai_classification: { suggestedType?: string } & Record<string, unknown>;
  proposals: AiActionRecord[];
}

/** docs.add: the document, with the version just stored in place of the row's sync version number. */
export interface DocumentAdded extends Omit<DocumentRecord, 'version'> {
  version: DocumentVersionRecord;
}

/** docs.open: the one decrypted copy, as base64 for the contract (which carries JSON). */
export interface DocumentFile {
  filename: string;
  mime: string;
  base64: string;
}

export interface ExpiringDocument extends Partial<CaseContext> {
  id: string;
  caseId: string;
  title: string;
  documentType: string;
  /** When it expires (passports: the printed date; language tests: 2 years after the test; medicals: 12 months). */
  expiresOn: string;
  rule: 'expiry_date' | 'language_test_2_years' | 'medical_12_months';
  expired: boolean;
}

/** docs.process: what one pass over the queue read. */
export interface QueueSummary {
  processed: number;
  failed: Array<{ documentId: string; reason: string }>;
}

/** The 'progress' event of the document queue. */
export interface OcrProgress {
  kind: 'ocr';
  documentId: string;
  phase: 'start' | 'page' | 'done' | 'failed';
  page?: number;
  pages?: number;
  overall: { done: number; total: number };
  reason?: string;
}

// ---- search --------------------------------------------------------------------------------------

export type SearchMode = 'lexical' | 'semantic' | 'hybrid';
export type HitKind = 'case' | 'person' | 'document' | 'law';

export interface SearchHit extends Partial<CaseContext> {
  kind: HitKind;
  id: string;
  caseId: string | null;
  title: string;
  score: number;
  /** Text with the matches between [[ and ]]. */
  snippet: string;
}

/** search.query */
export interface SearchResult {
  mode: SearchMode;
  /** Set when the mode asked for could not be used. */
  reason?: string;
  hits: SearchHit[];
  /** Rows not yet embedded (semantic and hybrid results may miss them until the indexer catches up). */
  pending?: number;
}

// ---- rules and immigration -----------------------------------------------------------------------

/** crs.calculate (the versions used are the saved calculation's business, not the window's). */
export type CrsView = CrsResult;
/** fsw.calculate */
export type FswView = FswResult;
/** crs.whatIf: single improvements, best first. */
export interface WhatIfView {
  baseTotal: number;
  improvements: Improvement[];
}

/** A saved CRS calculation (crs.save). */
export interface CrsCalculationRecord extends SyncedRow {
  case_id: string;
  person_id: string | null;
}

/** crs.saved: one saved calculation as the case shows it. */
export interface CrsSavedLine {
  id: string;
  personId: string | null;
  total: number;
  /** The day the rules were taken from ("YYYY-MM-DD"). */
  date: string;
  rulesVersion: string;
  savedAt: string;
}

/** rules.list: one approved rule version (in force, ended or scheduled), with what the rules page groups by. */
export interface RuleLine {
  ruleId: string;
  version: number;
  category: string;
  /** The version's own label, as its pack wrote it (English). */
  label: string;
  pack: string;
  kind: 'points' | 'cap' | 'requirement';
  /** The factor group inside the pack ("core", "additional", "adaptability", ...). */
  group: string;
  factor: string;
  from: string;
  until: string | null;
  /** The instrument or notice that made the version law, when the pack names it. */
  source: { title: string; url: string; date: string | null } | null;
}

export interface RuleProposalRecord extends SyncedRow {
  rule_id: string;
  rule_category: string;
  rule_type: string;
  summary: string;
  rationale: string | null;
  status: 'pending' | 'approved' | 'rejected' | 'superseded' | null;
}

/** An approved rule version (approved_rules), as rules.approve makes it. */
export interface ApprovedRuleRecord extends SyncedRow {
  rule_id: string;
  rule_version: number;
  rule_category: string;
  effective_from: string;
  effective_until: string | null;
}

/** rules.diff: a proposal beside the approved version it would change, field by field. */
export interface RuleDiff {
  proposal: RuleProposalRecord;
  approved: ApprovedRuleRecord | null;
  changes: Array<{ path: string; before: unknown; after: unknown }>;
}

/** law.list: the latest import of each address. */
export interface LawSourceLine {
  id: string;
  title: string | null;
  url: string;
  jurisdiction: string | null;
  sections: number;
  importedAt: string | null;
  changedAt: string | null;
}

/** law.import: what the import found, and the approved rules that cite a changed text. */
export interface LawImported {
  sourceId: string;
  title: string | null;
  sections: number;
  unchanged: boolean;
  changedSections: Array<{
    section: string;
    change: 'added' | 'removed' | 'changed';
  }>;
  citingRules: Array<{
    ruleId: string;
    version: number;
    sourceSection: string | null;
  }>;
}

// ---- sync ----------------------------------------------------------------------------------------

/** sync.status */
export interface SyncStatus {
  server: string | null;
  pendingPushes: number;
  rejected: number;
  lastPull: string | null;
  lastPush: string | null;
  conflicts: number;
  deviceId: string;
  /** In the app: background sync wanted (not paused), running now, and its last error if any. */
  auto?: boolean;
  live?: boolean;
  liveError?: string | null;
}

/** sync.run: one push, pull, push. */
export interface SyncSummary {
  sent: number;
  applied: number;
  conflicts: number;
  rejected: number;
  pulledRows: number;
}

/** sync.login */
export interface LoginResult {
  server: string;
  userId: string;
  orgId: string;
  deviceId: string;
  role: string;
  joined: boolean;
  queuedRows: number;
}

/** sync.invitations: a firm's open invitation to this account. */
export interface InvitationOffer {
  id: string;
  orgId: string;
  orgName: string;
  role: string;
  expiresAt: string | null;
  /** The account is already a member of that firm. */
  member: boolean;
}

/** A field conflict or a rejected mutation, as sync.conflicts lists it. */
export interface ConflictView {
  id: string;
  kind: 'conflict' | 'rejected';
  status: string;
  table: string;
  rowId: string;
  field: string | null;
  mine: unknown;
  theirs: unknown;
  reason: string | null;
  mutationId: number | null;
  createdAt: string;
  resolution: string | null;
  /** When the person settled it (null while open, and for rejected changes). */
  resolvedAt?: string | null;
  /** What a person calls the record ("Amara Okafor (2026-0001-EA3A)"); null when the vault no longer has it. */
  label?: string | null;
}

/** sync.discard: what was discarded. */
export interface DiscardedChange {
  id: string;
  table: string;
  rowId: string;
  op: string;
  removedRecord: boolean;
  entries: number;
}

// ---- settings ------------------------------------------------------------------------------------

/** What the Settings screen shows and changes (settings.get, settings.set, models.install). */
export interface SettingsView {
  keyStores: Array<'passphrase' | 'keychain' | 'safeStorage'>;
  ocrLanguages: string[];
  /** "eng", "fra" or "eng+fra": what a newly added document is read with. */
  defaultOcrLanguages: string;
  models: Array<{ name: string; dim: number; active: boolean }>;
  activeModel: string | null;
  pendingEmbeddings: number;
  /** Where a new backup would go unless the user picks another place: beside the vault folder, dated. */
  backupSuggestion: string;
}

/** backup.create: the file written and checked. */
export interface BackupDone {
  file: string;
  bytes: number;
  blobs: number;
  verified: boolean;
}

/** The 'progress' event of a backup the window started (backup.create). */
export interface BackupProgress {
  kind: 'backup';
  percent: number;
}

// ---- admin ---------------------------------------------------------------------------------------

/** admin.users: a member of the firm, from the replica. */
export interface UserLine {
  id: string;
  email: string;
  first_name: string;
  last_name: string;
  role: Role;
  active: boolean;
}

/** admin.devices: the firm server's devices, with the user's email where the replica knows it, and their sync health (issue 15). */
export interface DeviceLine {
  id: string;
  name: string;
  userEmail: string;
  lastSeenAt: string | null;
  lastSyncAt?: string | null;
  revokedAt: string | null;
  pending: number | null;
  appVersion: string | null;
  /** The device's last report (versions, push/pull times, pending, failures, conflicts, disk, lease). */
  health?: DeviceHealth | null;
  healthAt?: string | null;
  warnings?: DeviceWarning[];
  /** The device this window runs on. */
  thisDevice?: boolean;
}

/** admin.exportAudit: the file written and what it holds (its proof is inside). */
export interface AuditExported {
  file: string;
  format: 'csv' | 'jsonl';
  entries: number;
  firstSeq: number | null;
  lastSeq: number | null;
}

/** license.status / license.import: the vault's licence (a file, the firm's lease, or the trial). */
export interface LicenseView extends LicenseState {
  seatsUsed: number;
  source: 'file' | 'lease' | 'trial';
  licenseId: string | null;
}

/** admin.addUser: the firm server's answer (the account reaches every laptop by sync). */
export type UserAdded = UserCreated | InvitationSent;

/** 201: a new account in this firm. */
export interface UserCreated {
  userId: string;
  orgId: string;
  role: Role;
}

/** 202: the email already has an account elsewhere; it joins this firm when its owner accepts. */
export interface InvitationSent {
  invitation: {
    id: string;
    orgId: string;
    email: string;
    role: Role;
    status: string;
    expiresAt: string;
  };
}

/** admin.setMembership: the membership as the firm server now has it. */
export interface MembershipChanged {
  userId: string;
  orgId: string;
  role: Role;
  status: string;
}

/** admin.revokeDevice */
export interface DeviceRevoked {
  deviceId: string;
  revoked: true;
}

/** policy.can: the policy's answer for the signed-in user (the window hides or disables on it). */
export interface PolicyAnswer {
  decision: 'allow' | 'deny' | 'needs_signoff';
  /** With a field: what of it the user sees (whole, •••••123, nothing). */
  field?: 'full' | 'partial' | 'hidden';
  role: string;
}

/** audit.search: this device's audit log, newest first. */
export interface AuditLine {
  seq: number;
  at: string;
  actorEmail: string | null;
  action: string;
  table: string | null;
  rowId: string | null;
  description: string | null;
}

/** This device's hash chain checked from its first entry (verifyLocalAudit). */
export interface LocalAuditVerify {
  ok: boolean;
  entries: number;
  /** The first entry whose sequence, link or hash does not hold. */
  firstBrokenSeq?: number;
}

/**
 * audit.verify: this device's chain, and the firm server's when the vault is joined to one (`ok` is
 * then both). The server's answer is the sync protocol's AuditVerifyResponse, or why it could not be had.
 */
export type AuditVerifyView =
  | (LocalAuditVerify & { scope: 'device' })
  | (LocalAuditVerify & {
      scope: 'device+server';
      server: AuditVerifyResponse | { ok: false; entries: 0; error: string };
    });

// ---- the contract's answers ----------------------------------------------------------------------

/**
 * What each contract method answers. Keys must be exactly the contract's methods (index.ts checks it);
 * per domain, as the core's folders are.
 */
export interface Outputs extends ConfigOutputs, CrmOutputs {
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': VaultStatus;
  'vault.lock': VaultStatus;

  'today.summary': TodaySummary;
  'caseTypes.list': CaseType[];
  'cases.list': CaseList;
  'cases.get': CaseFile;
  'cases.create': CaseRecord;
  'cases.setStatus': CaseRecord;
  'cases.recordIta': ItaRecorded;
  'cases.update': CaseRecord;
  'persons.add': PersonRecord;
  'persons.update': PersonRecord;
  'communications.log': CommunicationRecord;
  'appointments.schedule': AppointmentRecord;
  'invoices.create': InvoiceRecord;
  'payments.record': PaymentRecord;
  'tasks.add': TaskRecord;
  'tasks.setStatus': TaskRecord;
  'checklists.setItem': ChecklistRecord;

  'docs.add': DocumentAdded;
  'docs.list': DocumentRecord[];
  'docs.get': DocumentDetail;
  'docs.process': QueueSummary;
  'docs.reprocess': DocumentRecord;
  'docs.open': DocumentFile;
  'docs.expiring': ExpiringDocument[];
  'docs.approveExtraction': AiActionRecord;

  'search.query': SearchResult;

  'crs.calculate': CrsView;
  'crs.whatIf': WhatIfView;
  'crs.save': CrsCalculationRecord;
  'crs.saved': CrsSavedLine[];
  'fsw.calculate': FswView;
  'rules.list': RuleLine[];
  'rules.proposals': RuleProposalRecord[];
  'rules.diff': RuleDiff;
  'rules.approve': ApprovedRuleRecord;
  'rules.reject': RuleProposalRecord;
  'law.list': LawSourceLine[];
  'law.import': LawImported;

  'sync.status': SyncStatus;
  'sync.run': SyncSummary;
  'sync.login': LoginResult;
  'sync.ssoLogin': LoginResult;
  'sync.invitations': InvitationOffer[];
  'sync.setAuto': SyncStatus;
  'sync.discard': DiscardedChange;
  'sync.conflicts': ConflictView[];
  'sync.resolve': ConflictView;

  'settings.get': SettingsView;
  'settings.set': SettingsView;
  'backup.create': BackupDone;
  'models.install': SettingsView;

  'admin.users': UserLine[];
  'admin.addUser': UserAdded;
  'admin.setMembership': MembershipChanged;
  'admin.devices': DeviceLine[];
  'admin.revokeDevice': DeviceRevoked;
  'admin.renameDevice': { deviceId: string; name: string };
  'admin.exportAudit': AuditExported;
  'admin.securityEvents': SecurityEventLine[];
  'admin.setSecurityEventStatus': { id: number; status: EventStatus };
  'admin.encryptedData': EncryptedDataView;
  'policy.reveal': RevealedValue;
  'policy.explain': UserPolicyView;
  'license.status': LicenseView;
  'license.import': LicenseView;
  'audit.search': AuditLine[];
  'audit.verify': AuditVerifyView;
  'policy.can': PolicyAnswer;
  'debt.budgets': DebtBudgetRecord[];
  'debt.budget.show': DebtBudgetView;
  'debt.budget.create': DebtBudgetRecord;
  'debt.budget.addLine': DebtBudgetView;
  'debt.budget.finalise': DebtBudgetView;
}

/** policy.explain: a member's effective permissions and, for a case, why they see it (or not). */
export interface UserPolicyView {
  userId: string;
  email: string | null;
  role: string;
  source: 'server' | 'built-in';
  permissions: RuleWords[];
  case?: { caseId: string; caseNumber: string | null } & CaseExplanation;
}
