/**
 * The one source of truth for the shape of every table Casework keeps, on the laptop and on the server.
 *
 * Columns follow seed 000 (and seed 001 for appointments, seed 003 for case-scoped grants), with these
 * deliberate changes for an offline-first replica, each explained where it happens:
 *  - every synced table gets the sync columns (id UUIDv7 minted on the device, org_id, version,
 *    updated_at, updated_by, deleted_at) from `syncColumns` below;
 *  - system-wide defaults (seed: org_id NULL) belong to the fixed SYSTEM_ORG_ID, so org_id is never
 *    NULL, unique constraints stay plain, and tenancy is "my org or the system org, read-only";
 *  - child tables whose seed row reaches its case only through a parent (document_versions,
 *    document_metadata, family_members, ai_messages, ai_actions) carry `case_id` too, so every shape
 *    is one flat where clause (as Electric's shapes require) and a lost case leaves the laptop cleanly;
 *  - JSONB becomes JSON (text in SQLite, jsonb in Postgres), validated by zod at every boundary;
 *  - columns that make no sense on a laptop are left out and named in the table's comment.
 */
import { type ColumnSpec, bigint, bool, date, decimal, int, json, plain, text, timestamp, uuid } from './columns';
import { DEBT_ADVICE_TABLES } from '../debt-advice/tables';
import { CONFIG_TABLES } from '../config/tables';
import { PRIVACY_TABLES } from '../privacy/tables';
import { CRM_TABLES } from '../crm/tables';
import { CASE_STATUSES } from './case-statuses';

export const SYSTEM_ORG_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Who may see a row, decided by the server from the caller's identity (never from the request):
 *  - 'case': rows of a case; visible to owner/admin of the org and to users assigned to the case.
 *  - 'org': org-wide reference data (config, templates, rules, law); visible to every member, and the
 *    SYSTEM_ORG_ID rows to everyone. Writable by owner/admin only unless `writableBy` says otherwise.
 *  - 'self': the organizations table: the caller's own org row (and the system org).
 *  - 'directory': users; visible when they share an org with the caller; no org_id column.
 *  - 'local': kept on this laptop only, never synced.
 */
export type Scope = 'case' | 'org' | 'self' | 'directory' | 'local';
// The built-in roles (src-shared/policy/roles.ts orders them): seed 001's manager, advisor and trainee
// join the first five.
export const ROLES = ['owner', 'admin', 'manager', 'consultant', 'advisor', 'staff', 'paralegal', 'trainee'] as const;
export type Role = (typeof ROLES)[number];

export interface TableSpec {
  name: string;
  scope: Scope;
  /** For scope 'case': the column holding the case id ('id' for cases itself). */
  caseColumn?: string;
  /** Roles allowed to write through push; the server also checks case access. */
  writableBy: readonly Role[];
  /** Business columns, in seed order (sync columns are added by `columnsOf`). */
  columns: Record<string, ColumnSpec>;
  unique?: string[][];
  indexes?: string[][];
  comment: string;
  /**
   * A pack's table whose rows are drafts until a supervisor signs them off through the row's own status
   * (a debt-advice budget is 'awaiting_signoff' until a manager finalises it). A supervised role (a
   * trainee) may write such rows; what takes effect is gated by that status, not by refusing the write.
   */
  draftsUntilSignedOff?: boolean;
  /**
   * A record written once and never changed (an approved configuration version): the laptop's writer and
   * the server's push refuse updates and deletes of its rows.
   */
  insertOnly?: boolean;
  /**
   * What a row must be beyond its columns' types, checked wherever a row is validated (validateRow: the
   * laptop's writer and the server's push alike). Returns the problem in words, or undefined.
   */
  checkRow?: (fields: Record<string, unknown>) => string | undefined;
}

const managers = ['owner', 'admin'] as const;
const caseTeam = ['owner', 'admin', 'consultant', 'staff', 'paralegal'] as const;

export { CASE_STATUSES } from './case-statuses';
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const TASK_STATUSES = ['pending', 'in_progress', 'completed', 'cancelled'] as const;
export const PROCESSING_STATUSES = ['pending', 'processing', 'completed', 'failed'] as const;
export const ACCESS_LEVELS = ['public', 'case_team', 'consultant_only', 'admin_only'] as const;
export const DATA_CLASSIFICATIONS = ['public', 'internal', 'confidential', 'restricted'] as const;
export const MEMBERSHIP_STATUSES = ['active', 'suspended', 'pending'] as const;
/** How a person on a case is related to its primary applicant. */
export const RELATIONSHIPS = ['primary', 'spouse', 'child', 'dependent', 'parent', 'sibling', 'other'] as const;

function t(spec: Omit<TableSpec, 'columns'> & { columns: Record<string, ColumnSpec> }): TableSpec {
  const columns: Record<string, ColumnSpec> = {};
  for (const [k, v] of Object.entries(spec.columns)) columns[k] = plain(v);
  return { ...spec, columns };
}

const tableList: TableSpec[] = [
  t({
    name: 'organizations',
    scope: 'self',
    writableBy: managers,
    comment: 'Seed 000 §2.1. billing_info is kept: invoices print it. Subscription columns are informational offline.',
    columns: {
      name: text(255).notNullable(),
      domain: text(255),
      type: text(50)
        .notNullable()
        .withDefault('law_firm')
        .oneOf(['law_firm', 'solo_practice', 'consultancy', 'debt_advice_centre', 'home_care_provider', 'system']),
      settings: json().withDefault({}),
      subscription_tier: text(50).withDefault('starter'),
      subscription_status: text(50).withDefault('active'),
      billing_info: json().withDefault({}),
      branding: json().withDefault({}),
      compliance_settings: json().withDefault({}),
    },
    unique: [['domain']],
  }),
  t({
    name: 'users',
    scope: 'directory',
    writableBy: [],
    comment:
      'Seed 000 §2.1, the directory part only. encrypted_password and two_factor_secret never leave the server (its auth tables hold them); users are written through the admin endpoints, not push.',
    columns: {
      email: text(255).notNullable(),
      first_name: text(100).notNullable(),
      last_name: text(100).notNullable(),
      phone: text(20),
      profile: json().withDefault({}),
      preferences: json().withDefault({}),
      professional_info: json().withDefault({}),
      last_login_at: timestamp(),
      email_verified_at: timestamp(),
      phone_verified_at: timestamp(),
      two_factor_enabled: bool().withDefault(false),
    },
    unique: [['email']],
  }),
  t({
    name: 'org_memberships',
    scope: 'org',
    writableBy: [],
    comment: 'Seed 000 §2.1. Written by the admin endpoints (PATCH /v1/orgs/:orgId/memberships/:userId), read by every member.',
    columns: {
      user_id: uuid().notNullable().refs('users'),
      role: text(50).notNullable().oneOf(ROLES),
      permissions: json().withDefault({}),
      status: text(50).withDefault('active').oneOf(MEMBERSHIP_STATUSES),
      invited_by: uuid().refs('users'),
      invited_at: timestamp(),
      joined_at: timestamp(),
    },
    unique: [['org_id', 'user_id']],
    indexes: [['user_id'], ['role']],
  }),
  t({
    name: 'cases',
    scope: 'case',
    caseColumn: 'id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.2. case_number is unique per org; devices mint numbers with a device code so two laptops offline never collide.',
    columns: {
      case_number: text(50).notNullable(),
      case_type: text(100).notNullable(),
      status: text(50).notNullable().withDefault('draft').oneOf(CASE_STATUSES),
      priority: text(20).withDefault('normal').oneOf(PRIORITIES),
      primary_applicant_id: uuid(),
      client_data: json().withDefault({}),
      immigration_program: text(100),
      target_province: text(50),
      estimated_timeline: json().withDefault({}),
      fee_structure: json().withDefault({}),
      payment_status: text(50).withDefault('pending').oneOf(['pending', 'partial', 'paid', 'overdue', 'refunded', 'waived']),
      total_fees: decimal(),
      paid_amount: decimal().withDefault('0'),
      assigned_consultant_id: uuid(),
      // Who besides the consultant works the case (access.ts reads it): user ids only.
      assigned_staff: json().withDefault([]).listOfUuids(),
      source: text(50),
      tags: json().withDefault([]),
      custom_fields: json().withDefault({}),
      // The configuration version (src-shared/config) the case's custom fields follow; null: the one in
      // force when it was opened. Set when its fields are first saved or it is migrated on purpose.
      config_version: int(),
      consultation_date: timestamp(),
      retainer_signed_at: timestamp(),
      submitted_at: timestamp(),
      decision_date: timestamp(),
      closed_at: timestamp(),
    },
    unique: [['org_id', 'case_number']],
    // Shaped for the case list page (filter + sort, 50 rows): each filter leads into the sort key.
    indexes: [
      ['status', 'updated_at'],
      ['case_type', 'priority', 'created_at'],
      ['assigned_consultant_id', 'updated_at'],
      ['priority', 'updated_at'],
      ['updated_at'],
      ['created_at'],
      ['case_number'],
    ],
  }),
  t({
    name: 'case_assignments',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: managers,
    comment:
      'Case-scoped grants (seed 003 resource-scoped permissions): a user sees and works a case because of a row here, the assigned consultant, or assigned_staff. valid_from and expires_at make a grant temporal; a removed row is a revoked grant.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      user_id: uuid().notNullable().refs('users'),
      role: text(50).notNullable().withDefault('staff').oneOf(['consultant', 'staff', 'paralegal', 'reviewer']),
      permissions: json().withDefault({}),
      granted_by: uuid().refs('users'),
      expires_at: timestamp(),
      /** A grant that starts later (a delegation for next week): it counts from here until expires_at. */
      valid_from: timestamp(),
    },
    unique: [['case_id', 'user_id']],
    indexes: [['user_id']],
  }),
  t({
    name: 'org_roles',
    scope: 'org',
    writableBy: managers,
    comment:
      "Issue 14: a firm's roles. A row inherits a built-in role (inherits) and adds or removes rules (CASL rules as JSON, src-shared/policy); a row keyed like a built-in changes that built-in for the firm. packed_rules is written by the server on every push (the compiled rules, packed), so every laptop receives its role's rules at its next sync.",
    columns: {
      role_key: text(100).notNullable(),
      label: text(255),
      inherits: text(50).notNullable().oneOf(ROLES),
      add_rules: json().withDefault([]),
      remove_rules: json().withDefault([]),
      supervised: bool().withDefault(false),
      packed_rules: json().withDefault([]),
    },
    unique: [['org_id', 'role_key']],
  }),
  t({
    name: 'persons',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.2 plus data_classification (§8.1). A person without a case is visible to owner/admin only.',
    columns: {
      case_id: uuid().refs('cases'),
      first_name: text(100).notNullable(),
      last_name: text(100).notNullable(),
      middle_name: text(100),
      preferred_name: text(100),
      date_of_birth: date().notInFuture(),
      place_of_birth: text(255),
      gender: text(20),
      marital_status: text(50),
      email: text(255),
      phone: text(20),
      address: json().withDefault({}),
      citizenship: json().withDefault([]),
      passport_info: json().withDefault({}),
      immigration_status: text(100),
      relationship_to_primary: text(50).oneOf(RELATIONSHIPS),
      education: json().withDefault([]),
      work_experience: json().withDefault([]),
      language_tests: json().withDefault([]),
      profile_completion_percentage: int().withDefault(0),
      custom_fields: json().withDefault({}),
      data_classification: text(20).withDefault('confidential').oneOf(DATA_CLASSIFICATIONS),
    },
    indexes: [['case_id'], ['last_name', 'first_name'], ['email']],
  }),
  t({
    name: 'family_members',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: "Seed 000 §2.2, plus case_id (the primary person's case) so the row travels with its case.",
    columns: {
      case_id: uuid().refs('cases'),
      primary_person_id: uuid().notNullable().refs('persons'),
      related_person_id: uuid().notNullable().refs('persons'),
      relationship: text(50).notNullable().oneOf(['spouse', 'common_law_partner', 'child', 'parent', 'sibling', 'grandparent', 'other']),
      is_accompanying: bool().withDefault(false),
      is_dependent: bool().withDefault(false),
    },
    unique: [['primary_person_id', 'related_person_id']],
    indexes: [['case_id'], ['related_person_id']],
  }),
  t({
    name: 'documents',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      "Seed 000 §2.3 plus data_classification (§8.1) and issued_at (to date language tests and medicals). storage_key is the address of the current version's encrypted blob (sha256 of its ciphertext), not an S3 key.",
    columns: {
      case_id: uuid().refs('cases'),
      person_id: uuid().refs('persons'),
      document_type: text(100).notNullable(),
      category: text(50).notNullable(),
      title: text(255).notNullable(),
      description: text(),
      filename: text(255).notNullable(),
      original_filename: text(255).notNullable(),
      file_size: bigint().notNullable(),
      mime_type: text(100).notNullable(),
      storage_key: text(500).notNullable(),
      processing_status: text(50).withDefault('pending').oneOf(PROCESSING_STATUSES),
      ocr_status: text(50)
        .withDefault('pending')
        .oneOf([...PROCESSING_STATUSES, 'not_needed']),
      validation_status: text(50).withDefault('pending').oneOf(['pending', 'valid', 'invalid', 'needs_review']),
      encryption_key_id: text(255),
      access_level: text(50).withDefault('case_team').oneOf(ACCESS_LEVELS),
      tags: json().withDefault([]),
      custom_fields: json().withDefault({}),
      uploaded_by: uuid(),
      uploaded_at: timestamp(),
      issued_at: date(),
      expires_at: timestamp(),
      data_classification: text(20).withDefault('confidential').oneOf(DATA_CLASSIFICATIONS),
    },
    indexes: [['case_id', 'document_type', 'processing_status'], ['person_id'], ['expires_at']],
  }),
  t({
    name: 'document_versions',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      "Seed 000 §2.3 plus org_id and case_id. checksum is the sha256 of the plain bytes; storage_key the sha256 of the encrypted blob that sync moves; file_key the blob's AES-256-GCM key (it travels only inside the encrypted replica and to the firm's server of record over TLS).",
    columns: {
      case_id: uuid().refs('cases'),
      document_id: uuid().notNullable().refs('documents'),
      version_number: int().notNullable(),
      filename: text(255).notNullable(),
      file_size: bigint().notNullable(),
      mime_type: text(100),
      storage_key: text(500).notNullable(),
      checksum: text(64).notNullable(),
      file_key: text(100),
      change_description: text(),
      uploaded_by: uuid(),
    },
    unique: [['document_id', 'version_number']],
    indexes: [['case_id'], ['storage_key']],
  }),
  t({
    name: 'document_metadata',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.3 plus org_id, case_id and version_id (which version the text was read from). One row per document.',
    columns: {
      case_id: uuid().refs('cases'),
      document_id: uuid().notNullable().refs('documents'),
      version_id: uuid(),
      extracted_text: text(),
      ocr_confidence: decimal(),
      extracted_data: json().withDefault({}),
      validation_results: json().withDefault({}),
      quality_score: decimal(),
      ai_classification: json().withDefault({}),
      ai_confidence: decimal(),
    },
    unique: [['document_id']],
    indexes: [['case_id']],
  }),
  t({
    name: 'tasks',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.4. depends_on / blocks hold task ids; completing a task whose dependencies are open is refused.',
    columns: {
      case_id: uuid().refs('cases'),
      title: text(255).notNullable(),
      description: text(),
      task_type: text(100).notNullable().withDefault('general'),
      category: text(50).oneOf(['client_action', 'consultant_action', 'system_action']),
      assigned_to_user_id: uuid(),
      assigned_to_role: text(50),
      status: text(50).notNullable().withDefault('pending').oneOf(TASK_STATUSES),
      priority: text(20).withDefault('normal').oneOf(PRIORITIES),
      due_date: timestamp(),
      estimated_duration: int(),
      actual_duration: int(),
      depends_on: json().withDefault([]),
      blocks: json().withDefault([]),
      auto_generated: bool().withDefault(false),
      template_id: uuid(),
      completion_percentage: int().withDefault(0),
      completed_by: uuid(),
      completed_at: timestamp(),
      custom_fields: json().withDefault({}),
    },
    indexes: [['case_id'], ['assigned_to_user_id', 'status', 'due_date'], ['due_date']],
  }),
  t({
    name: 'checklist_instances',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.4. items is the list copied from config_checklists; completion_status maps item key to {done, at, by}.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      config_checklist_id: uuid(),
      name: text(255).notNullable(),
      description: text(),
      checklist_type: text(100),
      items: json().notNullable().withDefault([]),
      completion_status: json().withDefault({}),
      total_items: int().withDefault(0),
      completed_items: int().withDefault(0),
      completion_percentage: int().withDefault(0),
      started_at: timestamp(),
      completed_at: timestamp(),
      due_date: timestamp(),
    },
    indexes: [['case_id']],
  }),
  t({
    name: 'communications',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.5 plus data_classification (§8.1). external_id is kept for mail imported from a client; nothing is sent from the laptop.',
    columns: {
      case_id: uuid().refs('cases'),
      communication_type: text(50).notNullable().oneOf(['email', 'sms', 'chat', 'call', 'meeting', 'letter', 'note']),
      direction: text(20).notNullable().oneOf(['inbound', 'outbound', 'internal']),
      channel: text(50),
      from_user_id: uuid(),
      to_user_id: uuid(),
      participants: json().withDefault([]),
      subject: text(500),
      body: text(),
      attachments: json().withDefault([]),
      status: text(50).withDefault('sent').oneOf(['draft', 'sent', 'delivered', 'read', 'replied', 'logged']),
      read_at: timestamp(),
      replied_at: timestamp(),
      auto_generated: bool().withDefault(false),
      template_id: uuid(),
      triggered_by: text(100),
      external_id: text(255),
      metadata: json().withDefault({}),
      data_classification: text(20).withDefault('internal').oneOf(DATA_CLASSIFICATIONS),
    },
    indexes: [['case_id', 'communication_type', 'created_at']],
  }),
  t({
    name: 'case_events',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §2.5: the case timeline. Append-only by convention (the services never update an event).',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      event_type: text(100).notNullable(),
      event_category: text(50).oneOf(['system', 'user_action', 'external']),
      title: text(255).notNullable(),
      description: text(),
      event_data: json().withDefault({}),
      previous_state: json().withDefault({}),
      new_state: json().withDefault({}),
      triggered_by_user_id: uuid(),
      triggered_by_system: text(100),
      is_visible_to_client: bool().withDefault(true),
      is_milestone: bool().withDefault(false),
      external_reference: text(255),
      metadata: json().withDefault({}),
    },
    indexes: [['case_id', 'created_at'], ['event_type']],
  }),
  t({
    name: 'appointments',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment:
      'Seed 001 appointments, in seed 000 terms: client_id becomes person_id, advisor_id becomes advisor_user_id, scheduled_date + scheduled_time become scheduled_at (an instant, so time zones survive travel).',
    columns: {
      case_id: uuid().refs('cases'),
      person_id: uuid().refs('persons'),
      advisor_user_id: uuid(),
      appointment_type: text(50).notNullable(),
      status: text(30).withDefault('scheduled').oneOf(['scheduled', 'confirmed', 'completed', 'cancelled', 'no_show', 'rescheduled']),
      scheduled_at: timestamp().notNullable(),
      duration_minutes: int().withDefault(60),
      location: text(255),
      meeting_mode: text(30).withDefault('in_person').oneOf(['in_person', 'phone', 'video']),
      preparation_notes: text(),
      outcome_summary: text(),
      follow_up_required: bool().withDefault(false),
      follow_up_date: date(),
      reminder_sent: bool().withDefault(false),
      created_by: uuid(),
    },
    indexes: [['case_id'], ['scheduled_at']],
  }),
  t({
    name: 'law_sources',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §3.1 plus org_id (built-in sources belong to the system org). raw_html is kept so a re-import can be compared.',
    columns: {
      url: text(1000).notNullable(),
      source_type: text(50).notNullable(),
      jurisdiction: text(50),
      title: text(500),
      content_hash: text(64).notNullable(),
      raw_html: text(),
      extracted_text: text(),
      last_fetched_at: timestamp().notNullable(),
      last_changed_at: timestamp(),
      processing_status: text(50).withDefault('pending').oneOf(PROCESSING_STATUSES),
      metadata: json().withDefault({}),
      tags: json().withDefault([]),
    },
    unique: [['org_id', 'url', 'content_hash']],
    indexes: [['url'], ['jurisdiction']],
  }),
  t({
    name: 'law_chunks',
    scope: 'org',
    writableBy: managers,
    comment:
      'Seed 000 §3.1 plus org_id. embedding_vector is not a column: vectors live in the sqlite-vec index on the laptop and are recomputed there from chunk_text.',
    columns: {
      law_source_id: uuid().notNullable().refs('law_sources'),
      chunk_index: int().notNullable(),
      chunk_text: text().notNullable(),
      chunk_hash: text(64).notNullable(),
      section_title: text(500),
      section_number: text(100),
      tags: json().withDefault([]),
    },
    unique: [['law_source_id', 'chunk_index']],
    indexes: [['chunk_hash']],
  }),
  t({
    name: 'rule_proposals',
    scope: 'org',
    writableBy: caseTeam,
    comment:
      'Seed 000 §3.1 plus org_id and base_rule_version (the approved version the proposal changes, for the diff). Anyone may propose; only owner/admin may approve.',
    columns: {
      rule_id: text(100).notNullable(),
      rule_category: text(100).notNullable(),
      rule_type: text(50).notNullable().oneOf(['new', 'update', 'delete']),
      rule_json: json().notNullable(),
      conditions_json: json().withDefault({}),
      effects_json: json().withDefault({}),
      source_url: text(1000),
      source_section: text(500),
      proposed_by_agent: text(100).notNullable(),
      summary: text().notNullable(),
      rationale: text(),
      impact_assessment: json().withDefault({}),
      status: text(50).withDefault('pending').oneOf(['pending', 'approved', 'rejected', 'superseded']),
      reviewed_by: uuid(),
      reviewed_at: timestamp(),
      review_notes: text(),
      effective_from: timestamp(),
      effective_until: timestamp(),
      base_rule_version: int(),
    },
    indexes: [['rule_id'], ['status']],
  }),
  t({
    name: 'approved_rules',
    scope: 'org',
    writableBy: managers,
    comment:
      "Seed 000 §3.1 plus org_id: the built-in CRS and FSW packs are system-org rows; a firm may approve its own versions. The seed's `version` (the rule's version) is `rule_version` here, because `version` is the sync row version that the server sets on every write.",
    columns: {
      rule_id: text(100).notNullable(),
      rule_version: int().notNullable().withDefault(1),
      rule_category: text(100).notNullable(),
      rule_json: json().notNullable(),
      conditions_json: json().withDefault({}),
      effects_json: json().withDefault({}),
      source_url: text(1000),
      source_section: text(500),
      approved_by_user_id: uuid(),
      approved_at: timestamp().notNullable(),
      is_active: bool().withDefault(true),
      superseded_by: uuid(),
      effective_from: timestamp().notNullable(),
      effective_until: timestamp(),
      description: text(),
      tags: json().withDefault([]),
      metadata: json().withDefault({}),
    },
    unique: [['org_id', 'rule_id', 'rule_version']],
    indexes: [['rule_category'], ['effective_from', 'effective_until']],
  }),
  t({
    name: 'eligibility_assessments',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §3.2.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      person_id: uuid().notNullable().refs('persons'),
      assessment_type: text(100).notNullable(),
      immigration_program: text(100).notNullable(),
      input_data: json().notNullable(),
      rules_version: text(50).notNullable(),
      is_eligible: bool(),
      eligibility_score: decimal(),
      confidence_level: decimal(),
      assessment_results: json().notNullable(),
      rules_applied: json().notNullable(),
      reasoning: json().notNullable(),
      recommendations: json().withDefault([]),
      improvement_suggestions: json().withDefault([]),
      assessed_by_agent: text(100),
      processing_time_ms: int(),
      reviewed_by_user_id: uuid(),
      reviewed_at: timestamp(),
      review_status: text(50).withDefault('pending'),
    },
    indexes: [['case_id'], ['person_id']],
  }),
  t({
    name: 'crs_calculations',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §3.2. core_factors holds the whole validated profile so the calculation can be replayed under its rules_version.',
    columns: {
      case_id: uuid().notNullable().refs('cases'),
      person_id: uuid().notNullable().refs('persons'),
      calculation_type: text(50).notNullable().oneOf(['initial', 'updated', 'what_if']),
      calculation_date: timestamp().notNullable(),
      core_factors: json().notNullable(),
      spouse_factors: json().withDefault({}),
      skill_transferability: json().withDefault({}),
      additional_factors: json().withDefault({}),
      total_score: int().notNullable(),
      core_score: int().notNullable(),
      spouse_score: int().withDefault(0),
      skill_transferability_score: int().withDefault(0),
      additional_score: int().withDefault(0),
      score_breakdown: json().notNullable(),
      rules_applied: json().notNullable(),
      improvement_scenarios: json().withDefault([]),
      recommendations: json().withDefault([]),
      calculated_by_agent: text(100),
      rules_version: text(50).notNullable(),
    },
    indexes: [['case_id'], ['person_id']],
  }),
  t({
    name: 'ai_sessions',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §4.1. On the laptop "AI" means local models (OCR, extraction, embeddings); sessions record their runs.',
    columns: {
      case_id: uuid().refs('cases'),
      session_type: text(100).notNullable(),
      initiated_by_user_id: uuid(),
      context: json().withDefault({}),
      initial_prompt: text(),
      status: text(50).withDefault('active').oneOf(['active', 'completed', 'failed', 'timeout']),
      started_at: timestamp(),
      completed_at: timestamp(),
      duration_ms: int(),
      final_output: json().withDefault({}),
      confidence_score: decimal(),
      agent_version: text(50),
      model_version: text(50),
    },
    indexes: [['case_id']],
  }),
  t({
    name: 'ai_messages',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §4.1 plus org_id and case_id.',
    columns: {
      case_id: uuid().refs('cases'),
      session_id: uuid().notNullable().refs('ai_sessions'),
      message_type: text(50).notNullable(),
      role: text(50).notNullable().oneOf(['user', 'assistant', 'system']),
      content: text().notNullable(),
      tokens_used: int(),
      processing_time_ms: int(),
      model_used: text(100),
      metadata: json().withDefault({}),
    },
    indexes: [['session_id']],
  }),
  t({
    name: 'ai_actions',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §4.1 plus case_id. Extraction proposals (passport MRZ fields) wait here with requires_approval until a person approves them.',
    columns: {
      case_id: uuid().refs('cases'),
      session_id: uuid(),
      action_type: text(100).notNullable(),
      agent_name: text(100).notNullable(),
      input_data: json().notNullable(),
      output_data: json().withDefault({}),
      status: text(50).withDefault('pending').oneOf(['pending', 'completed', 'failed', 'approved', 'rejected']),
      success: bool(),
      error_message: text(),
      requires_approval: bool().withDefault(false),
      approved_by_user_id: uuid(),
      approved_at: timestamp(),
      started_at: timestamp(),
      completed_at: timestamp(),
      duration_ms: int(),
      confidence_score: decimal(),
      metadata: json().withDefault({}),
    },
    indexes: [['case_id'], ['requires_approval', 'approved_at']],
  }),
  t({
    name: 'config_case_types',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §4.2. System defaults (§10.1) belong to the system org; an org row with the same code overrides it.',
    columns: {
      code: text(100).notNullable(),
      label: text(255).notNullable(),
      description: text(),
      category: text(100),
      config: json().notNullable().withDefault({}),
      required_fields: json().withDefault([]),
      optional_fields: json().withDefault([]),
      is_active: bool().withDefault(true),
      is_system_default: bool().withDefault(false),
    },
    unique: [['org_id', 'code']],
  }),
  t({
    name: 'config_fields',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §4.2.',
    columns: {
      case_type_id: uuid().refs('config_case_types'),
      field_key: text(100).notNullable(),
      label: text(255).notNullable(),
      input_type: text(50).notNullable().oneOf(['text', 'textarea', 'number', 'date', 'select', 'multiselect', 'checkbox', 'email', 'phone']),
      validation_rules: json().withDefault({}),
      is_required: bool().withDefault(false),
      display_order: int().withDefault(0),
      help_text: text(),
      placeholder: text(255),
      options: json().withDefault([]),
    },
    indexes: [['case_type_id']],
  }),
  t({
    name: 'config_forms',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §4.2.',
    columns: {
      case_type_id: uuid().refs('config_case_types'),
      form_key: text(100).notNullable(),
      label: text(255).notNullable(),
      description: text(),
      steps: json().withDefault([]),
      layout: json().withDefault({}),
      display_order: int().withDefault(0),
      is_active: bool().withDefault(true),
    },
    unique: [['org_id', 'case_type_id', 'form_key']],
  }),
  t({
    name: 'config_checklists',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §4.2. items: [{key, label, required?, documentType?}].',
    columns: {
      case_type_id: uuid().refs('config_case_types'),
      checklist_key: text(100).notNullable(),
      label: text(255).notNullable(),
      description: text(),
      items: json().notNullable().withDefault([]),
      dependencies: json().withDefault({}),
      visibility_conditions: json().withDefault({}),
      is_active: bool().withDefault(true),
    },
    unique: [['org_id', 'case_type_id', 'checklist_key']],
  }),
  t({
    name: 'config_feature_flags',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §4.2. rollout_percentage is checked (0..100) by the zod validator on both sides.',
    columns: {
      flag_key: text(100).notNullable(),
      label: text(255).notNullable(),
      description: text(),
      is_enabled: bool().withDefault(false),
      config: json().withDefault({}),
      rollout_percentage: int().withDefault(0),
      target_users: json().withDefault([]),
    },
    unique: [['org_id', 'flag_key']],
  }),
  t({
    name: 'config_change_proposals',
    scope: 'org',
    writableBy: caseTeam,
    comment: 'Seed 000 §4.2.',
    columns: {
      title: text(255).notNullable(),
      description: text().notNullable(),
      change_type: text(100).notNullable(),
      target_entity: text(100).notNullable(),
      target_id: uuid(),
      proposed_changes: json().notNullable(),
      risk_level: text(20).withDefault('MEDIUM').oneOf(['LOW', 'MEDIUM', 'HIGH']),
      affected_entities: json().withDefault([]),
      rollback_plan: text(),
      status: text(50).withDefault('PENDING').oneOf(['PENDING', 'APPROVED', 'REJECTED', 'APPLIED']),
      approved_by: uuid(),
      approved_at: timestamp(),
      rejection_reason: text(),
      proposed_by: uuid(),
    },
  }),
  t({
    name: 'config_change_log',
    scope: 'org',
    writableBy: caseTeam,
    comment: 'Seed 000 §4.2. Rule approvals are logged here too (target_entity approved_rules).',
    columns: {
      proposal_id: uuid(),
      change_type: text(100).notNullable(),
      target_entity: text(100).notNullable(),
      target_id: uuid(),
      old_values: json(),
      new_values: json(),
      diff: json(),
      applied_by: uuid(),
    },
  }),
  t({
    name: 'templates',
    scope: 'org',
    writableBy: managers,
    comment:
      'Seed 000 §4.2; the default templates of §10.1 are system-org rows. The seed\'s version column is renamed template_version: "version" is the sync column on every table.',
    columns: {
      template_type: text(100).notNullable(),
      name: text(255).notNullable(),
      description: text(),
      content: text().notNullable(),
      variables: json().withDefault([]),
      config: json().withDefault({}),
      is_active: bool().withDefault(true),
      is_system_default: bool().withDefault(false),
      template_version: int().withDefault(1),
      created_by: uuid(),
    },
  }),
  t({
    name: 'leads',
    scope: 'org',
    writableBy: caseTeam,
    comment: "Seed 000 §5.1. Leads are the firm's pipeline, visible to every member of the org.",
    columns: {
      lead_number: text(50),
      status: text(50).withDefault('new').oneOf(['new', 'qualified', 'contacted', 'converted', 'lost']),
      first_name: text(100),
      last_name: text(100),
      email: text(255),
      phone: text(20),
      immigration_interest: text(100),
      current_country: text(100),
      target_province: text(50),
      source: text(100),
      source_details: json().withDefault({}),
      utm_parameters: json().withDefault({}),
      lead_score: int().withDefault(0),
      qualification_status: text(50).oneOf(['unqualified', 'qualified', 'disqualified']),
      qualification_notes: text(),
      assigned_to_user_id: uuid(),
      last_contacted_at: timestamp(),
      next_follow_up_at: timestamp(),
      converted_to_case_id: uuid(),
      converted_at: timestamp(),
      conversion_value: decimal(),
      custom_fields: json().withDefault({}),
      notes: text(),
      tags: json().withDefault([]),
      // The CRM pack (issue 20): the contact the enquiry came from, the case type asked about, when the
      // firm first answered (response time is a scoring factor), why it was lost, and the score's factors.
      contact_id: uuid(),
      case_type: text(50),
      first_response_at: timestamp(),
      closed_reason: text(500),
      score_explanation: json(),
    },
    unique: [['org_id', 'lead_number']],
    indexes: [['status'], ['next_follow_up_at']],
  }),
  t({
    name: 'lead_activities',
    scope: 'org',
    writableBy: caseTeam,
    comment: 'Seed 000 §5.1.',
    columns: {
      lead_id: uuid().notNullable().refs('leads'),
      activity_type: text(100).notNullable(),
      subject: text(255),
      description: text(),
      activity_date: timestamp().notNullable(),
      duration_minutes: int(),
      performed_by_user_id: uuid(),
      outcome: text(100),
      next_action: text(255),
      metadata: json().withDefault({}),
    },
    indexes: [['lead_id']],
  }),
  t({
    name: 'invoices',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: 'Seed 000 §6.1. invoice_number is unique per org.',
    columns: {
      case_id: uuid().refs('cases'),
      invoice_number: text(100).notNullable(),
      invoice_type: text(50).withDefault('standard').oneOf(['standard', 'retainer', 'expense', 'credit_note']),
      status: text(50).withDefault('draft').oneOf(['draft', 'sent', 'paid', 'overdue', 'cancelled']),
      subtotal: decimal().notNullable(),
      tax_amount: decimal().withDefault('0'),
      total_amount: decimal().notNullable(),
      currency: text(3).withDefault('CAD'),
      bill_to_name: text(255).notNullable(),
      bill_to_email: text(255),
      billing_address: json().withDefault({}),
      line_items: json().notNullable().withDefault([]),
      invoice_date: date().notNullable(),
      due_date: date().notNullable(),
      paid_date: date(),
      payment_method: text(50),
      payment_reference: text(255),
      notes: text(),
      custom_fields: json().withDefault({}),
      created_by: uuid(),
    },
    unique: [['org_id', 'invoice_number']],
    indexes: [['case_id'], ['status'], ['due_date']],
  }),
  t({
    name: 'payments',
    scope: 'case',
    caseColumn: 'case_id',
    writableBy: caseTeam,
    comment: "Seed 000 §6.1. processor columns are kept for payments recorded from a processor's statement; the laptop never talks to one.",
    columns: {
      case_id: uuid().refs('cases'),
      invoice_id: uuid().refs('invoices'),
      payment_number: text(100),
      payment_type: text(50).oneOf(['credit_card', 'bank_transfer', 'check', 'cash', 'e_transfer', 'trust_transfer']),
      amount: decimal().notNullable(),
      currency: text(3).withDefault('CAD'),
      payment_processor: text(50),
      processor_transaction_id: text(255),
      processor_fee: decimal().withDefault('0'),
      status: text(50).withDefault('pending').oneOf(['pending', 'completed', 'failed', 'refunded']),
      payment_date: timestamp().notNullable(),
      processed_at: timestamp(),
      payment_method_details: json().withDefault({}),
      notes: text(),
    },
    indexes: [['case_id'], ['invoice_id']],
  }),
  t({
    name: 'data_retention_policies',
    scope: 'org',
    writableBy: managers,
    comment: 'Seed 000 §8.2 plus org_id (defaults are system-org rows; an org may override per table).',
    columns: {
      table_name: text(100).notNullable(),
      retention_period_days: int().notNullable(),
      archive_after_days: int(),
      delete_after_days: int(),
      conditions: json().withDefault({}),
      is_active: bool().withDefault(true),
    },
    unique: [['org_id', 'table_name']],
  }),
  t({
    name: 'audit_log',
    scope: 'local',
    writableBy: [],
    comment:
      "Seed 000 §7.1: the laptop's own record of local changes, hash-chained like the server's. Never pushed: the server writes its own entry for every mutation it applies. ip_address and user_agent are left out: a laptop has neither for its own user.",
    columns: {
      event_type: text(100).notNullable(),
      table_name: text(100),
      record_id: uuid(),
      user_id: uuid(),
      user_email: text(255),
      user_role: text(50),
      old_values: json(),
      new_values: json(),
      changed_fields: json().withDefault([]),
      request_id: text(100),
      description: text(),
      metadata: json().withDefault({}),
      seq: bigint().notNullable(),
      prev_hash: text(64).notNullable(),
      hash: text(64).notNullable(),
    },
    unique: [['seq']],
    indexes: [['table_name', 'record_id']],
  }), // Domain packs' tables (each pack declares its own, in its folder).
  ...DEBT_ADVICE_TABLES,
  // Versioned configuration of case types (src-shared/config).
  ...CONFIG_TABLES,
  // Consent records (src-shared/privacy, issue 19).
  ...PRIVACY_TABLES,
  // The CRM pack: contacts, pipelines, deals, activities, tickets (src-shared/crm, issue 20).
  ...CRM_TABLES,
];

/** The sync columns every table carries (ARCHITECTURE.md, Sync). created_at is the seed's. */
export function syncColumns(spec: TableSpec): Record<string, ColumnSpec> {
  const cols: Record<string, ColumnSpec> = { id: { kind: 'uuid', notNull: true } };
  if (spec.scope !== 'directory') cols.org_id = { kind: 'uuid', notNull: true, references: 'organizations' };
  cols.version = { kind: 'bigint', notNull: true, default: 0 };
  cols.created_at = { kind: 'timestamp', notNull: true };
  cols.updated_at = { kind: 'timestamp', notNull: true };
  cols.updated_by = { kind: 'uuid', notNull: false };
  cols.deleted_at = { kind: 'timestamp', notNull: false };
  return cols;
}

/** Every column of a table, sync columns first. */
export function columnsOf(spec: TableSpec): Record<string, ColumnSpec> {
  return { ...syncColumns(spec), ...spec.columns };
}

/**
 * Columns that name the user who did something (reviewed, approved, applied, created, uploaded...): a
 * writer may only put its own id there (or leave the stored value as it is), never someone else's, so
 * an entry cannot claim another person's approval. updated_by is set by the server itself.
 * superseded_by names a rule, not a person.
 */
export function actorColumns(spec: TableSpec): string[] {
  return Object.entries(spec.columns)
    .filter(([name, col]) => col.kind === 'uuid' && /_by(_user_id)?$/.test(name) && name !== 'superseded_by')
    .map(([name]) => name);
}

export const TABLES: Readonly<Record<string, TableSpec>> = Object.freeze(Object.fromEntries(tableList.map((s) => [s.name, s])));
export const TABLE_NAMES = tableList.map((s) => s.name);
/** Tables that travel through push and shapes. */
export const SYNCED_TABLES = tableList.filter((s) => s.scope !== 'local').map((s) => s.name);
export type TableName = (typeof tableList)[number]['name'];

export function tableSpec(name: string): TableSpec {
  const spec = TABLES[name];
  if (!spec) throw new Error(`unknown table "${name}"`);
  return spec;
}
